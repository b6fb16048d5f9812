// HTTP transport: every emulated host on one port, as /<real-host>/<path> or by Host header, plus the admin API.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Harness, TransportEnv } from '../core/harness.ts';
import { adminApp } from './admin.ts';

export interface ServeOptions {
  harness: Harness;
  /** 0 picks any free port. */
  port?: number;
  /** Loopback unless told otherwise. */
  hostname?: string;
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** The local base URL of a real host: `http://127.0.0.1:<port>/<host>`. */
  base(host: string): string;
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const { harness } = options;
  const hostname = options.hostname ?? '127.0.0.1';
  const admin = adminApp(harness);
  const fetch = (request: Request, env?: TransportEnv): Response | Promise<Response> => {
    // Admin paths are checked without parsing the URL: this runs on every request.
    const pathStart = request.url.indexOf('/', request.url.indexOf('//') + 2);
    return request.url.startsWith('/__admin', pathStart) ? admin.fetch(request) : harness.fetch(request, env);
  };
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch, port: options.port ?? 0, hostname }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = hostname.includes(':') ? `[${hostname}]` : hostname === '0.0.0.0' ? '127.0.0.1' : hostname;
  const url = `http://${shownHost}:${port}`;
  return {
    url,
    port,
    base: (host) => `${url}/${host}`,
    close: () =>
      new Promise<void>((resolve) => {
        const s = server as ServerType & { closeAllConnections?: () => void };
        s.close(() => resolve());
        s.closeAllConnections?.();
      }),
  };
}
