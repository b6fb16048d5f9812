// The request journal: what each emulated provider saw and answered, with secrets redacted.

export type JournalBody =
  | { kind: 'empty' }
  | { kind: 'form'; fields: Record<string, string | string[]> }
  | { kind: 'json'; json: unknown }
  | { kind: 'text'; text: string; truncated: boolean }
  | { kind: 'unreadable'; reason: string };

/** How the request authenticated, without the credential itself. */
export interface JournalCredential {
  scheme: string;
  /** For Bearer: the harness's id of the token (`oneio-tkn-3`), or `unknown`. For Basic: the user name. */
  ref: string;
  /** Issued token that had expired by the time of this request. */
  expired?: boolean;
}

export interface JournalEntry {
  seq: number;
  /** Clock time (epoch ms) when the request arrived. */
  at: number;
  provider: string;
  environment: string;
  host: string;
  surface: string;
  method: string;
  /** The real https URL, query secrets fingerprinted. */
  url: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  contentType: string | null;
  body: JournalBody;
  credential: JournalCredential | null;
  /** True when a client secret, token, code or password was put in the URL. */
  secretInUrl: boolean;
  status: number;
  /** The answer's content-type, retry-after, www-authenticate, allow and location (codes fingerprinted). */
  responseHeaders: Record<string, string>;
  /** The scenario that answered instead of the provider, if any. */
  answeredBy?: string;
  /** The error code the provider answered with, if it refused the request. */
  error?: string;
}

export interface JournalQuery {
  provider?: string;
  environment?: string;
  surface?: string;
  host?: string;
  method?: string;
  path?: string;
}

export interface Journal {
  record(entry: Omit<JournalEntry, 'seq'>): JournalEntry;
  entries(query?: JournalQuery): JournalEntry[];
  clear(): void;
  readonly size: number;
}

const matches = (entry: JournalEntry, query: JournalQuery): boolean =>
  (query.provider === undefined || entry.provider === query.provider) &&
  (query.environment === undefined || entry.environment === query.environment) &&
  (query.surface === undefined || entry.surface === query.surface) &&
  (query.host === undefined || entry.host === query.host) &&
  (query.method === undefined || entry.method === query.method.toUpperCase()) &&
  (query.path === undefined || entry.path === query.path);

/**
 * Bounded so a long-running `npm start` cannot grow without limit; the oldest entries go first. It trims
 * in batches (up to a quarter over the limit) so a full journal does not copy itself on every request.
 */
export function createJournal(limit = 10_000): Journal {
  let items: JournalEntry[] = [];
  let seq = 0;
  const slack = Math.max(1, Math.floor(limit / 4));
  const kept = (): JournalEntry[] => (items.length > limit ? items.slice(items.length - limit) : items);
  return {
    record(entry) {
      const full = { seq: ++seq, ...entry };
      items.push(full);
      if (items.length > limit + slack) items = items.slice(items.length - limit);
      return full;
    },
    entries: (query) => (query ? kept().filter((e) => matches(e, query)) : [...kept()]),
    clear() {
      items = [];
    },
    get size() {
      return Math.min(items.length, limit);
    },
  };
}
