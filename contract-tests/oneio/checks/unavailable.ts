// oneio.unavailable: on 503 the client backs off and retries a bounded number of times, or reports failure; never loses or doubles a message.
import type { JournalEntry } from '../../../core/journal.ts';
import type { Outcome } from '../../types.ts';
import { BASICS, deliver, judgeDelivery, lines, message, receiverCalls, seconds, timesAccepted, type OneioCheck } from '../judge.ts';

/** Receiver attempts for one message during an outage before the client must give up. */
const MAX_ATTEMPTS = 10;
/** The shortest pause after a 503 that counts as backing off. */
const MIN_BACKOFF_MS = 1000;

const tooSoon = (calls: JournalEntry[]): Array<{ gap: number }> =>
  calls.flatMap((entry, i) => {
    const next = calls[i + 1];
    return entry.status === 503 && next && next.at - entry.at < MIN_BACKOFF_MS ? [{ gap: next.at - entry.at }] : [];
  });

export const unavailable: OneioCheck = {
  id: 'oneio.unavailable',
  title: 'on 503 backs off and retries a bounded number of times or reports failure; no message lost or delivered twice',
  rule: 'A 503 means ONEiO did not take the message; it may recover in seconds or stay down (RFC 9110 §15.6.4).',
  requires: BASICS,
  async run(t) {
    judgeDelivery(t, await deliver(t, message(1)), message(1), 'before the outage');

    // A short outage: the first two receiver calls get 503, then ONEiO is back.
    t.harness.scenarios.apply('receiver-unavailable', { provider: 'oneio', times: 2 });
    let since = t.mark();
    const short: Outcome = await deliver(t, message(2));
    const shortCalls = receiverCalls(t, since);
    if (short.kind === 'rejected') {
      if (timesAccepted(t, message(2)) > 0) t.fail('reported the message as failed although ONEiO accepted it', lines(t, shortCalls));
      else t.note(`reported the failure after ${shortCalls.length} attempt(s) during a short outage instead of retrying`);
    } else if (short.kind === 'stopped') {
      t.fail(`kept retrying through a short outage until the runner stopped it (${shortCalls.length} receiver calls)`, lines(t, shortCalls));
    } else {
      judgeDelivery(t, short, message(2), 'during a short outage (two 503s)', since);
    }
    t.harness.scenarios.clear('receiver-unavailable', 'oneio');

    // A long outage: every call gets 503. The client must stop and say so.
    await t.advance(60);
    t.harness.scenarios.apply('receiver-unavailable', { provider: 'oneio' });
    since = t.mark();
    const long = await deliver(t, message(3));
    t.harness.scenarios.clear('receiver-unavailable', 'oneio');
    const longCalls = receiverCalls(t, since);
    const span = longCalls.length > 1 ? seconds(longCalls.at(-1)!.at - longCalls[0]!.at) : '0 s';
    if (long.kind === 'stopped') {
      t.fail(
        `kept retrying while ONEiO answered 503 to everything: ${longCalls.length} attempts over ${span} of virtual time until the runner stopped it; bound the retries and report the failure`,
        lines(t, longCalls),
      );
    } else if (long.kind === 'resolved') {
      t.fail('reported the message as delivered although ONEiO answered 503 to every attempt (the message is lost)', lines(t, longCalls));
    } else if (longCalls.length > MAX_ATTEMPTS) {
      t.fail(`made ${longCalls.length} attempts for one message during an outage before giving up; bound the retries (at most ${MAX_ATTEMPTS})`, lines(t, longCalls));
    }

    const hurried = [...tooSoon(shortCalls), ...tooSoon(longCalls)];
    if (hurried.length > 0 && long.kind !== 'stopped') {
      t.fail(
        `retried ${hurried.length} time(s) without backing off: the first retry came ${seconds(hurried[0]!.gap)} after a 503; wait between attempts (e.g. 1 s, 2 s, 4 s…) so a recovering ONEiO is not flooded`,
        lines(t, [...shortCalls, ...longCalls]),
      );
    }
  },
};
