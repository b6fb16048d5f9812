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

/** The rest of an entry: redacting headers, bodies and URLs waits until someone reads the journal. */
export type JournalDetails = Omit<JournalEntry, 'seq' | keyof JournalSummary>;

export interface Journal {
  /** Records a request; `details` runs at most once, on the first read of the entry. */
  record(summary: JournalSummary, details: () => JournalDetails): void;
  entries(query?: JournalQuery): JournalEntry[];
  clear(): void;
  readonly size: number;
}

interface Item {
  seq: number;
  summary: JournalSummary;
  details: (() => JournalDetails) | null;
  view: JournalEntry | null;
}

const UNREADABLE: JournalDetails = {
  url: '',
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
  const { at, provider, environment, host, surface, method, path, status, credential, answeredBy, error, errorType } = item.summary;
  item.view = {
    seq: item.seq,
    at,
    provider,
    environment,
    host,
    surface,
    method,
    url: details.url,
    path,
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

/**
 * Bounded so a long-running `npm start` cannot grow without limit; the oldest entries go first. It trims
 * in batches (up to a quarter over the limit) so a full journal does not copy itself on every request.
 * Recording costs little on the request path: the redacted details are made when first read.
 */
export function createJournal(limit = 10_000): Journal {
  let items: Item[] = [];
  let seq = 0;
  const slack = Math.max(1, Math.floor(limit / 4));
  const kept = (): Item[] => (items.length > limit ? items.slice(items.length - limit) : items);
  return {
    record(summary, details) {
      items.push({ seq: ++seq, summary, details, view: null });
      if (items.length > limit + slack) items = items.slice(items.length - limit);
    },
    entries: (query) => (query ? kept().filter((i) => matches(i.summary, query)) : kept()).map(view),
    clear() {
      items = [];
    },
    get size() {
      return Math.min(items.length, limit);
    },
  };
}
