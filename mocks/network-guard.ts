// While the doubles listen, nothing that was meant for them reaches the network: connections and DNS lookups are refused.
import dns from 'node:dns';
import net from 'node:net';
import { isLoopback } from '../core/loopback.ts';

export interface NetworkGuardOptions {
  /** Emulated host names: never resolved, never connected to. */
  emulatedHosts: Iterable<string>;
  /** Refuse every host that is not loopback (MSW's `onUnhandledFrame: 'error'`), except these. */
  strict: boolean;
  /** Hosts a strict guard still lets through (a database a test talks to). */
  allowHosts?: Iterable<string>;
  /**
   * Told of each refusal, once per host: MSW does not always pass the refusal on to the client (a plain-http
   * request it gave up parsing ends in "socket hang up"), so the cause is printed here too. Default: console.warn.
   */
  warn?: (message: string) => void;
}

export interface NetworkGuard {
  /** Connections and lookups refused so far, newest last (host and reason), for tests and diagnostics. */
  readonly refused: ReadonlyArray<{ host: string; via: 'connect' | 'dns' }>;
  uninstall(): void;
}

const normal = (host: string): string => host.toLowerCase().replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1');

/** The error a refused connection or lookup gets: it names the cause and the usual reasons for the escape. */
export function escapeError(host: string, emulated: boolean): Error {
  const error = new Error(
    emulated
      ? `oauth-doubles: a request to ${host} escaped the MSW transport and was stopped before it reached the network. ` +
          'MSW passes a request on to the real host when it cannot parse it (a Content-Length that does not match the body, ' +
          'e.g. characters counted instead of UTF-8 bytes) or when it was made with a function MSW does not patch ' +
          "(`import { request } from 'node:https'`; use `https.request`). Fix the request framing, or call the function through its module."
      : `oauth-doubles: a connection to ${host} was refused while the doubles listen with onUnhandledFrame 'error' ` +
          '(no request may reach the network). Allow the host with listen({ allowHosts: [...] }) if the test needs it.',
  ) as NodeJS.ErrnoException;
  error.code = 'EDOUBLESNETWORK';
  return error;
}

type Connect = (this: net.Socket, ...args: unknown[]) => net.Socket;

/** Host and port of `socket.connect(...)` in any of its forms; undefined for IPC paths. */
function targetHost(args: unknown[]): string | undefined {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  const second = Array.isArray(args[0]) ? (args[0] as unknown[])[1] : args[1];
  if (typeof first === 'number') return typeof second === 'string' ? second : 'localhost';
  if (typeof first === 'string') return undefined;
  if (first && typeof first === 'object') {
    const options = first as { host?: unknown; path?: unknown; port?: unknown };
    if (typeof options.path === 'string' && options.path !== '' && options.port === undefined) return undefined;
    return typeof options.host === 'string' && options.host !== '' ? options.host : 'localhost';
  }
  return undefined;
}

/** The lookup MSW gives the sockets it answers itself (they resolve to loopback and never leave the process). */
function isMockConnection(args: unknown[]): boolean {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  const lookup = first && typeof first === 'object' ? (first as { lookup?: { name?: string } }).lookup : undefined;
  return typeof lookup === 'function' && lookup.name === 'mockLookup';
}

/**
 * Install before MSW starts listening and uninstall after it stops: MSW's socket patch then calls this
 * one as "the real connect" for every connection it passes through, so a request MSW fails to answer
 * (malformed framing, an unpatched entry point) is refused here instead of dialling the real host.
 * DNS lookups of emulated hosts are refused too, for sockets that reach the network some other way.
 */
export function installNetworkGuard(options: NetworkGuardOptions): NetworkGuard {
  const emulated = new Set([...options.emulatedHosts].map(normal));
  const allowed = new Set([...(options.allowHosts ?? [])].map(normal));
  const refused: Array<{ host: string; via: 'connect' | 'dns' }> = [];
  const refuses = (host: string): boolean => {
    const name = normal(host);
    if (emulated.has(name)) return true;
    return options.strict && !isLoopback(name) && !allowed.has(name);
  };

  const warned = new Set<string>();
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const report = (host: string, via: 'connect' | 'dns', error: Error): void => {
    refused.push({ host, via });
    if (warned.has(host)) return;
    warned.add(host);
    warn(error.message);
  };

  let installed = true;
  const realConnect = net.Socket.prototype.connect as unknown as Connect;
  // MSW may keep calling this after uninstall (it captured it as "the real connect"): then it only passes through.
  const guardedConnect: Connect = function (this: net.Socket, ...args: unknown[]) {
    const host = targetHost(args);
    if (!installed || host === undefined || isMockConnection(args) || !refuses(host)) return realConnect.apply(this, args);
    const error = escapeError(host, emulated.has(normal(host)));
    report(host, 'connect', error);
    process.nextTick(() => this.destroy(error));
    return this;
  };
  net.Socket.prototype.connect = guardedConnect as unknown as typeof net.Socket.prototype.connect;

  const realLookup = dns.lookup;
  const realPromisesLookup = dns.promises.lookup;
  const guardedLookup = function (this: unknown, hostname: string, ...rest: unknown[]) {
    if (installed && typeof hostname === 'string' && emulated.has(normal(hostname))) {
      const error = escapeError(hostname, true);
      report(hostname, 'dns', error);
      const callback = rest.at(-1);
      if (typeof callback === 'function') process.nextTick(() => (callback as (e: Error) => void)(error));
      return {};
    }
    return (realLookup as (...a: unknown[]) => unknown).call(this, hostname, ...rest);
  } as unknown as typeof dns.lookup;
  dns.lookup = guardedLookup;
  dns.promises.lookup = (async (hostname: string, ...rest: unknown[]) => {
    if (installed && typeof hostname === 'string' && emulated.has(normal(hostname))) {
      const error = escapeError(hostname, true);
      report(hostname, 'dns', error);
      throw error;
    }
    return (realPromisesLookup as (...a: unknown[]) => Promise<unknown>)(hostname, ...rest);
  }) as typeof dns.promises.lookup;

  return {
    refused,
    uninstall() {
      if (!installed) return;
      installed = false;
      // Put back only what is still ours: something installed later keeps its own patch.
      if (net.Socket.prototype.connect === (guardedConnect as unknown)) net.Socket.prototype.connect = realConnect as unknown as typeof net.Socket.prototype.connect;
      if (dns.lookup === guardedLookup) dns.lookup = realLookup;
      dns.promises.lookup = realPromisesLookup;
    },
  };
}
