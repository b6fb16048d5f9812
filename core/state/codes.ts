// Authorisation codes: short-lived, single use, bound to the client and redirect URI (RFC 6749 §4.1.2, §4.1.3).

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
  find(value: string): CodeRecord | undefined;
  list(provider?: string): CodeRecord[];
  clear(): void;
}

export function createCodeStore(): CodeStore {
  const byValue = new Map<string, CodeRecord>();
  return {
    issue(code) {
      const record: CodeRecord = { codeChallenge: null, ...code, usedAt: null, tokenIds: [] };
      byValue.set(record.value, record);
      return record;
    },
    find: (value) => byValue.get(value),
    list: (provider) => [...byValue.values()].filter((c) => provider === undefined || c.provider === provider),
    clear: () => byValue.clear(),
  };
}
