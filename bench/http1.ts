// HTTP/1.1 response framing for the raw-socket load generators: where one response ends in a buffer.
import { connect, type Socket } from 'node:net';

const HEAD_END = Buffer.from('\r\n\r\n');
const CHUNKED_END = Buffer.from('\r\n0\r\n\r\n');

/** Byte length of the first complete response in buf, or -1 while it is incomplete. */
export function responseEnd(buf: Buffer): number {
  const head = buf.indexOf(HEAD_END);
  if (head === -1) return -1;
  const text = buf.toString('latin1', 0, head).toLowerCase();
  const at = text.indexOf('\r\ncontent-length:');
  if (at !== -1) {
    const total = head + 4 + parseInt(text.slice(at + 17), 10);
    return buf.length >= total ? total : -1;
  }
  const last = buf.indexOf(CHUNKED_END, head);
  return last === -1 ? -1 : last + CHUNKED_END.length;
}


export interface RawAnswer {
  status: number;
  /** The body as text (chunked bodies decoded). */
  body: string;
  ms: number;
}

function bodyOf(response: Buffer): string {
  const head = response.indexOf(HEAD_END);
  const headText = response.toString('latin1', 0, head).toLowerCase();
  const rest = response.subarray(head + 4);
  if (headText.includes('\r\ncontent-length:')) return rest.toString('utf8');
  // Chunked: size line, data, CRLF, … until a zero-size chunk.
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const line = rest.indexOf('\r\n', at);
    const size = parseInt(rest.toString('latin1', at, line), 16);
    if (!size) break;
    parts.push(rest.subarray(line + 2, line + 2 + size));
    at = line + 2 + size + 2;
  }
  return Buffer.concat(parts).toString('utf8');
}

/** One keep-alive HTTP/1.1 connection to a loopback port, one request at a time, µs-precise latency. */
export class Connection {
  readonly #port: number;
  #socket: Socket | null = null;
  #buf: Buffer | null = null;
  #pending: { resolve(a: RawAnswer): void; reject(e: Error): void; sentAt: number } | null = null;

  constructor(port: number) {
    this.#port = port;
  }

  #open(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect(this.#port, '127.0.0.1');
      socket.setNoDelay(true);
      socket.once('connect', () => resolve(socket));
      socket.once('error', reject);
      socket.on('data', (chunk: Buffer) => this.#data(chunk));
      socket.on('close', () => {
        this.#socket = null;
        this.#buf = null;
        this.#pending?.reject(new Error('connection closed'));
        this.#pending = null;
      });
      socket.on('error', () => undefined);
      this.#socket = socket;
    });
  }

  #data(chunk: Buffer): void {
    this.#buf = this.#buf ? Buffer.concat([this.#buf, chunk]) : chunk;
    const end = responseEnd(this.#buf);
    if (end === -1 || !this.#pending) return;
    const response = this.#buf.subarray(0, end);
    this.#buf = end === this.#buf.length ? null : this.#buf.subarray(end);
    const { resolve, sentAt } = this.#pending;
    this.#pending = null;
    resolve({ status: Number(response.toString('latin1', 9, 12)), body: bodyOf(response), ms: performance.now() - sentAt });
  }

  async request(method: string, path: string, headers: Record<string, string> = {}, body = ''): Promise<RawAnswer> {
    const socket = this.#socket ?? (await this.#open());
    let head = `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${this.#port}\r\n`;
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
    if (body !== '' || method === 'POST') head += `Content-Length: ${Buffer.byteLength(body)}\r\n`;
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject, sentAt: performance.now() };
      socket.write(`${head}\r\n${body}`);
    });
  }

  close(): void {
    this.#socket?.destroy();
  }
}
