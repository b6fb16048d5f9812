// The request journal: what each emulated provider saw and answered, with secrets redacted.
import { DEFAULT_LIMITS, raiseHint, type StoreLimit } from './limits.ts';

export type JournalBody =
  | { kind: 'empty' }
  | { kind: 'form'; fields: Record<string, string | string[]> }
  | { kind: 'json'; json: unknown }
  | { kind: 'text'; text: string; truncated: boolean }
  | { kind: 'unreadable'; reason: string };

/** How the request authenticated, without the credential itself. */
export interface JournalCredential {
  scheme: string;
  /**
   * For Bearer: the harness's id of the token (`oneio-access-3`), `unknown`, or `dropped` (issued, then dropped
   * at a store limit). For Basic: the user name.
   */
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
  /** The answer's content-type, retry-after, www-authenticate, allow, location (codes fingerprinted), x-ratelimit-remaining. */
  responseHeaders: Record<string, string>;
  /** The scenario that answered instead of the provider, if any. */
  answeredBy?: string;
  /** The error code the provider answered with, if it refused the request. */
  error?: string;
  /** The provider's own name for that error on the wire (Octorate: `ApiParamsExemption`), where it has one. */
  errorType?: string;
}

export interface JournalQuery {
  provider?: string;
  environment?: string;
  surface?: string;
  host?: string;
  method?: string;
  path?: string;
}

/** What a request is filtered by, taken when it is answered. */
export type JournalSummary = Pick<
  JournalEntry,
  'at' | 'provider' | 'environment' | 'host' | 'surface' | 'method' | 'path' | 'status' | 'credential' | 'answeredBy' | 'error' | 'errorType'
>;

/**
 * The rest of an entry: redacting headers, bodies and URLs waits until someone reads the journal. Its
 * `path` is the redacted one shown; the summary's is only matched against `?path=` filters.
 */
export type JournalDetails = Omit<JournalEntry, 'seq' | Exclude<keyof JournalSummary, 'path'>>;

export interface JournalPage {
  requests: JournalEntry[];
  /** The `after` of the next page, or null when this page reaches the newest entry. */
  next: number | null;
  /** Entries dropped, oldest first, because the journal was full (count or bytes). */
  dropped: number;
  /** Why they were dropped and how to keep more, when any were. */
  notice?: string;
}

export interface JournalStats {
  limit: StoreLimit;
  count: number;
  bytes: number;
  dropped: number;
}

export interface Journal {
  /**
   * Records a request; `details` runs at most once, on the first read of the entry. `bytes` is what the
   * entry keeps alive (its body and headers), for the journal's byte limit.
   */
  record(summary: JournalSummary, details: () => JournalDetails, bytes?: number): void;
  entries(query?: JournalQuery): JournalEntry[];
  /** Up to `limit` entries with `seq` greater than `after`, oldest first: costs the page, not the journal. */
  page(query?: JournalQuery, options?: { after?: number; limit?: number }): JournalPage;
  stats(): JournalStats;
  /** Empties the journal; `restartNumbering` (as on reset) starts `seq` at 1 again. */
  clear(restartNumbering?: boolean): void;
  readonly size: number;
}

interface Item {
  seq: number;
  bytes: number;
  summary: JournalSummary;
  details: (() => JournalDetails) | null;
  view: JournalEntry | null;
}

const UNREADABLE: JournalDetails = {
  url: '',
  path: '‹unreadable›',
  query: {},
  headers: {},
  contentType: null,
  body: { kind: 'unreadable', reason: 'the journal could not record this request' },
  secretInUrl: false,
  responseHeaders: {},
};

