// Helpers the Ochno checks share: which calls Ochno saw, the tokens they carried, and judging one operation.
import type { JournalEntry } from '../../core/journal.ts';
import type { TokenRecord } from '../../core/state/tokens.ts';
import { TOKEN_PATH, USERINFO_PATH, SUBSCRIPTIONS_PATH, type OchnoQuirks } from '../../providers/ochno/public.ts';
import type { CheckContext, ContractCheck, Outcome } from '../types.ts';
import type { OchnoOperations, OchnoSettings } from './settings.ts';

export type OchnoContext = CheckContext<OchnoSettings, OchnoOperations>;
export type OchnoCheck = ContractCheck<OchnoSettings, OchnoOperations>;

/** Without a token no other check can be judged. */
export const BASICS = ['ochno.token-form', 'ochno.scopes'];
/** …and the code flow, for the checks on a user's tokens. */
export const CONNECT = [...BASICS, 'ochno.pkce-code-verifier'];

export const quirks = (t: OchnoContext): OchnoQuirks => t.harness.context<OchnoQuirks>('ochno').quirks;

const ochno = (t: OchnoContext, since?: number): JournalEntry[] => t.journal({ provider: 'ochno', since });

export const formFields = (entry: JournalEntry): Record<string, string | string[]> => (entry.body.kind === 'form' ? entry.body.fields : {});
const grantOf = (entry: JournalEntry): string => String(formFields(entry).grant_type ?? '');

/** Token endpoint calls (after `since`), optionally of one grant. */
export const tokenCalls = (t: OchnoContext, since?: number, grant?: string): JournalEntry[] =>
  ochno(t, since).filter((e) => e.path === TOKEN_PATH && (grant === undefined || grantOf(e) === grant));
export const hubCalls = (t: OchnoContext, since?: number): JournalEntry[] => ochno(t, since).filter((e) => e.path.startsWith('/api/hubs/v1'));
export const stateCalls = (t: OchnoContext, since?: number): JournalEntry[] => ochno(t, since).filter((e) => /^\/api\/hubs\/v1\/[^/]+\/state$/.test(e.path));
export const userinfoCalls = (t: OchnoContext, since?: number): JournalEntry[] => ochno(t, since).filter((e) => e.path === USERINFO_PATH);
export const subscriptionCalls = (t: OchnoContext, since?: number): JournalEntry[] => ochno(t, since).filter((e) => e.path.startsWith(SUBSCRIPTIONS_PATH));

export const fingerprint = (t: OchnoContext, value: string): string => t.harness.context('ochno').redactor.fingerprint(value);

/** The token a Bearer call carried, by its harness id. */
export function tokenOf(t: OchnoContext, entry: JournalEntry): TokenRecord | undefined {
  const ref = entry.credential?.scheme === 'Bearer' ? entry.credential.ref : undefined;
  return ref ? t.harness.tokens.list({ provider: 'ochno' }).find((tok) => tok.id === ref) : undefined;
}

/** The live access tokens of one grant kind (client_credentials or authorization_code). */
export const liveAccess = (t: OchnoContext, grant: 'client_credentials' | 'authorization_code'): TokenRecord[] =>
  t.harness.tokens
    .list({ provider: 'ochno', kind: 'access' })
    .filter((tok) => tok.subject['grant'] === grant && t.harness.tokens.status(tok, t.harness.clock.now()) === 'valid');

/** Revokes every live access token of a grant kind (the refresh tokens stay), as when Ochno ends a session. */
export function revokeAccess(t: OchnoContext, grant: 'client_credentials' | 'authorization_code'): string[] {
  const live = liveAccess(t, grant);
  for (const token of live) t.harness.tokens.revoke(token, t.harness.clock.now());
  return live.map((tok) => tok.id);
}

/** `400 invalid_scope` */
export const answer = (entry: JournalEntry): string => (entry.error ? `${entry.status} ${entry.error}` : String(entry.status));
export const answered = (entry: JournalEntry): string => `Ochno answered ${answer(entry)}`;

export const lines = (t: OchnoContext, entries: JournalEntry[], max = 8): string[] => {
  const out = entries.slice(0, max).map((e) => t.describe(e));
  if (entries.length > max) out.push(`… and ${entries.length - max} more`);
  return out;
};
export const evidenceSince = (t: OchnoContext, since?: number): string[] => lines(t, ochno(t, since));

export const hubs = (t: OchnoContext): Promise<Outcome> => t.run((client) => client.hubs());
export const userinfo = (t: OchnoContext): Promise<Outcome> => t.run((client) => client.userinfo());

/** An operation that must succeed: fails the check in Ochno's terms otherwise and returns false. */
export function judgeOperation(t: OchnoContext, outcome: Outcome, what: string, since?: number): boolean {
  if (outcome.kind === 'resolved') return true;
  const evidence = evidenceSince(t, since);
  if (outcome.kind === 'stopped') t.fail(`${what}: the call never finished — ${outcome.message}`, evidence);
  else t.fail(`${what}: the call failed (${outcome.message})`, evidence);
  return false;
}

export const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(3))} s`;
