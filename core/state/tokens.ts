// Issued access and refresh tokens, with expiry read from the injected clock and revocation by family.
import { DEFAULT_LIMITS, raiseHint, type StoreLimit } from '../limits.ts';
import { createBoundedStore, type DropReason, type StoreStats } from './bounded.ts';

export type TokenKind = 'access' | 'refresh';
export type TokenStatus = 'valid' | 'expired' | 'revoked';

export interface TokenRecord {
  /** Harness-local id that journals show instead of the token (`oneio-access-3`). */
  id: string;
  value: string;
  kind: TokenKind;
  provider: string;
  environment: string;
  clientId: string;
  scopes: string[];
  issuedAt: number;
  /** Epoch ms after which the token is refused; null never expires. */
  expiresAt: number | null;
  revokedAt: number | null;
  /** Refresh-token family (RFC 9700 §4.14): revoking it revokes every token issued from it. */
  family: string | null;
  /** What the token gives access to (a property id, a user, a grant type…), provider-defined. */
  subject: Record<string, string>;
}

export type IssueToken = Omit<TokenRecord, 'id' | 'revokedAt' | 'family' | 'subject' | 'scopes'> &
  Partial<Pick<TokenRecord, 'family' | 'subject' | 'scopes'>>;

/** A token the store no longer holds because a limit forced it out. */
export interface DroppedToken {
  /**
   * `capacity`: it was still valid; `expired` / `revoked`: it was refused anyway; `forgotten`: the value is
   * unknown, but so many were dropped that the store no longer remembers them all — it may be one of them.
   */
  reason: DropReason | 'forgotten';
  /** For the client: what happened, the capacity, and how to raise it. */
  message: string;
}

export interface TokenStore {
  issue(token: IssueToken): TokenRecord;
  /** O(1) whatever the store holds. */
  find(value: string): TokenRecord | undefined;
  /** Why an unknown value is unknown, when the harness issued it and then had to drop it. */
  dropped(value: string, provider?: string): DroppedToken | undefined;
  /** Whether this harness issued the value (held or dropped): for redaction, not a use. */
  issued(value: string): boolean;
  status(token: TokenRecord, now: number): TokenStatus;
  revoke(token: TokenRecord, now: number): void;
  revokeFamily(family: string, now: number): number;
  /** The tokens of a family still held, O(size of the family). */
  family(family: string): TokenRecord[];
  list(filter?: Partial<Pick<TokenRecord, 'provider' | 'environment' | 'kind' | 'clientId'>>): TokenRecord[];
  /** Count, bytes and drops per provider. */
  stats(): StoreStats;
  clear(): void;
}

export interface TokenStoreOptions {
  /** Per provider (default 20,000 tokens, 16 MiB). */
  limit?: StoreLimit;
  /** Time for judging which tokens are dead when room is needed (the harness clock). */
  now?: () => number;
}

/** Bytes a record keeps alive besides its strings: the object, its arrays and its index entries. */
const RECORD_OVERHEAD = 560;

const tokenSize = (t: TokenRecord): number => {
  let size = RECORD_OVERHEAD + t.value.length + t.id.length + t.clientId.length + (t.family?.length ?? 0);
  for (const [k, v] of Object.entries(t.subject)) size += k.length + v.length;
  for (const s of t.scopes) size += s.length;
  return size;
};

/**
 * Bounded per provider so a client fetching tokens in a loop against a long-running server cannot exhaust
 * memory, nor make another provider forget its tokens. When a provider's share is full, expired and revoked
 * tokens go first; only then valid ones, the least recently used of the client holding the most. A valid
 * token dropped that way is never forgotten silently: `dropped()` says so, for the client's next use.
 */
export function createTokenStore(options: TokenStoreOptions | number = {}): TokenStore {
  const opts = typeof options === 'number' ? { limit: { ...DEFAULT_LIMITS.tokens, count: options } } : options;
  const limit = opts.limit ?? DEFAULT_LIMITS.tokens;
  const now = opts.now ?? (() => Date.now());
  const counters = new Map<string, number>();
  const families = new Map<string, Set<TokenRecord>>();
  const status = (token: TokenRecord, at: number): TokenStatus => {
    if (token.revokedAt !== null) return 'revoked';
    if (token.expiresAt !== null && at >= token.expiresAt) return 'expired';
    return 'valid';
  };
  const store = createBoundedStore<TokenRecord>({
    limit,
    now,
    key: (t) => t.value,
    partition: (t) => t.provider,
    owner: (t) => `${t.environment}\u0000${t.clientId}`,
    size: tokenSize,
    dead: (t, at) => {
      const s = status(t, at);
      return s === 'valid' ? null : s;
    },
    expiresAt: (t) => t.expiresAt,
    onDrop: (t) => {
      if (t.family === null) return;
      const members = families.get(t.family);
      members?.delete(t);
      if (members?.size === 0) families.delete(t.family);
    },
  });
  const revoke = (token: TokenRecord, at: number): void => {
    if (token.revokedAt !== null) return;
    token.revokedAt = at;
    store.died(token.provider);
  };
  return {
    issue(token) {
      const prefix = `${token.provider}-${token.kind}`;
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      const record: TokenRecord = {
        scopes: [],
        subject: {},
        family: null,
        ...token,
        id: `${prefix}-${n}`,
        revokedAt: null,
      };
      if (record.family !== null) {
        let members = families.get(record.family);
        if (!members) families.set(record.family, (members = new Set()));
        members.add(record);
      }
      store.add(record);
      return record;
    },
    find: (value) => store.get(value),
    issued: (value) => store.knows(value),
    dropped(value, provider) {
      const reason = store.dropped(value);
      if (reason === undefined) {
        if (provider === undefined || !store.forgottenDrops(provider)) return undefined;
        const lost = store.stats().partitions[provider]?.droppedLive ?? 0;
        return {
          reason: 'forgotten',
          message:
            `The token is unknown. If this harness issued it, it was dropped: ${lost.toLocaleString('en-US')} valid ${provider} tokens went over the ` +
            `limit of ${limit.count.toLocaleString('en-US')}, more than the harness remembers by name; ${raiseHint('tokens')}.`,
        };
      }
      const message =
        reason === 'capacity'
          ? `The harness dropped this token while it was still valid: its token store holds at most ${limit.count.toLocaleString('en-US')} tokens ` +
            `(${Math.round(limit.bytes / 1048576)} MiB) per provider; ${raiseHint('tokens')}.`
          : `The token is ${reason} (the harness has since dropped it to make room).`;
      return { reason, message };
    },
    status,
    revoke,
    revokeFamily(family, at) {
      let count = 0;
      for (const token of families.get(family) ?? []) {
        if (token.revokedAt === null) {
          revoke(token, at);
          count++;
        }
      }
      return count;
    },
    family: (family) => [...(families.get(family) ?? [])],
    list(filter = {}) {
      return [...store.values()].filter((t) =>
        Object.entries(filter).every(([k, v]) => v === undefined || t[k as keyof TokenRecord] === v),
      );
    },
    stats: () => store.stats(),
    clear() {
      store.clear();
      counters.clear();
      families.clear();
    },
  };
}
