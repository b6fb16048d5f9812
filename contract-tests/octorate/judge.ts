// Helpers the Octorate checks share: which calls Octorate saw, which token each carried, and judging one operation.
import type { JournalEntry } from '../../core/journal.ts';
import type { TokenRecord } from '../../core/state/tokens.ts';
import { API_PREFIX } from '../../providers/octorate/index.ts';
import type { OctorateQuirks } from '../../providers/octorate/quirks.ts';
import type { CheckContext, ContractCheck, Outcome } from '../types.ts';
import type { OctorateOperations, OctorateSettings } from './settings.ts';

export type OctorateContext = CheckContext<OctorateSettings, OctorateOperations>;
export type OctorateCheck = ContractCheck<OctorateSettings, OctorateOperations>;

/** What a client needs to connect a property at all: without them no later check can be judged. */
export const CONNECT = ['octorate.identity-form', 'octorate.grant-type-code', 'octorate.redirect-uri-match', 'octorate.code-exchange'];
/** …and to call the API with the right token. Every behavioural check needs these. */
export const BASICS = [...CONNECT, 'octorate.token-kinds'];

export type IdentityCall = 'token' | 'refresh' | 'apilogin';
const V1 = `${API_PREFIX}/v1`;
export const IDENTITY_PATHS: Record<IdentityCall, string> = {
  token: `${V1}/identity/token`,
  refresh: `${V1}/identity/refresh`,
  apilogin: `${V1}/identity/apilogin`,
};
export const CONFIGURATION_PATH = `${V1}/api/configuration`;
const RESERVATION_PREFIX = `${V1}/reservation/`;

/** The provider's quirks in this check's harness (code lifetime, token lifetime…). */
export const quirks = (t: OctorateContext): OctorateQuirks => t.harness.context<OctorateQuirks>('octorate').quirks;

/** Everything the api.octorate.com host saw (after `since`). */
const apiHost = (t: OctorateContext, since?: number): JournalEntry[] => t.journal({ provider: 'octorate', surface: 'api', since });

/** Calls to one identity resource (after `since`). */
export const identityCalls = (t: OctorateContext, call: IdentityCall, since?: number): JournalEntry[] =>
  apiHost(t, since).filter((e) => e.path === IDENTITY_PATHS[call]);

/** Calls to any identity resource (after `since`). */
export const anyIdentityCalls = (t: OctorateContext, since?: number): JournalEntry[] => apiHost(t, since).filter((e) => e.path.includes('/identity/'));

/** The identity call an entry is, if any. */
export const identityCallOf = (entry: JournalEntry): IdentityCall | undefined =>
  (Object.keys(IDENTITY_PATHS) as IdentityCall[]).find((call) => IDENTITY_PATHS[call] === entry.path);

/** Property calls: GET /reservation/{id} (after `since`). */
export const propertyCalls = (t: OctorateContext, since?: number): JournalEntry[] => apiHost(t, since).filter((e) => e.path.startsWith(RESERVATION_PREFIX));

/** API-operations calls: GET /api/configuration (after `since`). */
export const configurationCalls = (t: OctorateContext, since?: number): JournalEntry[] => apiHost(t, since).filter((e) => e.path === CONFIGURATION_PATH);

/** Resource calls of any kind, identity calls excluded (after `since`). */
export const resourceCalls = (t: OctorateContext, since?: number): JournalEntry[] => apiHost(t, since).filter((e) => !e.path.includes('/identity/'));

/** The form fields an entry carried (secret-named values fingerprinted), or none. */
export const formFields = (entry: JournalEntry): Record<string, string | string[]> => (entry.body.kind === 'form' ? entry.body.fields : {});

/** The fingerprint the journal shows for a secret value (codes, tokens, the client secret), to recognise it without storing it. */
export const fingerprint = (t: OctorateContext, value: string): string => t.harness.context('octorate').redactor.fingerprint(value);

/** The token a Bearer call carried, by its harness id. */
export function tokenOf(t: OctorateContext, entry: JournalEntry): TokenRecord | undefined {
  const ref = entry.credential?.scheme === 'Bearer' ? entry.credential.ref : undefined;
  return ref ? t.harness.tokens.list({ provider: 'octorate' }).find((tok) => tok.id === ref) : undefined;
}

/** What kind of token a call carried, in Octorate's words. */
export function tokenKind(t: OctorateContext, entry: JournalEntry): 'property' | 'apilogin' | 'refresh' | 'none' | 'unknown' {
  if (!entry.credential) return 'none';
  const token = tokenOf(t, entry);
  if (!token) return 'unknown';
  if (token.kind === 'refresh') return 'refresh';
  return token.subject['grant'] === 'apilogin' ? 'apilogin' : 'property';
}

/** The valid property access tokens (code and refresh grants), newest last. */
export const liveProperty = (t: OctorateContext): TokenRecord[] =>
  t.harness.tokens
    .list({ provider: 'octorate', kind: 'access' })
    .filter((tok) => tok.subject['grant'] === 'property' && t.harness.tokens.status(tok, t.harness.clock.now()) === 'valid');

/** Revokes every valid property access token, as Octorate does when it invalidates a session; the refresh token stays. */
export function revokePropertyAccess(t: OctorateContext): string[] {
  const live = liveProperty(t);
  for (const token of live) t.harness.tokens.revoke(token, t.harness.clock.now());
  return live.map((tok) => tok.id);
}

/** `400 ApiParamsExemption`: the status and Octorate's error type of a refused call, as the journal recorded it. */
export function answer(entry: JournalEntry): string {
  if (!entry.error) return String(entry.status);
  return entry.errorType ? `${entry.status} ${entry.errorType}` : `${entry.status} (${entry.error})`;
}

/** `it answered 400 ApiParamsExemption` */
export const answered = (entry: JournalEntry): string => `it answered ${answer(entry)}`;

export const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(3))} s`;
export const minutes = (ms: number): string => `${Math.round(ms / 60_000)} min`;

export const lines = (t: OctorateContext, entries: JournalEntry[], max = 8): string[] => {
  const out = entries.slice(0, max).map((e) => t.describe(e));
  if (entries.length > max) out.push(`… and ${entries.length - max} more`);
  return out;
};

/** Everything Octorate saw since `since` (both hosts), as evidence. */
export const evidenceSince = (t: OctorateContext, since?: number): string[] => lines(t, t.journal({ provider: 'octorate', since }));

export const reservations = (t: OctorateContext, propertyId: string): Promise<Outcome> => t.run((client) => client.reservations(propertyId));
export const configuration = (t: OctorateContext): Promise<Outcome> => t.run((client) => client.configuration());

/** An operation that must succeed: fails the check in Octorate's terms otherwise and returns false. */
export function judgeOperation(t: OctorateContext, outcome: Outcome, what: string, since?: number): boolean {
  if (outcome.kind === 'resolved') return true;
  const evidence = evidenceSince(t, since);
  if (outcome.kind === 'stopped') t.fail(`${what}: the call never finished — ${outcome.message}`, evidence);
  else t.fail(`${what}: the call failed (${outcome.message})`, evidence);
  return false;
}
