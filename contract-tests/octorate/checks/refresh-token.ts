// octorate.refresh-token: the refresh token from /identity/token is kept and used at /identity/refresh hour after hour; no new authorisation, no second exchange.
import type { JournalEntry } from '../../../core/journal.ts';
import { connectAndRead } from '../hotelier.ts';
import {
  answer,
  evidenceSince,
  fingerprint,
  formFields,
  identityCalls,
  judgeOperation,
  lines,
  propertyCalls,
  quirks,
  reservations,
  tokenOf,
  BASICS,
  type OctorateCheck,
  type OctorateContext,
} from '../judge.ts';

/** True when a refused refresh call carried a refresh token Octorate had revoked before it arrived (replaced by rotation). */
function sentRevoked(t: OctorateContext, entry: JournalEntry): boolean {
  const sent = String(formFields(entry).refresh_token);
  return (
    entry.status >= 400 &&
    t.harness.tokens.list({ provider: 'octorate', kind: 'refresh' }).some((tok) => tok.revokedAt != null && tok.revokedAt < entry.at && fingerprint(t, tok.value) === sent)
  );
}

/** Hours the property stays connected in this check. */
const HOURS = 3;

export const refreshToken: OctorateCheck = {
  id: 'octorate.refresh-token',
  title: 'keeps the refresh token and renews the property token at /identity/refresh, hour after hour, without a new authorisation',
  rule: 'Octorate’s refresh token does not expire: the integrator stores it and calls /identity/refresh for new property tokens, never needing the authorisation page again (seed 003, octorate.md §3).',
  requires: [...BASICS, 'octorate.refresh-form'],
  async run(t) {
    const connected = await connectAndRead(t, 'right after connecting');
    if (!connected) return;
    const start = t.mark();
    const lifetime = quirks(t).accessTokenLifetimeSeconds;

    for (let hour = 1; hour <= HOURS; hour++) {
      await t.advance(lifetime);
      const since = t.mark();
      const outcome = await reservations(t, connected.propertyId);
      const exchanges = identityCalls(t, 'token', since);
      const refreshes = identityCalls(t, 'refresh', since);
      const when = `${hour} h after connecting, once the property token had expired`;
      if (exchanges.length > 0) {
        t.fail(
          `${when}: went back to /identity/token with the old code instead of calling /identity/refresh; a code is single use — Octorate refused it (${answer(exchanges[0]!)}) and revoked the tokens issued from it. Keep the refresh_token and call /identity/refresh`,
          evidenceSince(t, start),
        );
        return;
      }
      // Under the rotating reading: a refresh token a later refresh answer replaced (and Octorate revoked) sent again.
      const replaced = refreshes.filter((e) => sentRevoked(t, e));
      if (replaced.length > 0) {
        t.fail(
          `${when}: sent /identity/refresh a refresh_token that an earlier refresh answer had replaced (${answer(replaced[0]!)}); when a refresh answer carries a new refresh_token, keep that one — Octorate revokes the old one`,
          lines(t, [...identityCalls(t, 'refresh', start)]),
        );
        return;
      }
      if (outcome.kind === 'rejected' && refreshes.length === 0 && hour > 1 && !quirks(t).refreshAnswerHasRefreshToken && !quirks(t).rotateRefreshToken) {
        t.fail(
          `${when}: gave up (${outcome.message}) without calling /identity/refresh: the refresh answer an hour earlier carried no refresh_token and the client lost the one it had — keep the refresh token you hold unless an answer brings a new one`,
          lines(t, [...identityCalls(t, 'refresh', start), ...propertyCalls(t, since)]),
        );
        return;
      }
      if (outcome.kind === 'rejected' && refreshes.length === 0) {
        t.fail(
          `${when}: gave up (${outcome.message}) instead of calling /identity/refresh with the refresh token from /identity/token; Octorate’s refresh token does not expire — a connected property never needs the authorisation page again`,
          lines(t, [...identityCalls(t, 'token'), ...identityCalls(t, 'refresh'), ...propertyCalls(t, since)]),
        );
        return;
      }
      if (!judgeOperation(t, outcome, when, since)) return;
    }

    // Every refresh carried a refresh token Octorate issued (the same one, unless a quirk rotates it).
    const issued = new Set(t.harness.tokens.list({ provider: 'octorate', kind: 'refresh' }).map((tok) => fingerprint(t, tok.value)));
    const foreign = identityCalls(t, 'refresh', start).filter((e) => !issued.has(String(formFields(e).refresh_token)));
    if (foreign.length > 0) t.fail(`sent /identity/refresh a refresh_token Octorate never issued (${answer(foreign[0]!)}); send the refresh_token of the token response unchanged`, lines(t, foreign));
    // A refresh revokes the property tokens issued before it (quirk refreshRevokesPreviousAccessTokens).
    const stale = propertyCalls(t, start).filter((e) => {
      const token = tokenOf(t, e);
      return e.status === 401 && !e.credential?.expired && token?.revokedAt != null;
    });
    if (stale.length > 0) {
      t.fail(
        `kept using a property token after refreshing it (${answer(stale[0]!)}): Octorate revokes the earlier access token when /identity/refresh issues a new one — use the access_token of the latest refresh`,
        lines(t, stale),
      );
    }
    const renewed = identityCalls(t, 'refresh', start).filter((e) => e.status === 200).length;
    if (renewed > HOURS + 1) t.note(`refreshed ${renewed} times in ${HOURS} h; once per token lifetime is enough`);
  },
};
