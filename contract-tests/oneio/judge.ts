// Helpers the ONEiO checks share: messages, the calls ONEiO saw, and judging one delivery.
import { isDeepStrictEqual } from 'node:util';
import type { JournalEntry } from '../../core/journal.ts';
import type { CheckContext, ContractCheck, Outcome } from '../types.ts';
import type { OneioOperations, OneioSettings } from './settings.ts';

export type OneioContext = CheckContext<OneioSettings, OneioOperations>;
export type OneioCheck = ContractCheck<OneioSettings, OneioOperations>;

/** The checks every behavioural check needs: a client that cannot get a token or deliver cannot be judged on the rest. */
export const BASICS = ['oneio.token-form', 'oneio.receiver-bearer-json'];

/** The documented token lifetime (`expires_in`, seed 001). */
export const TOKEN_LIFETIME_SECONDS = 3599;

/** A small incident event, as an integration would push to ONEiO's receiver; `n` tells them apart. */
export const message = (n: number): Record<string, unknown> => ({
  id: `contract-${n}`,
  type: 'incident.updated',
  summary: `Contract check message ${n}`,
  priority: n % 3,
});

export const deliver = (t: OneioContext, msg: Record<string, unknown>): Promise<Outcome> => t.run((client) => client.deliver(msg));

/** Start-up, a second message, and one an hour later once the token has expired: every path on which a client reaches ONEiO. */
export async function deliverThroughAnHour(t: OneioContext): Promise<void> {
  await deliver(t, message(1));
  await deliver(t, message(2));
  await t.advance(3600);
  await deliver(t, message(3));
}

/** Token requests the configured environment's token endpoint saw (after `since`). */
export const tokenCalls = (t: OneioContext, since?: number): JournalEntry[] =>
  t.journal({ provider: 'oneio', environment: t.settings.environment, surface: 'token', since });

/** Receiver requests in the configured environment (after `since`). */
export const receiverCalls = (t: OneioContext, since?: number): JournalEntry[] =>
  t.journal({ provider: 'oneio', environment: t.settings.environment, surface: 'receiver', since });

/** How often ONEiO accepted exactly this message. */
export const timesAccepted = (t: OneioContext, msg: Record<string, unknown>): number =>
  t.harness.inbox('oneio', t.settings.environment).filter((m) => isDeepStrictEqual(m.body, msg)).length;

/** The fingerprint the journal shows for a secret value, to recognise it without storing it. */
export const fingerprint = (t: OneioContext, value: string): string => t.harness.context('oneio').redactor.fingerprint(value);

export const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(3))} s`;

export const lines = (t: OneioContext, entries: JournalEntry[], max = 6): string[] => {
  const out = entries.slice(0, max).map((e) => t.describe(e));
  if (entries.length > max) out.push(`… and ${entries.length - max} more`);
  return out;
};

/** A message's id as it appears in a JSON body, to recognise it in another shape. */
const idOf = (msg: Record<string, unknown>): string => JSON.stringify(msg.id ?? msg);

/** Whether a body carries the message, unchanged or not: it holds the message's id. */
const carries = (body: unknown, msg: Record<string, unknown>): boolean => body !== undefined && JSON.stringify(body).includes(idOf(msg));

/** The requests of one delivery: receiver calls that carried the message, and token requests since `since` (when given). */
function deliveryCalls(t: OneioContext, msg: Record<string, unknown>, since?: number): JournalEntry[] {
  return t
    .journal({ provider: 'oneio', since })
    .filter((e) => (e.surface === 'receiver' ? e.body.kind === 'json' && carries(e.body.json, msg) : since !== undefined));
}

/** How an accepted body differs from the message: `field "summary" changed, "extra" added`, or `wrapped in {"data"}`. */
function difference(arrived: unknown, msg: Record<string, unknown>): string {
  if (typeof arrived !== 'object' || arrived === null || Array.isArray(arrived)) return `it arrived as ${JSON.stringify(arrived).slice(0, 80)}`;
  const got = arrived as Record<string, unknown>;
  const wrapper = Object.keys(got).find((k) => isDeepStrictEqual(got[k], msg));
  if (wrapper) return `it arrived wrapped in {"${wrapper}": …}`;
  const changed = Object.keys(msg).filter((k) => k in got && !isDeepStrictEqual(got[k], msg[k]));
  const missing = Object.keys(msg).filter((k) => !(k in got));
  const added = Object.keys(got).filter((k) => !(k in msg));
  const parts = [
    changed.length ? `${changed.map((k) => `"${k}"`).join(', ')} changed` : '',
    missing.length ? `${missing.map((k) => `"${k}"`).join(', ')} left out` : '',
    added.length ? `${added.map((k) => `"${k}"`).join(', ')} added` : '',
  ].filter(Boolean);
  return `field(s) ${parts.join(', ')}`;
}

/**
 * The message must be accepted exactly once and the client must say so. Fails the check in ONEiO's
 * terms otherwise and returns false. `when` names the situation: "after the token expired". The evidence
 * is this delivery's: the receiver calls that carried the message, and the token requests since `since`.
 */
export function judgeDelivery(t: OneioContext, outcome: Outcome, msg: Record<string, unknown>, when: string, since?: number): boolean {
  const accepted = timesAccepted(t, msg);
  const calls = deliveryCalls(t, msg, since);
  // Nothing carried the message: what ONEiO saw in the meantime is the evidence.
  const evidence = lines(t, calls.length > 0 ? calls : t.journal({ provider: 'oneio', since }));
  if (outcome.kind === 'stopped') {
    t.fail(`${when}: the delivery never finished — ${outcome.message}`, evidence);
    return false;
  }
  if (outcome.kind === 'rejected') {
    const ok = calls.find((e) => e.surface === 'receiver' && e.status >= 200 && e.status < 300);
    if (accepted > 0 && ok) {
      t.fail(
        `${when}: the client reported the delivery as failed (${outcome.message}), but ONEiO had accepted the message (it answered ${ok.status}); every 2xx from the receiver means delivered — a failure reported here makes the caller send the message again`,
        evidence,
      );
    } else {
      t.fail(`${when}: the delivery failed (${outcome.message})`, evidence);
    }
    return false;
  }
  if (accepted === 0) {
    const reshaped = t.harness.inbox('oneio', t.settings.environment).find((m) => carries(m.body, msg));
    if (reshaped) {
      t.fail(
        `${when}: ONEiO accepted the message, but not as the client was asked to send it — ${difference(reshaped.body, msg)}; send the message as the JSON body, unchanged`,
        evidence,
      );
    } else {
      t.fail(`${when}: the client reported the message as delivered, but ONEiO never accepted it (the message is lost)`, evidence);
    }
    return false;
  }
  if (accepted > 1) {
    t.fail(`${when}: ONEiO accepted the same message ${accepted} times (delivered more than once)`, evidence);
    return false;
  }
  return true;
}

/** Revokes every ONEiO token issued so far, as a rotated endpoint password or a restarted ONEiO would. */
export function revokeAll(t: OneioContext): string[] {
  const now = t.harness.clock.now();
  const live = t.harness.tokens.list({ provider: 'oneio' }).filter((tok) => t.harness.tokens.status(tok, now) === 'valid');
  for (const token of live) t.harness.tokens.revoke(token, now);
  return live.map((tok) => tok.id);
}
