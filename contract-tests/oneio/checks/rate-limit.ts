// oneio.rate-limit: on 429 the client waits at least Retry-After (virtual time) before trying again, a bounded number of times.
import type { JournalEntry } from '../../../core/journal.ts';
import { BASICS, deliver, judgeDelivery, lines, message, receiverCalls, seconds, type OneioCheck } from '../judge.ts';

const RETRY_AFTER = 30;
/** Receiver attempts for one message under the limit: a client that waits as told needs two. */
const MAX_ATTEMPTS = 6;

/** Retry-After the scenario sent with a 429 at `at`: the seconds left in the window, at least 1 (scenarios/kinds/rate-limited.ts). */
const retryAfterAt = (windowEnd: number, at: number): number => Math.max(1, Math.ceil((windowEnd - at) / 1000));

export const rateLimit: OneioCheck = {
  id: 'oneio.rate-limit',
  title: 'on 429 waits at least Retry-After before trying again, with bounded retries',
  rule: 'HTTP 429 with Retry-After signals a rate limit; the limit stays on until that many seconds have passed (oauth-rfc.md; ONEiO’s own limits are undocumented).',
  requires: BASICS,
  async run(t) {
    judgeDelivery(t, await deliver(t, message(1)), message(1), 'before the rate limit');
    t.harness.scenarios.apply('rate-limited', { provider: 'oneio', surfaces: ['receiver'], params: { retryAfter: RETRY_AFTER } });
    const since = t.mark();
    const outcome = await deliver(t, message(2));
    const calls = receiverCalls(t, since);
    const first = calls.find((e) => e.status === 429);
    const evidence = lines(t, calls);
    if (!first) {
      judgeDelivery(t, outcome, message(2), 'under the rate limit', since);
      return;
    }
    const windowEnd = first.at + RETRY_AFTER * 1000;
    const early: Array<{ after: JournalEntry; gap: number; wait: number }> = [];
    calls.forEach((entry, i) => {
      const next = calls[i + 1];
      if (entry.status !== 429 || !next) return;
      const wait = retryAfterAt(windowEnd, entry.at);
      if (next.at - entry.at < wait * 1000) early.push({ after: entry, gap: next.at - entry.at, wait });
    });
    if (outcome.kind === 'stopped') {
      t.fail(
        `hammered the rate-limited receiver: ${calls.length} requests in ${seconds(calls.at(-1)!.at - first.at)} of virtual time until the runner stopped it; ONEiO said Retry-After: ${RETRY_AFTER} — wait that long and bound the retries`,
        evidence,
      );
    } else if (early.length > 0) {
      const { gap, wait } = early[0]!;
      t.fail(
        `retried ${early.length} time(s) before Retry-After had passed: the first retry came ${seconds(gap)} after a 429 that said Retry-After: ${wait}; ONEiO keeps answering 429 until then — wait at least Retry-After seconds`,
        evidence,
      );
    } else if (calls.length > MAX_ATTEMPTS) {
      t.fail(`sent ${calls.length} requests for one message under the rate limit; bound the retries (a client that waits as told needs two)`, evidence);
    }
    if (outcome.kind === 'rejected' && early.length === 0) {
      t.note(`gave up on the 429 and reported the failure instead of waiting ${RETRY_AFTER} s`);
      return;
    }
    if (outcome.kind !== 'stopped') judgeDelivery(t, outcome, message(2), 'under the rate limit', since);
  },
};