function view(item: Item): JournalEntry {
  if (item.view) return item.view;
  let details: JournalDetails;
  try {
    details = item.details ? item.details() : UNREADABLE;
  } catch {
    details = UNREADABLE;
  }
  const { at, provider, environment, host, surface, method, status, credential, answeredBy, error, errorType } = item.summary;
  item.view = {
    seq: item.seq,
    at,
    provider,
    environment,
    host,
    surface,
    method,
    url: details.url,
    path: details.path,
    query: details.query,
    headers: details.headers,
    contentType: details.contentType,
    body: details.body,
    credential,
    secretInUrl: details.secretInUrl,
    status,
    responseHeaders: details.responseHeaders,
    ...(answeredBy !== undefined ? { answeredBy } : {}),
    ...(error !== undefined ? { error } : {}),
    ...(errorType !== undefined ? { errorType } : {}),
  };
  item.details = null;
  return item.view;
}

const matches = (entry: JournalSummary, query: JournalQuery): boolean =>
  (query.provider === undefined || entry.provider === query.provider) &&
  (query.environment === undefined || entry.environment === query.environment) &&
  (query.surface === undefined || entry.surface === query.surface) &&
  (query.host === undefined || entry.host === query.host) &&
  (query.method === undefined || entry.method === query.method.toUpperCase()) &&
  (query.path === undefined || entry.path === query.path);

/** What an entry keeps alive besides its body: summary, header lists, closures. */
export const ENTRY_OVERHEAD = 1200;

/**
 * Bounded in count and bytes so a long-running server cannot grow without limit; the oldest entries go
 * first and the journal says how many went. Dropped entries are cut off in batches (amortised O(1)).
 * Recording costs little on the request path: the redacted details are made when first read.
 */
export function createJournal(limit: StoreLimit | number = DEFAULT_LIMITS.journal): Journal {
  const bound: StoreLimit = typeof limit === 'number' ? { ...DEFAULT_LIMITS.journal, count: limit } : limit;
  let items: Item[] = [];
  let start = 0;
  let bytes = 0;
  let dropped = 0;
  let seq = 0;
  const count = (): number => items.length - start;
  const trim = (): void => {
    while (count() > 0 && (count() > bound.count || bytes > bound.bytes)) {
      const gone = items[start]!;
      bytes -= gone.bytes;
      items[start] = undefined as unknown as Item;
      start++;
      dropped++;
    }
    if (start > 1024 && start >= count()) {
      items = items.slice(start);
      start = 0;
    }
  };
  /** Index of the first kept entry with seq > after (seqs only grow). */
  const firstAfter = (after: number): number => {
    let lo = start;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (items[mid]!.seq <= after) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    record(summary, details, size = ENTRY_OVERHEAD) {
      items.push({ seq: ++seq, bytes: size, summary, details, view: null });
      bytes += size;
      if (count() > bound.count || bytes > bound.bytes) trim();
    },
    entries(query) {
      const kept = items.slice(start);
      return (query ? kept.filter((i) => matches(i.summary, query)) : kept).map(view);
    },
    page(query, { after = 0, limit: size = 100 } = {}) {
      const out: Item[] = [];
      let i = firstAfter(after);
      for (; i < items.length && out.length < size; i++) {
        const item = items[i]!;
        if (!query || matches(item.summary, query)) out.push(item);
      }
      // More may follow only if the scan stopped before the end.
      const more = i < items.length;
      return {
        requests: out.map(view),
        next: more ? (out.length > 0 ? out[out.length - 1]!.seq : (items[i - 1]?.seq ?? after)) : null,
        dropped,
        ...(dropped > 0
          ? {
              notice: `${dropped.toLocaleString('en-US')} older requests were dropped: the journal keeps at most ${bound.count.toLocaleString('en-US')} requests ` +
                `(${Math.round(bound.bytes / 1048576)} MiB); ${raiseHint('journal')}.`,
            }
          : {}),
      };
    },
    stats: () => ({ limit: { ...bound }, count: count(), bytes, dropped }),
    clear(restartNumbering = false) {
      items = [];
      start = 0;
      bytes = 0;
      dropped = 0;
      if (restartNumbering) seq = 0;
    },
    get size() {
      return count();
    },
  };
}
