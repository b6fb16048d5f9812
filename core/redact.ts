// Keeps secrets out of journals, inboxes and messages: values are replaced by a short keyed fingerprint.
import { createHmac, createSecretKey, randomBytes } from 'node:crypto';
import { MAX_DEPTH } from './safe-json.ts';

/** Field and header names whose values are credentials (form fields, JSON keys, query parameters). */
const SECRET_NAMES = new Set([
  'client_secret', 'password', 'code', 'refresh_token', 'access_token', 'accesstoken', 'code_verifier',
  'codeverifier', 'id_token', 'token', 'assertion', 'secret', 'apikey', 'api_key', 'authorization',
  'cookie', 'set-cookie', 'proxy-authorization', 'x-api-key', 'verificationtoken', 'x-verification-token',
]);

export const isSecretName = (name: string): boolean => SECRET_NAMES.has(name.toLowerCase());

/** Header names that carry credentials by any other name: `X-Client-Secret`, `X-Access-Token`, `X-Auth`… */
const SECRET_HEADER = /secret|token|passw|auth|cookie|api-?key|session|signature|credential/i;
const isSecretHeader = (name: string): boolean => isSecretName(name) || SECRET_HEADER.test(name);

/**
 * Runs of URL-unreserved characters (RFC 3986 §2.3) and percent escapes: the pieces a token, code or secret
 * can be cut into by any framing (`&`, `=`, `/`, quotes, spaces, `+`).
 */
const RUN = /[A-Za-z0-9\-._~%]{4,}/g;
const SPLIT = /[^A-Za-z0-9\-._~]+/;
const MEMO = 4096;

/** Whether a string is a registered secret, an issued token or code, or a piece of one (see `secretPieces`). */
export type KnownSecret = (text: string) => boolean;

/** The pieces of a secret worth looking for when it was cut at its separators: runs of 4+ unreserved characters. */
export const secretPieces = (secret: string): string[] => secret.split(SPLIT).filter((piece) => piece.length >= 4 && piece !== secret);

export interface Redactor {
  /** `‹redacted:1a2b3c4d›` — equal secrets give equal fingerprints within one harness, and nothing more. */
  fingerprint(secret: string): string;
  /** A copy of a JSON value: secret-named keys' values and every known secret fingerprinted, nesting clipped. */
  json(value: unknown): unknown;
  /** A header value: credential headers keep their scheme (`Bearer ‹redacted:…›`), others have known secrets fingerprinted. */
  header(name: string, value: string): string;
  /**
   * All headers of a request as a plain object (lower-case names, repeated ones joined), credentials
   * fingerprinted, `host` the real host whichever transport carried it. `source` may be node's raw list.
   */
  headers(source: Headers | readonly string[], realHost: string): Record<string, string>;
  /** Name/value pairs with secret-named values and known secrets fingerprinted. */
  pairs(entries: Iterable<[string, string]>): Record<string, string | string[]>;
  /** Free text (a body of any type, a path, an error message) with every known secret and every `secret_name=value` fingerprinted. */
  text(text: string): string;
  /** Whether the text holds a known secret anywhere. */
  holdsSecret(text: string): boolean;
}

function decoded(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    return run;
  }
}

