// octorate.retry-on-401: a 401 ApiKeyInvalid gets one refresh and one retry; when that fails too, or the refresh token is refused, the client reports it — no loop.
import { connectAndRead } from '../hotelier.ts';
import {
  answer,
  evidenceSince,
  identityCallOf,
  identityCalls,
  judgeOperation,
  lines,
  propertyCalls,
  reservations,
  revokePropertyAccess,
  seconds,
  BASICS,
  type OctorateCheck,
} from '../judge.ts';

/** Property calls allowed for one operation when every token is refused: the first and one retry. */
const ATTEMPTS = 2;

export const retryOn401: OctorateCheck = {
  id: 'octorate.retry-on-401',
  title: 'on 401 ApiKeyInvalid refreshes once and retries once; reports the failure instead of looping',
  rule: 'Octorate answers 401 ApiKeyInvalid for a wrong, expired or revoked token (octorate.md “Errors”); a refreshed token cures a revoked one, and when that is refused too — or the refresh token is, because the hotelier disconnected the application — retrying cannot help.',
  requires: [...BASICS, 'octorate.refresh-token'],
  async run(t) {
    const connected = await connectAndRead(t, 'before Octorate revoked the token');
    if (!connected) return;
    const property = connected.propertyId;

    // 1. Octorate revokes the property token: one 401, one refresh, the retry works.
    const refused = new Set(revokePropertyAccess(t));
    let since = t.mark();
    const first = await reservations(t, property);
    const stale = propertyCalls(t, since).filter((e) => e.credential && refused.has(e.credential.ref));
    if (stale.length > 1) {
      t.fail(
        `sent the refused token again: ${stale.length} calls with a property token Octorate had already answered 401 ApiKeyInvalid to${first.kind === 'stopped' ? ', until the runner stopped it' : ''}; after a 401, call /identity/refresh before retrying`,
        lines(t, stale),
      );
    } else if (first.kind === 'rejected' && identityCalls(t, 'refresh', since).length === 0) {
      t.fail(
        `gave up when Octorate answered 401 ApiKeyInvalid for a revoked property token (${first.message}); call /identity/refresh once and retry the call once`,
        evidenceSince(t, since),
      );
    } else {
      judgeOperation(t, first, 'after Octorate revoked the property token', since);
    }
    if (first.kind === 'stopped') return;

    // 2. Every refreshed token is refused too: one refresh, one retry, then the client reports the failure.
    let refuseEverything = true;
    t.onAnswered((entry) => {
      if (refuseEverything && identityCallOf(entry) === 'refresh' && entry.status === 200) revokePropertyAccess(t);
    });
    revokePropertyAccess(t);
    since = t.mark();
    const second = await reservations(t, property);
    refuseEverything = false;
    const calls = propertyCalls(t, since);
    const refreshes = identityCalls(t, 'refresh', since);
    const span = calls.length > 1 ? seconds(calls.at(-1)!.at - calls[0]!.at) : '0 s';
    if (second.kind === 'stopped') {
      t.fail(
        `looped on 401 ApiKeyInvalid: every refreshed token was refused too and the client kept going (${calls.length} calls and ${refreshes.length} refreshes in ${span} until the runner stopped it); refresh once, retry once, then report the failure`,
        evidenceSince(t, since),
      );
      return;
    }
    if (second.kind === 'resolved') t.fail('reported success although Octorate refused every attempt with 401 ApiKeyInvalid', evidenceSince(t, since));
    else if (calls.length > ATTEMPTS || refreshes.length > 1) {
      t.fail(
        `made ${calls.length} calls and ${refreshes.length} refreshes for one operation while Octorate refused every token with 401 ApiKeyInvalid; refresh once, retry once, then report the failure`,
        evidenceSince(t, since),
      );
    }

    // 3. The hotelier disconnected the application: /identity/refresh refuses the refresh token for good.
    t.harness.scenarios.apply('refresh-token-revoked', { provider: 'octorate' });
    revokePropertyAccess(t);
    since = t.mark();
    const third = await reservations(t, property);
    t.harness.scenarios.clear('refresh-token-revoked', 'octorate');
    const tries = identityCalls(t, 'refresh', since);
    const refusal = tries.find((e) => e.status >= 400);
    const said = refusal ? answer(refusal) : 'an error';
    if (third.kind === 'stopped') {
      t.fail(
        `looped after Octorate refused the refresh token with ${said} (${tries.length} refreshes until the runner stopped it); the hotelier disconnected the application — report that the property must be authorised again`,
        evidenceSince(t, since),
      );
    } else if (third.kind === 'resolved') {
      t.fail('reported success although Octorate refused the refresh token (the hotelier disconnected the application)', evidenceSince(t, since));
    } else if (tries.length > 1) {
      t.fail(
        `asked /identity/refresh ${tries.length} times with a refresh token Octorate had refused (${said}: the hotelier disconnected the application); a refused refresh token stays refused, whatever the status — report that the property must be authorised again`,
        evidenceSince(t, since),
      );
    }
  },
};
