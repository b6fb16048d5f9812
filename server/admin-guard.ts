// What stands in front of the admin API: Host check (DNS rebinding), Origin check, JSON-only bodies, a size limit, a token.
import { timingSafeEqual } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { mediaType } from '../core/form.ts';
import { isLoopback } from '../core/loopback.ts';

export interface AdminGuardOptions {
  /** The address the server is bound to (`127.0.0.1`, `0.0.0.0`, `::`, a name…). */
  boundHost: string;
  /** Host names besides loopback and the bound address that may reach the admin API. */
  allowedHosts?: readonly string[];
  /** When set, every admin request needs `Authorization: Bearer <token>`. */
  token?: string;
  /** Largest admin request body, in bytes. */
  bodyLimitBytes: number;
}

/** The environment variable `--admin-token` falls back to. */
export const ADMIN_TOKEN_ENV = 'OAUTH_DOUBLES_ADMIN_TOKEN';

/** Default limit of an admin request body (a client registration is a few hundred bytes). */
export const ADMIN_BODY_LIMIT = 256 * 1024;

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', '::0']);

export const isWildcard = (host: string): boolean => WILDCARDS.has(host.toLowerCase());

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** The host name of a `Host` header value: `[::1]:4010` → `::1`, `Example.com:4010` → `example.com`. */
export function hostName(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(1, value.indexOf(']') === -1 ? undefined : value.indexOf(']'));
  const colon = value.lastIndexOf(':');
  return (colon === -1 ? value : value.slice(0, colon)).replace(/\.$/, '');
}

/** The names the admin API answers to: loopback, the bound address (every interface's when bound to all), and the allowed names. */
function allowedNames(options: AdminGuardOptions): Set<string> {
  const names = new Set((options.allowedHosts ?? []).map((h) => hostName(h)));
  if (isWildcard(options.boundHost)) {
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) names.add(i.address.toLowerCase());
  } else {
    names.add(stripBrackets(options.boundHost).toLowerCase());
  }
  return names;
}

const refuse = (status: 400 | 401 | 403 | 413 | 415, error: string, description: string, headers: Record<string, string> = {}): Response =>
  Response.json({ error, error_description: description }, { status, headers });

function sameToken(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Methods a page can send cross-site without a CORS preflight carry a body only as JSON here, so no simple POST gets through. */
const needsJson = (method: string, hasBody: boolean): boolean =>
  method === 'POST' || method === 'PUT' || method === 'PATCH' || (hasBody && method !== 'GET' && method !== 'HEAD');

/**
 * The admin API is a local control plane: it moves the clock, registers redirect URIs and reads every
 * seeded secret, so it must not be reachable by a web page the developer visits (a cross-site form or
 * `fetch` with a simple content type; DNS rebinding, which sends the attacker's name as `Host`), nor
 * by the network when the server binds a non-loopback address without a token.
 */
export function adminGuard(options: AdminGuardOptions): MiddlewareHandler {
  const names = allowedNames(options);
  const allowed = (name: string): boolean => isLoopback(name) || names.has(name);
  const limit = bodyLimit({
    maxSize: options.bodyLimitBytes,
    onError: () => refuse(413, 'payload_too_large', `Admin request bodies are limited to ${options.bodyLimitBytes} bytes.`),
  });
  return async (c, next) => {
    const host = c.req.header('host');
    if (!host) return refuse(400, 'invalid_request', 'The admin API needs a Host header.');
    const name = hostName(host);
    if (!allowed(name)) {
      return refuse(
        403,
        'forbidden_host',
        `The admin API answers only to loopback names, the bound address and names allowed with --allow-host; this request was for "${name}".`,
      );
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== 'null') {
      let originHost = '';
      try {
        originHost = new URL(origin).hostname;
      } catch {
        // An unparsable Origin is refused below like a foreign one.
      }
      if (!allowed(hostName(originHost))) return refuse(403, 'forbidden_origin', 'The admin API does not answer requests made by web pages of other sites.');
    } else if (origin === 'null') {
      return refuse(403, 'forbidden_origin', 'The admin API does not answer requests made by web pages of other sites.');
    }
    if (options.token !== undefined) {
      const auth = c.req.header('authorization') ?? '';
      const sent = /^Bearer +(\S+)\s*$/i.exec(auth)?.[1];
      if (!sent || !sameToken(sent, options.token)) {
        return refuse(401, 'invalid_token', 'The admin API needs "Authorization: Bearer <admin token>" (the --admin-token the server was started with).', {
          'www-authenticate': 'Bearer realm="oauth-doubles admin"',
        });
      }
    }
    const hasBody = c.req.header('content-length') !== undefined ? c.req.header('content-length') !== '0' : c.req.header('transfer-encoding') !== undefined;
    if (needsJson(c.req.method, hasBody) && mediaType(c.req.header('content-type')) !== 'application/json') {
      const sent = c.req.header('content-type');
      return refuse(415, 'unsupported_media_type', `The admin API takes only application/json bodies; this request had ${sent ? `Content-Type ${mediaType(sent)}` : 'no Content-Type'}.`);
    }
    return limit(c, next);
  };
}
