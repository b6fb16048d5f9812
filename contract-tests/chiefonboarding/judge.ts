// Helpers the manifest checks share: the user's trip through the provider's page, the callback, calls with the token, and the run's diagnostics as notes.
import type { JournalEntry } from '../../core/journal.ts';
import type { CheckContext, ContractCheck, Outcome } from '../types.ts';
import { VIRTUAL_EPOCH } from '../virtual-time.ts';
import { formatDiagnostic } from './diagnostics.ts';
import type { CallbackResult, ExecuteResult } from './interpreter/integration.ts';
import { formatRequest } from './interpreter/record.ts';
import type { ManifestOperations, ManifestProfile, ManifestSettings } from './settings.ts';

export type ManifestContext = CheckContext<ManifestSettings, ManifestOperations>;
export type ManifestCheck = ContractCheck<ManifestSettings, ManifestOperations>;

/** Said in front of a finding no manifest can avoid, because of how the platform works. */
export const PLATFORM_LIMIT = 'cannot pass on ChiefOnboarding:';

export interface CheckDefinition extends Omit<ManifestCheck, 'run'> {
  /** `all`: list every diagnostic (the first check); `run`: only those this check's run raised. */
  diagnostics: 'all' | 'run';
  run(t: ManifestContext): Promise<void>;
}

/** A check that, whatever it came to, leaves the author the diagnostics and the requests of its run as notes. */
export function manifestCheck(def: CheckDefinition): ManifestCheck {
  const { diagnostics, run, ...rest } = def;
  return {
    ...rest,
    async run(t) {
      const known = new Set(diagnostics === 'all' ? [] : t.client.loaded.diagnostics.map((d) => `${d.id}\u0000${d.key}`));
      const start = t.client.diagnostics().length;
      try {
        await run(t);
      } finally {
        // A failed check also repeats the warnings known before the run: one of them may be its cause.
        const failed = t.failures.length > 0;
        const list = t.client
          .diagnostics()
          .filter((d, i) => diagnostics === 'all' || (failed && d.severity !== 'info') || (i >= start && !known.has(`${d.id}\u0000${d.key}`)));
        const rank = { refused: 0, warning: 1, info: 2 } as const;
        for (const d of list.sort((a, b) => rank[a.severity] - rank[b.severity])) t.note(formatDiagnostic(d));
        // Every request of the run; in full (query, body) when the check failed, where they are the evidence.
        for (const r of t.client.requests()) t.note(`request: ${formatRequest(r, VIRTUAL_EPOCH, !failed)}`);
      }
    },
  };
}

export const lines = (t: ManifestContext, entries: JournalEntry[], max = 8): string[] => {
  const out = entries.slice(0, max).map((e) => t.describe(e));
  if (entries.length > max) out.push(`… and ${entries.length - max} more`);
  return out;
};

export const providerCalls = (t: ManifestContext, since?: number): JournalEntry[] => t.journal({ provider: t.settings.provider, since });

const failed = (outcome: Outcome): string => (outcome.kind === 'stopped' ? `never finished — ${outcome.message}` : outcome.kind === 'rejected' ? outcome.message : '');

export interface Authorised {
  url: string;
  callbackUrl: string;
  since: number;
}

/** The admin clicks "connect": the browser goes to the rendered authenticate_url, the user approves, the provider redirects back. */
export async function authorise(t: ManifestContext, profile: ManifestProfile): Promise<Authorised | undefined> {
  const since = t.mark();
  const rendered = await t.run(async (client) => client.authorizeUrl());
  if (rendered.kind !== 'resolved') {
    t.fail(`oauth.authenticate_url could not be followed: ${failed(rendered)}`);
    return undefined;
  }
  const url = rendered.value;
  const parsed = new URL(url);
  if (`${parsed.origin}${parsed.pathname}` !== profile.authorizePage) {
    t.fail(`oauth.authenticate_url sends the browser to ${parsed.origin}${parsed.pathname}; ${profile.title}’s authorisation page is ${profile.authorizePage}`, [`authenticate_url → ${url}`]);
    return undefined;
  }
  let callbackUrl: string;
  try {
    callbackUrl = await profile.approve(t.harness, url);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    t.fail(`${profile.title}’s authorisation page refused the URL from oauth.authenticate_url — ${message}`, lines(t, providerCalls(t, since)));
    return undefined;
  }
  if (!callbackUrl.startsWith(t.settings.redirectUrl)) {
    t.fail(`${profile.title} sent the browser back to ${callbackUrl.split('?')[0]}, not to {{ redirect_url }} (${t.settings.redirectUrl})`, [callbackUrl]);
    return undefined;
  }
  return { url, callbackUrl, since };
}

