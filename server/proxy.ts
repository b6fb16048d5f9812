// The forward proxy: CONNECT and absolute-form requests for emulated hosts are answered here; nothing is ever forwarded out.
import type { IncomingMessage } from 'node:http';
import { isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { refuseHttp2, sniff } from './sniff.ts';

export interface ProxyOptions {
  /** Every emulated host name, lower case. */
  emulated: ReadonlySet<string>;
  /** True for the server's own address (its names on its port): a request for it is served as a direct one. */
  isSelf(host: string, port: number): boolean;
  /** Takes a tunnel whose first byte is TLS; absent without `--https`. */
  acceptTls?: (socket: Socket) => void;
  /** Serves a plain connection as HTTP/1.1 (the HTTP server's own connection handling). */
  serveHttp(socket: Socket): void;
  /** A tunnel that sends nothing within this time is closed. */
  idleTimeoutMs: number;
  /** Called with every tunnel, so that closing the server closes it too. */
  track(socket: Socket): void;
}

export interface Refusal {
  status: 400 | 403;
  error: string;
  description: string;
}

/** The ports a real provider host answers on; anything else would fail in production too. */
const PORTS = { 443: 'https', 80: 'http' } as const;

/** `host:port` or `[v6]:port` (RFC 9110 9.3.6: CONNECT takes authority-form only). */
export function parseAuthority(target: string): { host: string; port: number } | undefined {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(target);
  if (!match) return undefined;
  const host = (match[1] ?? match[2]!).toLowerCase();
  const port = Number(match[3]);
  if (port < 1 || port > 65535 || (match[1] !== undefined && isIP(host) !== 6)) return undefined;
  return { host, port };
}

/** Where a proxied request may go: the server itself, an emulated host on 443/80, or nowhere (with the reason). */
export function decide(options: Pick<ProxyOptions, 'emulated' | 'isSelf'>, host: string, port: number, kind: 'CONNECT' | 'request'): 'self' | 'emulated' | Refusal {
  if (options.isSelf(host, port)) return 'self';
  const known = [...options.emulated].join(', ');
  if (!options.emulated.has(host)) {
    return {
      status: 403,
      error: 'host_not_emulated',
      description: `oauth-doubles refused the ${kind} for ${host}:${port}: no provider is emulated on ${host}, and this proxy never connects anywhere else. Emulated hosts: ${known}.`,
    };
  }
  if (!(port in PORTS)) {
    return {
      status: 403,
      error: 'port_not_emulated',
      description: `oauth-doubles refused the ${kind} for ${host}:${port}: ${host} answers on port 443 (https) and 80 (http) only, as the real host does.`,
    };
  }
  return 'emulated';
}

/** RFC 9209 Proxy-Status: the reason in a header too, since most clients do not show a refused CONNECT's body. */
function proxyStatus(refusal: Refusal): string {
  const details = refusal.description.replace(/[^\x20-\x7e]/g, '?').replace(/["\\]/g, '\\$&');
  return `oauth-doubles; error=http_request_denied; details="${details}"`;
}

export function refusalResponse(refusal: Refusal): Response {
  return Response.json(
    { error: refusal.error, error_description: refusal.description },
    { status: refusal.status, headers: { 'proxy-status': proxyStatus(refusal) } },
  );
}

function refuseTunnel(socket: Duplex, refusal: Refusal): void {
  const body = JSON.stringify({ error: refusal.error, error_description: refusal.description });
  const reason = refusal.status === 400 ? 'Bad Request' : 'Forbidden';
  socket.end(
    `HTTP/1.1 ${refusal.status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
      `proxy-status: ${proxyStatus(refusal)}\r\nconnection: close\r\n\r\n${body}`,
  );
  // A client that never reads its refusal must not hold the socket open.
  setTimeout(() => socket.destroy(), 1000).unref();
}

/**
 * The HTTP server's `connect` listener. A tunnel to an emulated host (or to this server) is not opened to
 * anywhere: its bytes are read here, TLS terminated with a leaf from the local CA, and the requests inside
 * served by the same HTTP handling, harness, journal, scenarios and clock as every other request.
 */
export function connectHandler(options: ProxyOptions): (request: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (request, duplex, head) => {
    const socket = duplex as Socket;
    socket.on('error', () => undefined);
    options.track(socket);
    const target = parseAuthority(request.url ?? '');
    if (!target) {
      refuseTunnel(socket, {
        status: 400,
        error: 'invalid_request',
        description: `oauth-doubles cannot read the CONNECT target "${(request.url ?? '').slice(0, 100)}": it must be host:port, e.g. api.octorate.com:443.`,
      });
      return;
    }
    const decision = decide(options, target.host, target.port, 'CONNECT');
    if (typeof decision === 'object') return refuseTunnel(socket, decision);
    const wantsTls = target.port === 443 || decision === 'self';
    if (target.port === 443 && !options.acceptTls) {
      return refuseTunnel(socket, {
        status: 403,
        error: 'https_not_enabled',
        description: `oauth-doubles intercepts https://${target.host} only when started with --https (startServer({ https: true })).`,
      });
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    sniff(socket, options.idleTimeoutMs, (protocol) => {
      if (protocol === 'http2') refuseHttp2(socket);
      else if (protocol === 'http1') options.serveHttp(socket);
      else if (wantsTls && options.acceptTls) options.acceptTls(socket);
      // TLS to port 80: the real host would not answer it either.
      else socket.destroy();
    });
  };
}

/** Absolute-form (RFC 9112 3.2.2): what a client sends to a proxy for an http:// URL. */
export function isAbsoluteForm(requestTarget: string): boolean {
  return requestTarget.startsWith('http://') || requestTarget.startsWith('https://');
}

/** An absolute-form request: to the server itself as if sent directly, to an emulated host through the harness, else refused. */
export function forwardRequest(
  options: Pick<ProxyOptions, 'emulated' | 'isSelf'>,
  request: Request,
  direct: (request: Request) => Response | Promise<Response>,
  emulated: (request: Request) => Response | Promise<Response>,
): Response | Promise<Response> {
  const url = new URL(request.url);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const decision = decide(options, host, port, 'request');
  if (decision === 'self') return direct(request);
  if (decision === 'emulated') return emulated(withoutProxyHeaders(request));
  return refusalResponse(decision);
}

/** RFC 9110 7.6.1, 11.7.2: headers meant for the proxy end here; the real host would never see them. */
const PROXY_HEADERS = ['proxy-authorization', 'proxy-connection'];

function withoutProxyHeaders(request: Request): Request {
  if (!PROXY_HEADERS.some((name) => request.headers.has(name))) return request;
  const headers = new Headers(request.headers);
  for (const name of PROXY_HEADERS) headers.delete(name);
  return new Request(request.url, { method: request.method, headers, body: request.body, duplex: 'half' } as RequestInit);
}
