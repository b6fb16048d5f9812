// Middleware that records every request in the journal — what it carried and how it was answered — secrets redacted.
import type { MiddlewareHandler } from 'hono';
import type { Clock } from './clock.ts';
import type { ClientRegistry } from './clients.ts';
import { readCredential } from './credential.ts';
import { mediaType } from './form.ts';
import { ENTRY_OVERHEAD, type Journal, type JournalBody, type JournalCredential } from './journal.ts';
import type { TransportEnv } from './harness.ts';
import type { HarnessEnv, HostDefinition } from './provider.ts';
import { isSecretName, type Redactor } from './redact.ts';
import type { TokenStore } from './state/tokens.ts';

const TEXT_LIMIT = 2048;

export interface ObserveDeps {
  provider: string;
  host: HostDefinition;
  clock: Clock;
  journal: Journal;
  tokens: TokenStore;
  clients: ClientRegistry;
  redactor: Redactor;
}

export function observe(deps: ObserveDeps): MiddlewareHandler<HarnessEnv> {
  return async (c, next) => {
    const at = deps.clock.now();
    await next();
    try {
      const req = c.req.raw;
      const real = c.get('realUrl');
      const bodyText = c.get('bodyText');
      const tooLarge = c.get('bodyTooLarge');
      const response = c.res;
      // The journal keeps the two header lists, not the request and response that carry them. Under the
      // server, a copy of node's raw list: the adapter's Headers holds on to the whole incoming message.
      const requestHeaders = req.headers;
      const raw = (c.env as TransportEnv | undefined)?.incoming?.rawHeaders;
      const keptHeaders: Headers | readonly string[] = raw ? raw.slice() : requestHeaders;
      const answerHeaders = response.headers;
      const headerBytes = sizeOfHeaders(raw, requestHeaders);
      const path = pathOf(real);
      deps.journal.record(
        {
          at,
          provider: deps.provider,
          environment: deps.host.environment,
          host: deps.host.host,
          surface: deps.host.surface,
          method: req.method,
          path,
          status: response.status,
          // Judged now: whether the token had expired depends on the time of the request.
          credential: credential(requestHeaders.get('authorization'), deps, at),
          ...(c.get('answeredBy') ? { answeredBy: c.get('answeredBy') } : {}),
          ...(c.get('errorCode') ? { error: c.get('errorCode') } : {}),
          ...(c.get('errorType') ? { errorType: c.get('errorType') } : {}),
        },
        () => {
          const url = new URL(real);
          const query = deps.redactor.pairs(url.searchParams);
          for (const key of url.searchParams.keys()) url.searchParams.set(key, String(query[key]));
          const shownPath = redactPath(path, deps.redactor);
          const contentType = contentTypeOf(keptHeaders);
          return {
            url: `${url.origin}${shownPath}${url.search}`,
            path: shownPath,
            query,
            headers: deps.redactor.headers(keptHeaders, deps.host.host),
            contentType,
            body: body(tooLarge, bodyText, contentType, deps.redactor),
            secretInUrl: secretInUrl(real, deps.redactor),
            responseHeaders: redactLocation(pickHeaders(answerHeaders), deps.redactor),
          };
        },
        ENTRY_OVERHEAD + real.length + headerBytes + (bodyText?.length ?? 0),
      );
    } catch {
      // The journal must never turn an answer into a failure.
    }
  };
}

/** Bytes of the request's headers: from node's raw list when the server carried it (cheap), else by iterating them. */
function sizeOfHeaders(raw: readonly string[] | undefined, headers: Headers): number {
  let bytes = 0;
  if (raw) {
    for (let i = 0; i < raw.length; i++) bytes += raw[i]!.length;
    return bytes;
  }
  headers.forEach((value, name) => {
    bytes += value.length + name.length;
  });
  return bytes;
}

function contentTypeOf(headers: Headers | readonly string[]): string | null {
  if (!Array.isArray(headers)) return (headers as Headers).get('content-type');
  for (let i = 0; i + 1 < headers.length; i += 2) if (headers[i]!.toLowerCase() === 'content-type') return headers[i + 1]!.trim();
  return null;
}

