// Wires the proxy and optional TLS onto the HTTP server: one port serves plain HTTP, TLS, CONNECT and absolute-form requests.
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { connectHandler, forwardRequest, type ProxyOptions } from './proxy.ts';
import { refuseHttp2, sniff } from './sniff.ts';

export interface Interception {
  /** Answers an absolute-form request (the client took this server for its proxy). */
  forward(request: Request, direct: (request: Request) => Response | Promise<Response>, emulated: (request: Request) => Response | Promise<Response>): Response | Promise<Response>;
  /** Closes tunnels and connections still being sniffed, which the HTTP server no longer tracks. */
  destroyAll(): void;
}

export interface InterceptionOptions {
  emulatedHosts: readonly string[];
  /** The names the server answers to as itself: localhost, 127.0.0.1, ::1 and the bind address. */
  localNames: readonly string[];
  /** With `--https`: takes a socket whose first byte is TLS. */
  acceptTls?: (socket: Socket) => void;
  /** A connection or tunnel that sends nothing within this time is closed. */
  idleTimeoutMs: number;
}

/**
 * Call right after the server is created, before it accepts connections. With TLS, every connection's
 * first byte decides: a TLS record goes to the terminator, anything else to the HTTP server as before.
 * Without TLS, plain connections are not touched at all.
 */
export function installInterception(server: HttpServer, options: InterceptionOptions): { interception: Interception; serveHttp: (socket: Socket) => void } {
  const httpListeners = server.listeners('connection') as Array<(socket: Socket) => void>;
  const serveHttp = (socket: Socket): void => {
    for (const listener of httpListeners) listener.call(server, socket);
  };
  const open = new Set<Socket>();
  const track = (socket: Socket): void => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };
  const emulated = new Set(options.emulatedHosts.map((h) => h.toLowerCase()));
  const local = new Set(options.localNames.map((n) => n.toLowerCase()));
  const proxy: ProxyOptions = {
    emulated,
    isSelf: (host, port) => local.has(host) && port === (server.address() as AddressInfo | null)?.port,
    acceptTls: options.acceptTls,
    serveHttp,
    idleTimeoutMs: options.idleTimeoutMs,
    track,
  };
  if (options.acceptTls) {
    const acceptTls = options.acceptTls;
    server.removeAllListeners('connection');
    server.on('connection', (socket: Socket) => {
      track(socket);
      sniff(socket, options.idleTimeoutMs, (protocol) => {
        if (protocol === 'tls') acceptTls(socket);
        else if (protocol === 'http2') refuseHttp2(socket);
        else serveHttp(socket);
      });
    });
  }
  server.on('connect', connectHandler(proxy));
  return {
    serveHttp,
    interception: {
      forward: (request, direct, emulatedFetch) => forwardRequest(proxy, request, direct, emulatedFetch),
      destroyAll: () => {
        for (const socket of open) socket.destroy();
      },
    },
  };
}
