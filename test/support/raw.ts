// Raw TCP conversations with a server: send bytes, read what comes back until the server closes or a deadline passes.
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  /** Everything the server sent, as latin1 text. */
  text: string;
  bytes: Buffer;
  /** True when the server closed the connection before the deadline. */
  closedByServer: boolean;
  /** Milliseconds from connect to close (or to the deadline). */
  elapsedMs: number;
}

/** Opens a connection, lets `script` write to it, and collects the answer for at most `deadlineMs`. */
export function rawConversation(port: number, script: (socket: Socket) => void, deadlineMs = 5000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const started = Date.now();
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (closedByServer: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      const bytes = Buffer.concat(chunks);
      resolve({ text: bytes.toString('latin1'), bytes, closedByServer, elapsedMs: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false), deadlineMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('close', () => finish(true));
    socket.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    socket.once('connect', () => script(socket));
  });
}

/** Sends bytes and half-closes nothing: the server decides when the conversation ends. */
export const send = (port: number, data: string | Buffer, deadlineMs?: number): Promise<RawAnswer> =>
  rawConversation(port, (socket) => socket.write(data), deadlineMs);
