// HTTP transport: every emulated host on one port, as /<real-host>/<path> or by Host header, plus the admin API.
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Harness, TransportEnv } from '../core/harness.ts';
import { adminApp } from './admin.ts';
import { clientEnvironment } from './client-env.ts';
import { installInterception, type Interception } from './interception.ts';
import { isAbsoluteForm } from './proxy.ts';
import { defaultCaDir } from './tls/ca-dir.ts';
import { isLoopback } from '../core/loopback.ts';
import { ADMIN_BODY_LIMIT, adminGuard, isWildcard } from './admin-guard.ts';

export interface ServeOptions {
  harness: Harness;
  /** 0 picks any free port. */
  port?: number;
  /** Loopback unless told otherwise. */
  hostname?: string;
  /** Required of every admin request when set; required to be set when `hostname` is not loopback. */
  adminToken?: string;
  /** Host names, besides loopback and the bound address, the admin API answers to (a name in /etc/hosts, a tunnel). */
  allowedHosts?: string[];
  /** Largest admin request body in bytes (default 256 KiB). */
  adminBodyLimitBytes?: number;
  /** A client must have sent its request headers within this time (default 5 s); slow-header clients are dropped. */
  headersTimeoutMs?: number;
  /** A client must have sent its whole request within this time (default 10 s); answers may take longer (slow scenarios). */
  requestTimeoutMs?: number;
  /** Also serve TLS on the same port and intercept `CONNECT` to emulated hosts, with a local CA. */
  https?: boolean | HttpsOptions;
}

export interface HttpsOptions {
  /** Where the CA is kept between runs (default `$XDG_DATA_HOME/oauth-doubles/ca` or `~/.local/share/oauth-doubles/ca`). */
  caDir?: string;
  /** A connection that sends nothing, or does not finish its TLS handshake, within this time is closed (default 10 s). */
  handshakeTimeoutMs?: number;
}

export interface RunningServer {
  /** A URL to reach the server from this machine: `http://127.0.0.1:<port>` (also when bound to every interface). */
  readonly url: string;
  /** The address really bound: `http://0.0.0.0:<port>` when bound to every interface. */
  readonly address: string;
  /** True when bound to something other than loopback: reachable from the network. */
  readonly exposed: boolean;
  readonly port: number;
  /** The server's own request handler (admin API and every host), for callers in the same process. */
  readonly handle: (request: Request) => Response | Promise<Response>;
  /** The local base URL of a real host: `http://127.0.0.1:<port>/<host>`. */
  base(host: string): string;
  /** The same port as a forward proxy: `HTTPS_PROXY`/`HTTP_PROXY` for clients that call the real URLs. */
  readonly proxyUrl: string;
  /** `HTTP(S)_PROXY` and the CA variables of common stacks, for a client process: `{ ...process.env, ...server.clientEnv }`. */
  readonly clientEnv: Readonly<Record<string, string>>;
  /** With `https`: the TLS URL of the same port and the CA certificate clients must trust. */
  readonly https?: { readonly url: string; readonly caFile: string; readonly caDir: string; readonly caCreated: boolean };
  close(): Promise<void>;
}

