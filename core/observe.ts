// Middleware that records every request in the journal — what it carried and how it was answered — secrets redacted.
import type { MiddlewareHandler } from 'hono';
import type { Clock } from './clock.ts';
import type { ClientRegistry } from './clients.ts';
import { readCredential } from './credential.ts';
import { mediaType } from './form.ts';
import type { Journal, JournalBody, JournalCredential } from './journal.ts';
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
      // The journal keeps the two header lists, not the request and response that carry them.
      const requestHeaders = req.headers;
      const answerHeaders = response.headers;
      deps.journal.record(
        {
          at,
          provider: deps.provider,
          environment: deps.host.environment,
          host: deps.host.host,
          surface: deps.host.surface,
          method: req.method,
          path: pathOf(real),
          status: response.status,
          // Judged now: whether the token had expired depends on the time of the request.
          credential: credential(req.headers.get('authorization'), deps, at),
          ...(c.get('answeredBy') ? { answeredBy: c.get('answeredBy') } : {}),
          ...(c.get('errorCode') ? { error: c.get('errorCode') } : {}),
          ...(c.get('errorType') ? { errorType: c.get('errorType') } : {}),
        },
        () => {
          const url = new URL(real);
          const query = deps.redactor.pairs(url.searchParams);
          for (const key of url.searchParams.keys()) url.searchParams.set(key, String(query[key]));
          const contentType = requestHeaders.get('content-type');
          return {
            url: url.toString(),
            query,
            headers: deps.redactor.headers(requestHeaders, deps.host.host),
            contentType,
            body: scrubFragments(body(tooLarge, bodyText, contentType, deps.redactor), deps),
            secretInUrl: secretInUrl(real, deps),
            responseHeaders: redactLocation(pickHeaders(answerHeaders), deps.redactor),
          };
        },
      );
    } catch {
      // The journal must never turn an answer into a failure.
    }
  };
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
  return { kind: 'text', text: text.slice(0, TEXT_LIMIT), truncated: text.length > TEXT_LIMIT };
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
    for (const [key, raw] of [...url.searchParams]) if (isSecretName(key)) url.searchParams.set(key, redactor.fingerprint(raw));
    if (url.hash) url.hash = '';
    return url.toString();
  } catch {
    return redactor.fingerprint(value);
  }
}

/**
 * A secret put in a form body without encoding splits at its '&' and '=' into stray field names and
 * values that are pieces of it; those pieces are fingerprinted too (the secret-named field already is).
 */
/** The path of a real https URL, without parsing it. */
function pathOf(realUrl: string): string {
  const start = realUrl.indexOf('/', realUrl.indexOf('//') + 2);
  if (start === -1) return '/';
  const query = realUrl.indexOf('?', start);
  return realUrl.slice(start, query === -1 ? undefined : query);
}

function scrubFragments(recorded: JournalBody, deps: ObserveDeps): JournalBody {
  if (recorded.kind !== 'form') return recorded;
  const secrets = deps.clients.list(deps.provider).map((c) => c.clientSecret);
  const piece = (text: string): boolean => text.length >= 3 && secrets.some((secret) => secret.includes(text));
  const hide = (text: string): string => (piece(text) ? deps.redactor.fingerprint(text) : text);
  const fields: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of Object.entries(recorded.fields)) {
    fields[hide(name)] = Array.isArray(value) ? value.map(hide) : hide(value);
  }
  return { kind: 'form', fields };
}

function credential(header: string | null, deps: ObserveDeps, at: number): JournalCredential | null {
  const parsed = readCredential(header);
  switch (parsed.scheme) {
    case 'none':
      return null;
    case 'bearer': {
      const token = deps.tokens.find(parsed.token);
      if (!token) return { scheme: 'Bearer', ref: 'unknown' };
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

/** A secret-named query parameter, or a registered client secret anywhere in the URL. */
function secretInUrl(rawUrl: string, deps: ObserveDeps): boolean {
  if (rawUrl.includes('?')) {
    for (const [key, value] of new URL(rawUrl).searchParams) if (value !== '' && isSecretName(key)) return true;
  }
  const decoded = safeDecode(rawUrl);
  return deps.clients.list(deps.provider).some((c) => c.clientSecret.length >= 6 && decoded.includes(c.clientSecret));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
