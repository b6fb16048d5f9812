// Authorisation codes: short-lived, single use, bound to the client and redirect URI (RFC 6749 §4.1.2, §4.1.3).
import { DEFAULT_LIMITS, raiseHint, type StoreLimit } from '../limits.ts';
import { createBoundedStore, type StoreStats } from './bounded.ts';
import type { DroppedToken } from './tokens.ts';

export interface CodeRecord {
  value: string;
  provider: string;
  environment: string;
  clientId: string;
  redirectUri: string;
  state: string | null;
  issuedAt: number;
  expiresAt: number;
  usedAt: number | null;
  /** Tokens issued from this code, revoked if the code is presented again (RFC 6749 §4.1.2). */
  tokenIds: string[];
  /** What the user granted (a property, a user id…), provider-defined. */
  subject: Record<string, string>;
  codeChallenge: string | null;
}

export type IssueCode = Omit<CodeRecord, 'usedAt' | 'tokenIds' | 'codeChallenge'> & { codeChallenge?: string | null };

export interface CodeStore {
  issue(code: IssueCode): CodeRecord;
  /** O(1) whatever the store holds. */
  find(value: string): CodeRecord | undefined;
  /** Why an unknown code is unknown, when the harness issued it and then had to drop it. */
  dropped(value: string): DroppedToken | undefined;
  /** Whether this harness issued the code (held or dropped): for redaction, not a use. */
  issued(value: string): boolean;
  list(provider?: string): CodeRecord[];
  stats(): StoreStats;
  clear(): void;
}

export interface CodeStoreOptions {
  /** Per provider (default 20,000 codes, 8 MiB). */
  limit?: StoreLimit;
  now?: () => number;
}

const RECORD_OVERHEAD = 360;

const codeSize = (c: CodeRecord): number => {
  let size = RECORD_OVERHEAD + c.value.length + c.clientId.length + c.redirectUri.length + (c.state?.length ?? 0) + (c.codeChallenge?.length ?? 0);
  for (const [k, v] of Object.entries(c.subject)) size += k.length + v.length;
  return size;
};

/** Bounded like the token store: expired codes go first; a code dropped before its use is reported as such. */
export function createCodeStore(options: CodeStoreOptions = {}): CodeStore {
  const limit = options.limit ?? DEFAULT_LIMITS.codes;
  const store = createBoundedStore<CodeRecord>({
    limit,
    now: options.now ?? (() => Date.now()),
    key: (c) => c.value,
    partition: (c) => c.provider,
    owner: (c) => `${c.environment}\u0000${c.clientId}`,
    size: codeSize,
    // A used code stays until it expires: presenting it again must still revoke its tokens (RFC 6749 §4.1.2).
    dead: (c, now) => (now >= c.expiresAt ? 'expired' : null),
    expiresAt: (c) => c.expiresAt,
  });
  return {
    issue(code) {
      const record: CodeRecord = { codeChallenge: null, ...code, usedAt: null, tokenIds: [] };
      store.add(record);
      return record;
    },
    find: (value) => store.get(value),
    issued: (value) => store.knows(value),
    dropped(value) {
      const reason = store.dropped(value);
      if (reason === undefined) return undefined;
      const message =
        reason === 'capacity'
          ? `The harness dropped this authorisation code before it expired: its code store holds at most ${limit.count.toLocaleString('en-US')} codes per provider; ${raiseHint('codes')}.`
          : 'The code expired (the harness has since dropped it).';
      return { reason, message };
    },
    list: (provider) => [...store.values()].filter((c) => provider === undefined || c.provider === provider),
    stats: () => store.stats(),
    clear: () => store.clear(),
  };
}