const IDLE_TIMEOUT_MS = 10_000;
const WILDCARD = new Set(['0.0.0.0', '::', '']);

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const { harness } = options;
  const hostname = options.hostname ?? '127.0.0.1';
  const exposed = !isLoopback(hostname);
  if (exposed && !options.adminToken) {
    throw new Error(`Binding ${hostname} exposes the admin API (every secret, the clock, redirect URIs) to the network: set an admin token (--admin-token).`);
  }
  // The admin API behind its guard (server/admin-guard.ts): Host, Origin, JSON only, size, token.
  const admin = new Hono();
  admin.use(adminGuard({ boundHost: hostname, allowedHosts: options.allowedHosts, token: options.adminToken, bodyLimitBytes: options.adminBodyLimitBytes ?? ADMIN_BODY_LIMIT }));
  const adminRoutes = adminApp(harness);
  admin.all('*', (c) => adminRoutes.fetch(c.req.raw));
  // Links under the local prefix start at the server's own address, known once it listens.
  let localOrigin = '';
  const toHarness = (request: Request, env?: TransportEnv): Promise<Response> => {
    // The adapter's per-request env (raw headers for the journal) carries the origin for links too.
    if (env) env.localOrigin = localOrigin;
    return harness.fetch(request, env ?? { localOrigin });
  };
  const emulatedHosts = harness.hosts.map((h) => h.host);
  const emulated = new Set(emulatedHosts);
  const direct = (request: Request, env?: TransportEnv): Response | Promise<Response> => {
    // Admin paths are checked without parsing the URL: this runs on every request.
    const url = request.url;
    const authorityStart = url.indexOf('//') + 2;
    const pathStart = url.indexOf('/', authorityStart);
    if (!url.startsWith('/__admin', pathStart)) return toHarness(request, env);
    // On an emulated host's name (Host header, proxy, CONNECT tunnel) the path is that host's, as on the real one.
    const host = url.slice(authorityStart, pathStart).replace(/:\d+$/, '').toLowerCase();
    return emulated.has(host) ? toHarness(request, env) : admin.fetch(request);
  };
  let interception: Interception | undefined;
  const fetch = (request: Request, env?: TransportEnv & { incoming?: { url?: string } }): Response | Promise<Response> => {
    const target = env?.incoming?.url;
    if (interception && target !== undefined && target.charCodeAt(0) !== 47 && isAbsoluteForm(target)) {
      // node's raw headers describe the request as received: not one the proxy rewrote.
      return interception.forward(request, (r) => direct(r, env), (r) => toHarness(r, r === request ? env : undefined));
    }
    return direct(request, env);
  };

  const localNames = ['localhost', '127.0.0.1', '::1', ...(WILDCARD.has(hostname) ? [] : [hostname])];
  const httpsOptions = options.https === true ? {} : options.https || undefined;
  const idleTimeoutMs = httpsOptions?.handshakeTimeoutMs ?? IDLE_TIMEOUT_MS;
  let serveHttp: (socket: Socket) => void = (socket) => socket.destroy();
  // Loaded only with https: certificate generation stays off the cold start of a plain server.
  const tls = httpsOptions
    ? await (await import('./tls/terminate.ts')).createTlsTerminator({
        caDir: httpsOptions.caDir ?? defaultCaDir(),
        hosts: emulatedHosts,
        localNames,
        handshakeTimeoutMs: idleTimeoutMs,
        onSecure: (socket) => serveHttp(socket),
      })
    : undefined;

  const server: ServerType = await new Promise((resolve, reject) => {
    const serverOptions = {
      headersTimeout: options.headersTimeoutMs ?? 5_000,
      requestTimeout: options.requestTimeoutMs ?? 10_000,
      // Node checks those timeouts only this often (default 30 s).
      connectionsCheckingInterval: 500,
    };
    const s = serve({ fetch, port: options.port ?? 0, hostname, serverOptions }, () => resolve(s));
    s.once('error', reject);
    const installed = installInterception(s as HttpServer, { emulatedHosts, localNames, acceptTls: tls?.accept, idleTimeoutMs });
    interception = installed.interception;
    serveHttp = installed.serveHttp;
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = WILDCARD.has(hostname) ? '127.0.0.1' : hostname.includes(':') ? `[${hostname}]` : hostname;
  const url = `http://${shownHost}:${port}`;
  localOrigin = url;
  const bracket = (host: string): string => (host.includes(':') ? `[${host}]` : host);
  return {
    url,
    address: `http://${bracket(hostname)}:${port}`,
    exposed,
    port,
    handle: fetch,
    base: (host) => `${url}/${host}`,
    proxyUrl: url,
    clientEnv: clientEnvironment({ proxyUrl: url, caFile: tls?.ca.certFile }),
    https: tls && { url: `https://${shownHost}:${port}`, caFile: tls.ca.certFile, caDir: tls.ca.dir, caCreated: tls.ca.created },
    close: () =>
      new Promise<void>((resolve) => {
        const s = server as ServerType & { closeAllConnections?: () => void };
        s.close(() => resolve());
        s.closeAllConnections?.();
        interception?.destroyAll();
      }),
  };
}
