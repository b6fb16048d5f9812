// Issued access and refresh tokens, with expiry read from the injected clock and revocation by family.

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

export interface TokenStore {
  issue(token: IssueToken): TokenRecord;
  find(value: string): TokenRecord | undefined;
  status(token: TokenRecord, now: number): TokenStatus;
  revoke(token: TokenRecord, now: number): void;
  revokeFamily(family: string, now: number): number;
  list(filter?: Partial<Pick<TokenRecord, 'provider' | 'environment' | 'kind' | 'clientId'>>): TokenRecord[];
  clear(): void;
}

/**
 * Bounded so that a client fetching tokens in a loop against a long-running `npm start` cannot exhaust
 * memory: past `limit` tokens the oldest tenth is forgotten (a forgotten token is then unknown, which
 * providers refuse like an expired one).
 */
export function createTokenStore(limit = 100_000): TokenStore {
  const byValue = new Map<string, TokenRecord>();
  const counters = new Map<string, number>();
  const forgetOldest = (): void => {
    let drop = Math.max(1, Math.floor(limit / 10));
    for (const key of byValue.keys()) {
      if (drop-- <= 0) break;
      byValue.delete(key);
    }
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
      byValue.set(record.value, record);
      if (byValue.size > limit) forgetOldest();
      return record;
    },
    find: (value) => byValue.get(value),
    status(token, now) {
      if (token.revokedAt !== null) return 'revoked';
      if (token.expiresAt !== null && now >= token.expiresAt) return 'expired';
      return 'valid';
    },
    revoke(token, now) {
      token.revokedAt ??= now;
    },
    revokeFamily(family, now) {
      let count = 0;
      for (const token of byValue.values()) {
        if (token.family === family && token.revokedAt === null) {
          token.revokedAt = now;
          count++;
        }
      }
      return count;
    },
    list(filter = {}) {
      return [...byValue.values()].filter((t) =>
        Object.entries(filter).every(([k, v]) => v === undefined || t[k as keyof TokenRecord] === v),
      );
    },
    clear() {
      byValue.clear();
      counters.clear();
    },
  };
}
