// octorate.quota: a 403 ApiQuotaException is reported, not retried at once, not "cured" with a new token; the client works again once the quota is back.
import { connectAndRead } from '../hotelier.ts';
import { anyIdentityCalls, evidenceSince, judgeOperation, reservations, resourceCalls, seconds, BASICS, type OctorateCheck } from '../judge.ts';

/** The shortest pause after a quota error that is not "at once": Octorate gives no Retry-After and its window is long. */
const MIN_WAIT_MS = 60_000;
/** API calls one operation may make while the quota is used up. */
const MAX_ATTEMPTS = 3;

export const quota: OctorateCheck = {
  id: 'octorate.quota',
  title: 'on 403 ApiQuotaException reports the error instead of retrying at once or renewing its token',
  rule: 'Octorate signals a used-up application quota with 403 ApiQuotaException and X-RateLimit-Remaining: 0, never 429 and with no Retry-After; the quota is the application’s and is “dynamic” (octorate.md “Errors”).',
  requires: BASICS,
  async run(t) {
    const connected = await connectAndRead(t, 'before the quota ran out');
    if (!connected) return;
    const property = connected.propertyId;

    t.harness.scenarios.apply('quota-exceeded', { provider: 'octorate' });
    const since = t.mark();
    const outcome = await reservations(t, property);
    t.harness.scenarios.clear('quota-exceeded', 'octorate');
    const calls = resourceCalls(t, since);
    const evidence = evidenceSince(t, since);
    const span = calls.length > 1 ? seconds(calls.at(-1)!.at - calls[0]!.at) : '0 s';
    if (outcome.kind === 'stopped') {
      t.fail(
        `hammered Octorate after 403 ApiQuotaException: ${calls.length} calls in ${span} of virtual time until the runner stopped it; the quota is the application’s and stays used up for its window — report the error instead of retrying`,
        evidence,
      );
      return;
    }
    const identity = anyIdentityCalls(t, since);
    if (identity.length > 0) {
      const paths = [...new Set(identity.map((e) => e.path.slice(e.path.indexOf('/identity/'))))].join(', ');
      t.fail(
        `treated 403 ApiQuotaException as an authentication failure and called ${paths}; the token is fine — the application’s quota is used up (X-RateLimit-Remaining: 0), and a new token does not reset it`,
        evidence,
      );
    }
    const hurried = calls.flatMap((entry, i) => {
      const next = calls[i + 1];
      return entry.error === 'quota_exceeded' && next && next.at - entry.at < MIN_WAIT_MS ? [next.at - entry.at] : [];
    });
    if (hurried.length > 0) {
      t.fail(
        `retried ${hurried.length} time(s) within ${seconds(Math.max(...hurried))} of a 403 ApiQuotaException; Octorate sends no Retry-After and the quota window is long — report the error (or try again much later), do not retry blindly`,
        evidence,
      );
    } else if (calls.length > MAX_ATTEMPTS) {
      t.fail(`made ${calls.length} calls for one operation while the quota was used up; report the error after at most ${MAX_ATTEMPTS}`, evidence);
    }
    if (outcome.kind === 'resolved') t.fail('reported success although Octorate answered 403 ApiQuotaException to every call', evidence);

    // The quota window is over: the client still works (no failed state kept).
    await t.advance(60);
    const after = t.mark();
    judgeOperation(t, await reservations(t, property), 'once the quota was available again', after);
  },
};
