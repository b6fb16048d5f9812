// ochno.api-unavailable: a 503 from the hubs API is an outage, not a bad token — bounded attempts with back-off, the token kept, and work again after.
import { hurried, MIN_BACKOFF_MS } from '../../common/trouble.ts';
import { seconds, spanOf } from '../../common/text.ts';
import { BASICS, hubCalls, hubs, judgeOperation, lines, tokenCalls, type OchnoCheck } from '../judge.ts';

/** Hub calls for one operation during an outage before the client must give up. */
const MAX_ATTEMPTS = 6;

export const apiUnavailable: OchnoCheck = {
  id: 'ochno.api-unavailable',
  title: 'on 503 from the API backs off, bounds its attempts and keeps its token; works again once Ochno is back',
  rule: 'A 503 means Ochno did not handle the call; it may be back in seconds or stay down for long (RFC 9110 §15.6.4). It says nothing about the token, which stays valid (rate limits and error bodies are UNK, ochno.md “Unknown”).',
  requires: BASICS,
  async run(t) {
    if (!judgeOperation(t, await hubs(t), 'reading the hubs before the outage')) return;
    t.harness.scenarios.apply('api-unavailable', { provider: 'ochno' });
    const since = t.mark();
    let outcome;
    try {
      outcome = await hubs(t);
    } finally {
      t.harness.scenarios.clear('api-unavailable', 'ochno');
    }
    const calls = hubCalls(t, since);
    // Token requests after the first 503 from the API only: one asked before every call is token-reuse's business.
    const refusedAt = calls.find((e) => e.status === 503)?.seq ?? Number.POSITIVE_INFINITY;
    const renewals = tokenCalls(t, since).filter((e) => e.seq > refusedAt);
    const evidence = lines(t, [...calls, ...renewals].sort((a, b) => a.seq - b.seq));
    if (outcome.kind === 'stopped') {
      t.fail(`kept calling /api/hubs/v1 while Ochno answered 503: ${calls.length} calls in ${spanOf(calls)} of virtual time until the runner stopped it; back off between attempts, give up after a few and report the failure`, evidence);
      return;
    }
    if (outcome.kind === 'resolved') t.fail('hubs() reported success although Ochno answered 503 to every call; report the failure', evidence);
    if (calls.length > MAX_ATTEMPTS) t.fail(`made ${calls.length} calls to /api/hubs/v1 for one operation while Ochno answered 503; back off and give up after a few (at most ${MAX_ATTEMPTS})`, evidence);
    const quick = hurried(calls, (e) => e.status === 503, MIN_BACKOFF_MS);
    if (quick.length > 0) {
      t.fail(`retried /api/hubs/v1 ${quick.length} time(s) without backing off: the first retry came ${seconds(quick[0]!.gap)} after a 503; wait between attempts (1 s, 2 s, 4 s…) so a recovering Ochno is not flooded`, evidence);
    }
    if (renewals.length > 0) {
      t.fail(
        `asked the token endpoint for a new token (${renewals.length} time(s)) because the API answered 503; a 503 says Ochno is down, not that the token is bad — keep the token and renew only on 401 or by its expiry`,
        evidence,
      );
    }
    await t.advance(60);
    const back = t.mark();
    judgeOperation(t, await hubs(t), 'reading the hubs once Ochno was back, 60 s later', back);
  },
};