/** The browser arrives at the platform's callback route. */
export const callback = (t: ManifestContext, url: string): Promise<Outcome<CallbackResult>> => t.run((client) => client.callback(url));

/** A connection that must work: authorised, the code exchanged, a token saved. Fails the check (undefined) otherwise. */
export async function connect(t: ManifestContext, profile: ManifestProfile): Promise<Authorised | undefined> {
  const authorised = await authorise(t, profile);
  if (!authorised) return undefined;
  const outcome = await callback(t, authorised.callbackUrl);
  const evidence = lines(t, providerCalls(t, authorised.since));
  if (outcome.kind !== 'resolved') {
    t.fail(`the callback did not complete: ${failed(outcome)}`, evidence);
    return undefined;
  }
  const result = outcome.value;
  const exchange = providerCalls(t, authorised.since).filter((e) => profile.tokenCall(e) === 'exchange');
  const refused = exchange.find((e) => e.status >= 400);
  const limit = refused && profile.exchangeLimit?.(refused);
  if (!result.ok) {
    t.fail(`the code exchange failed and the admin sees “${result.message}”${limit ? ` — ${PLATFORM_LIMIT} ${limit.replace(/^cannot pass on ChiefOnboarding: /, '')}` : ''}`, evidence);
    return undefined;
  }
  if (result.status < 200 || result.status > 299) {
    t.fail(
      `${profile.title} refused the code exchange with ${result.status}${refused?.error ? ` ${refused.error}` : ''}, and the platform saved that error body as the token and shows the integration as connected${limit ? ` — ${limit}` : ''}`,
      evidence,
    );
    return undefined;
  }
  const token = t.client.state.oauth?.['access_token'];
  if (typeof token !== 'string' || token === '') {
    t.fail(`the saved token has no access_token (saved keys: ${Object.keys(t.client.state.oauth ?? {}).join(', ') || 'none'}), so {{ oauth.access_token }} renders empty`, evidence);
    return undefined;
  }
  return authorised;
}

/** Runs the manifest's execute steps, or the provider's probe call when it has none. */
export async function useToken(t: ManifestContext, profile: ManifestProfile): Promise<Outcome<ExecuteResult>> {
  const steps = t.client.loaded.manifest.execute;
  return steps && steps.length > 0 ? t.run((client) => client.execute()) : t.run((client) => client.execute([profile.probe], 'probe'));
}

/** API calls since `since` that the provider refused, or an empty list. */
export const refusedApiCalls = (t: ManifestContext, profile: ManifestProfile, since: number): JournalEntry[] =>
  providerCalls(t, since).filter((e) => profile.isApiCall(e) && e.status >= 400);

/** The live access token the last API call carried, by its harness record. */
export function lastAccessToken(t: ManifestContext, profile: ManifestProfile, since: number) {
  const call = providerCalls(t, since).filter((e) => profile.isApiCall(e) && e.credential?.scheme === 'Bearer').at(-1);
  const ref = call?.credential?.ref;
  return ref ? t.harness.tokens.list({ provider: t.settings.provider, kind: 'access' }).find((tok) => tok.id === ref) : undefined;
}

/**
 * Connects, uses the token once, lets `meanwhile` act, then moves time just past the provider's expiry of that
 * token (the platform saved now + expires_in at the same virtual instant, so its expiry is due too). Resolves
 * with the journal mark from which to judge; undefined when the check already failed, or (with a note) when
 * the token has no expiry.
 */
export async function connectUntilExpired(t: ManifestContext, profile: ManifestProfile, meanwhile?: () => void): Promise<number | undefined> {
  if (!(await connect(t, profile))) return undefined;
  const since = t.mark();
  await useToken(t, profile);
  const token = lastAccessToken(t, profile, since);
  if (!token?.expiresAt) {
    t.note(`${profile.title} issued a token without an expiry: nothing to refresh`);
    return undefined;
  }
  meanwhile?.();
  await t.advance(Math.max(0, (token.expiresAt - t.harness.clock.now()) / 1000) + 1);
  return t.mark();
}
