// HTTP transport: every emulated host on one port, as /<real-host>/<path> or by Host header, plus the admin API.
import { serve, type ServerType } from '@hono/node-server';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Harness, TransportEnv } from '../core/harness.ts';
import { adminApp } from './admin.ts';
import { clientEnvironment } from './client-env.ts';
import { installInterception, type Interception } from './interception.ts';
import { isAbsoluteForm } from './proxy.ts';
import { defaultCaDir } from './tls/ca-dir.ts';

export interface ServeOptions {
  harness: Harness;
  /** 0 picks any free port. */
  port?: number;
  /** Loopback unless told otherwise. */
  hostname?: string;
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
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
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
  const admin = adminApp(harness);
  const emulatedHosts = harness.hosts.map((h) => h.host);
  const emulated = new Set(emulatedHosts);
  const direct = (request: Request, env?: TransportEnv): Response | Promise<Response> => {
    // Admin paths are checked without parsing the URL: this runs on every request.
    const url = request.url;
    const authorityStart = url.indexOf('//') + 2;
    const pathStart = url.indexOf('/', authorityStart);
    if (!url.startsWith('/__admin', pathStart)) return harness.fetch(request, env);
    // On an emulated host's name (Host header, proxy, CONNECT tunnel) the path is that host's, as on the real one.
    const host = url.slice(authorityStart, pathStart).replace(/:\d+$/, '').toLowerCase();
    return emulated.has(host) ? harness.fetch(request, env) : admin.fetch(request);
  };
  let interception: Interception | undefined;
  const fetch = (request: Request, env?: TransportEnv & { incoming?: { url?: string } }): Response | Promise<Response> => {
    const target = env?.incoming?.url;
    if (interception && target !== undefined && target.charCodeAt(0) !== 47 && isAbsoluteForm(target)) {
      // node's raw headers describe the request as received: not one the proxy rewrote.
      return interception.forward(request, (r) => direct(r, env), (r) => harness.fetch(r, r === request ? env : undefined));
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
    const s = serve({ fetch, port: options.port ?? 0, hostname }, () => resolve(s));
    s.once('error', reject);
    const installed = installInterception(s as HttpServer, { emulatedHosts, localNames, acceptTls: tls?.accept, idleTimeoutMs });
    interception = installed.interception;
    serveHttp = installed.serveHttp;
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = WILDCARD.has(hostname) ? '127.0.0.1' : hostname.includes(':') ? `[${hostname}]` : hostname;
  const url = `http://${shownHost}:${port}`;
  return {
    url,
    port,
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
