// Reads a connection's first bytes to tell TLS from plain HTTP/1.1 on one port (and HTTP/2, refused clearly), bounded in time.
import type { Socket } from 'node:net';

/** RFC 8446 5.1: a TLS connection opens with a handshake record, content type 22. */
const TLS_HANDSHAKE = 0x16;
/** RFC 9113 3.4: the client connection preface of HTTP/2 with prior knowledge. */
const H2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n');

export type Protocol = 'tls' | 'http2' | 'http1';

/**
 * Calls `route` with what the client speaks, the bytes put back for the next reader. A connection that
 * sends nothing within `timeoutMs` is closed; one that closes first is forgotten.
 */
export function sniff(socket: Socket, timeoutMs: number, route: (protocol: Protocol) => void): void {
  const timer = setTimeout(() => socket.destroy(), timeoutMs);
  timer.unref();
  const onError = (): void => undefined;
  const done = (): void => {
    clearTimeout(timer);
    socket.removeListener('readable', onReadable);
    socket.removeListener('close', done);
    socket.removeListener('error', onError);
  };
  const onReadable = (): void => {
    const chunk = socket.read() as Buffer | null;
    if (chunk === null) return;
    done();
    socket.unshift(chunk);
    const h2 = chunk.length >= 4 && chunk.subarray(0, H2_PREFACE.length).equals(H2_PREFACE.subarray(0, Math.min(chunk.length, H2_PREFACE.length)));
    route(chunk[0] === TLS_HANDSHAKE ? 'tls' : h2 ? 'http2' : 'http1');
  };
  socket.on('error', onError);
  socket.once('close', done);
  socket.on('readable', onReadable);
}

/**
 * RFC 9113: the server's preface (an empty SETTINGS frame) then GOAWAY with HTTP_1_1_REQUIRED (0xd), so an
 * HTTP/2 client reports why instead of a bare reset; the debug data says it in words.
 */
export function refuseHttp2(socket: Socket): void {
  const debug = Buffer.from('oauth-doubles speaks HTTP/1.1 only (TLS offers it by ALPN); retry with HTTP/1.1.');
  const settings = Buffer.from([0, 0, 0, 0x4, 0, 0, 0, 0, 0]);
  const goaway = Buffer.alloc(9 + 8 + debug.length);
  goaway.writeUIntBE(8 + debug.length, 0, 3);
  goaway[3] = 0x7;
  goaway.writeUInt32BE(0, 5);
  goaway.writeUInt32BE(0, 9);
  goaway.writeUInt32BE(0xd, 13);
  debug.copy(goaway, 17);
  socket.end(Buffer.concat([settings, goaway]));
  setTimeout(() => socket.destroy(), 1000).unref();
}