/** Each harness has its own key, so fingerprints cannot be compared across harnesses or reversed by lookup. */
export function createRedactor(rawKey: Buffer = randomBytes(32), known: KnownSecret = () => false): Redactor {
  // A KeyObject made once: handing HMAC a Buffer re-imports the key on every call (measured: 8 µs → 1 µs).
  const key = createSecretKey(rawKey);
  // Journal reads fingerprint the same few secrets over and over, and see the same harmless header values:
  // both are remembered (bounded: each memo starts over past MEMO entries).
  const fingerprints = new Map<string, string>();
  const clean = new Set<string>();
  const fingerprint = (secret: string): string => {
    let shown = fingerprints.get(secret);
    if (shown === undefined) {
      shown = `‹redacted:${createHmac('sha256', key).update(secret).digest('hex').slice(0, 8)}›`;
      if (fingerprints.size >= MEMO) fingerprints.clear();
      fingerprints.set(secret, shown);
    }
    return shown;
  };

  /** A run is secret if it is known as it stands or, percent-decoded, holds a known piece. */
  const secretRun = (run: string): boolean => {
    if (known(run)) return true;
    if (!run.includes('%')) return false;
    const plain = decoded(run);
    return known(plain) || plain.split(SPLIT).some((piece) => piece.length >= 4 && known(piece));
  };

  const knownValues = (text: string): string => {
    if (text.length < 4 || clean.has(text)) return text;
    if (known(text)) return fingerprint(text);
    const shown = text.replace(RUN, (run) => (secretRun(run) ? fingerprint(run) : run));
    if (shown === text && text.length <= 256) {
      if (clean.size >= MEMO) clean.clear();
      clean.add(text);
    }
    return shown;
  };

  const holdsSecret = (text: string): boolean => {
    if (known(text)) return true;
    for (const [run] of text.matchAll(RUN)) if (secretRun(run)) return true;
    return false;
  };

  const value = (name: string, raw: string): string => (isSecretName(name) ? fingerprint(raw) : knownValues(raw));

  const json = (input: unknown, depth = 0): unknown => {
    if (typeof input === 'string') return knownValues(input);
    if (input === null || typeof input !== 'object') return input;
    if (depth >= MAX_DEPTH) return `‹nested deeper than ${MAX_DEPTH} levels›`;
    if (Array.isArray(input)) return input.map((item) => json(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) {
      out[knownValues(k)] = isSecretName(k) && (typeof v === 'string' || typeof v === 'number') ? fingerprint(String(v)) : json(v, depth + 1);
    }
    return out;
  };

  const pairs = (entries: Iterable<[string, string]>): Record<string, string | string[]> => {
    const out: Record<string, string | string[]> = Object.create(null);
    for (const [rawName, raw] of entries) {
      const v = value(rawName, raw);
      const k = knownValues(rawName);
      const prior = out[k];
      out[k] = prior === undefined ? v : Array.isArray(prior) ? [...prior, v] : [prior, v];
    }
    return out;
  };

  const header = (name: string, headerValue: string): string => {
    if (!isSecretHeader(name)) return knownValues(headerValue);
    const space = headerValue.indexOf(' ');
    // With a scheme (`Bearer x`) the scheme stays readable; without one (`Authorization: <token>`) all of it is the secret.
    return space === -1 || space > 24 ? fingerprint(headerValue) : `${headerValue.slice(0, space)} ${fingerprint(headerValue.slice(space + 1))}`;
  };

  const headers = (source: Headers | readonly string[], realHost: string): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!Array.isArray(source)) {
      (source as Headers).forEach((headerValue, name) => {
        out[name] = name === 'host' ? realHost : header(name, headerValue);
      });
      return out;
    }
    const joined = new Map<string, string>();
    for (let i = 0; i + 1 < source.length; i += 2) {
      const name = source[i]!.toLowerCase();
      if (name.startsWith(':')) continue;
      const prior = joined.get(name);
      const value = source[i + 1]!.trim();
      joined.set(name, prior === undefined ? value : `${prior}${name === 'cookie' ? '; ' : ', '}${value}`);
    }
    for (const name of [...joined.keys()].sort()) out[name] = name === 'host' ? realHost : header(name, joined.get(name)!);
    return out;
  };

  /** `"secret_name": "v"`, `secret_name=v` and multipart `name="secret_name"` parts, whatever the declared content type. */
  const named = (text: string): string =>
    text
      .replace(/("([^"\\]{1,64})"\s*:\s*")((?:[^"\\]|\\.)*)"/g, (all, head: string, name: string, v: string) => (isSecretName(name) ? `${head}${fingerprint(v)}"` : all))
      .replace(/(^|[&?;\s])([A-Za-z_.-]{1,64})=([^&;\s]*)/g, (all, lead: string, name: string, v: string) =>
        isSecretName(name) && v !== '' ? `${lead}${name}=${fingerprint(v)}` : all,
      )
      .replace(/(name="([^"]{1,64})"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n)([^]*?)(?=\r?\n--)/g, (all, head: string, name: string, v: string) =>
        isSecretName(name) ? `${head}${fingerprint(v)}` : all,
      );

  return {
    fingerprint,
    json: (input) => json(input),
    pairs,
    header,
    headers,
    text: (text) => knownValues(named(text)),
    holdsSecret,
  };
}
