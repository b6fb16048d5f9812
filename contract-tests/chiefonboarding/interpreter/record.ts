// The interpreter's own log of the requests it made, secrets fingerprinted as in the journal, for the author to read.
import { createRedactor, isSecretName, type Redactor } from '../../../core/redact.ts';

export interface RequestRecord {
  /** The manifest key the request came from: `oauth.access_token`, `execute[0]`, `browser` for the authorisation redirect. */
  step: string;
  line?: number;
  /** Clock time it was sent. */
  at: number;
  method: string;
  /** The real URL, query secrets fingerprinted. */
  url: string;
  /** The Content-Type header sent, if any. */
  contentType?: string;
  /** `form(client_id, client_secret)`, `no body`. */
  body: string;
  /** The Authorization header as the journal shows one: `Bearer ‹redacted:…›`, `Bearer (empty)`, `Basic ‹redacted:…›`. */
  auth?: string;
  status?: number;
  /** Why no answer came (time-out, connection refused). */
  error?: string;
}

export interface Scrubber {
  redactor: Redactor;
  /** Registers a secret value (a client secret, a saved token) so that it never appears in records. */
  secret(value: unknown): void;
  text(text: string): string;
  url(url: string): string;
}

export function createScrubber(): Scrubber {
  const redactor = createRedactor();
  const secrets = new Set<string>();
  const text = (input: string): string => {
    let out = input;
    for (const s of [...secrets].sort((a, b) => b.length - a.length)) out = out.replaceAll(s, redactor.fingerprint(s));
    return out;
  };
  return {
    redactor,
    secret(value) {
      if (typeof value === 'string' && value.length >= 4) secrets.add(value);
    },
    text,
    // Works on the raw text, so an unencoded value stays visible as sent (only secret-named values are replaced).
    url: (url) =>
      text(url).replace(/([?&])([^=&#]+)=([^&#]*)/g, (whole, sep: string, name: string, value: string) =>
        isSecretName(decodeURIComponentSafe(name)) && value ? `${sep}${name}=${redactor.fingerprint(value)}` : whole,
      ),
  };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}

const seconds = (ms: number, epoch: number): string => `+${((ms - epoch) / 1000).toFixed(3)}s`;

/**
 * `+0.000s oauth.access_token POST https://oauth2.googleapis.com/token?…&code=‹redacted:…› · no body → 200`;
 * `brief` leaves out the query and the body (`… POST https://oauth2.googleapis.com/token → 200`).
 */
export function formatRequest(r: RequestRecord, epoch: number, brief = false): string {
  const type = r.contentType ? `${r.contentType} ` : '';
  const answer = r.error ? `no answer (${r.error})` : r.status === undefined ? 'browser redirect' : String(r.status);
  const auth = r.auth ? ` · ${r.auth}` : '';
  const what = brief ? `${r.url.replace(/[?#].*$/, '')}${auth}` : `${r.url} · ${type}${r.body}${auth}`;
  return `${seconds(r.at, epoch)} ${r.step} ${r.method} ${what} → ${answer}`;
}