/** Each path segment with a known secret, token or code fingerprinted (a token put in the path is still a token). */
function redactPath(path: string, redactor: Redactor): string {
  return path
    .split('/')
    .map((segment) => {
      const plain = safeDecode(segment);
      const shown = redactor.text(plain);
      return shown === plain ? segment : shown;
    })
    .join('/');
}

function body(tooLarge: boolean | undefined, text: string | undefined, contentType: string | null, redactor: Redactor): JournalBody {
  if (tooLarge) return { kind: 'unreadable', reason: 'body over the size limit' };
  if (text === undefined || text === '') return { kind: 'empty' };
  const type = mediaType(contentType);
  if (type === 'application/x-www-form-urlencoded') return { kind: 'form', fields: redactor.pairs(new URLSearchParams(text)) };
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return { kind: 'json', json: redactor.json(JSON.parse(text)) };
    } catch {
      // fall through: recorded as text
    }
  }
  const looksLikeForm = /^[^=&\s{[<]+=[^&]*(&[^=&]+=[^&]*)*$/.test(text);
  if (looksLikeForm) return { kind: 'form', fields: redactor.pairs(new URLSearchParams(text)) };
  // Any other type (JSON sent as text/plain, multipart, XML…) keeps its text, every secret in it fingerprinted.
  const shown = redactor.text(text);
  return { kind: 'text', text: shown.slice(0, TEXT_LIMIT), truncated: shown.length > TEXT_LIMIT };
}

const RESPONSE_HEADERS = ['content-type', 'retry-after', 'www-authenticate', 'allow', 'location', 'x-ratelimit-remaining'];

/** The answer's headers a check may judge by. */
function pickHeaders(source: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of RESPONSE_HEADERS) {
    const value = source.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

/** A redirect's codes and tokens are fingerprinted. */
function redactLocation(headers: Record<string, string>, redactor: Redactor): Record<string, string> {
  const location = headers['location'];
  return location === undefined ? headers : { ...headers, location: redactUrl(location, redactor) };
}

function redactUrl(value: string, redactor: Redactor): string {
  try {
    const url = new URL(value);
    for (const [key, raw] of [...url.searchParams]) {
      const shown = isSecretName(key) ? redactor.fingerprint(raw) : redactor.text(raw);
      if (shown !== raw) url.searchParams.set(key, shown);
    }
    if (url.hash) url.hash = '';
    return url.toString();
  } catch {
    return redactor.fingerprint(value);
  }
}

/** The path of a real https URL, without parsing it. */
function pathOf(realUrl: string): string {
  const start = realUrl.indexOf('/', realUrl.indexOf('//') + 2);
  if (start === -1) return '/';
  const query = realUrl.indexOf('?', start);
  return realUrl.slice(start, query === -1 ? undefined : query);
}

function credential(header: string | null, deps: ObserveDeps, at: number): JournalCredential | null {
  const parsed = readCredential(header);
  switch (parsed.scheme) {
    case 'none':
      return null;
    case 'bearer': {
      const token = deps.tokens.find(parsed.token);
      if (!token) return { scheme: 'Bearer', ref: deps.tokens.dropped(parsed.token) ? 'dropped' : 'unknown' };
      return { scheme: 'Bearer', ref: token.id, ...(deps.tokens.status(token, at) === 'expired' ? { expired: true } : {}) };
    }
    case 'basic':
      return { scheme: 'Basic', ref: parsed.user };
    case 'malformed':
      return { scheme: 'malformed', ref: parsed.reason };
    case 'other':
      return { scheme: parsed.name, ref: 'unknown' };
  }
}

/** A secret-named query parameter, or a registered secret, issued token or code anywhere in the URL. */
function secretInUrl(rawUrl: string, redactor: Redactor): boolean {
  if (rawUrl.includes('?')) {
    for (const [key, value] of new URL(rawUrl).searchParams) if (value !== '' && isSecretName(key)) return true;
  }
  return redactor.holdsSecret(safeDecode(rawUrl));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
