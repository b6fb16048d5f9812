// oneio.retry-on-401: a 401 from the receiver gets one retry with a new token; a second 401 ends the delivery, no loop.
import { BASICS, deliver, judgeDelivery, lines, message, receiverCalls, revokeAll, tokenCalls, type OneioCheck } from '../judge.ts';

/** Receiver attempts allowed for one message when every token is refused: the first and one retry. */
const ATTEMPTS = 2;

export const retryOn401: OneioCheck = {
  id: 'oneio.retry-on-401',
  title: 'on a 401 from the receiver gets a new token and retries once, without looping',
  rule: 'ONEiO answers 401 invalid_token for a revoked or expired token (RFC 6750 §3.1); a new client-credentials token cures it, and if that one is refused too, retrying cannot help.',
  requires: BASICS,
  async run(t) {
    judgeDelivery(t, await deliver(t, message(1)), message(1), 'before the token was revoked');

    // The token ONEiO issued is revoked (endpoint password rotated, ONEiO restarted): one 401, then a new token works.
    const refused = new Set(revokeAll(t));
    let since = t.mark();
    const second = await deliver(t, message(2));
    const stale = receiverCalls(t, since).filter((e) => e.credential && refused.has(e.credential.ref));
    if (second.kind === 'rejected' && tokenCalls(t, since).length === 0) {
      t.fail(
        `gave up when ONEiO answered 401 invalid_token for a revoked token (${second.message}); get a new token with the client-credentials call and retry the message once`,
        lines(t, t.journal({ provider: 'oneio', since })),
      );
    } else {
      judgeDelivery(t, second, message(2), 'after ONEiO revoked the token', since);
    }
    if (stale.length > 1) {
      t.fail(
        `sent the refused token again: ${stale.length} receiver calls with a token ONEiO had already answered 401 to; after a 401, get a new token before retrying`,
        lines(t, stale),
      );
    }
    if (second.kind === 'stopped') return;

    // Now ONEiO refuses every token, however new: one retry, then the client must report the failure.
    let refuseEverything = true;
    t.onAnswered((entry) => {
      if (refuseEverything && entry.surface === 'token' && entry.status === 200) revokeAll(t);
    });
    revokeAll(t);
    since = t.mark();
    const third = await deliver(t, message(3));
    refuseEverything = false;
    const attempts = receiverCalls(t, since);
    const evidence = lines(t, t.journal({ provider: 'oneio', since }));
    if (third.kind === 'stopped') {
      t.fail(
        `looped on 401s: every new token was refused too and the client kept going (${attempts.length} receiver calls and ${tokenCalls(t, since).length} token requests before the runner stopped it); retry once with a new token, then report the failure`,
        evidence,
      );
    } else if (third.kind === 'resolved') {
      t.fail('reported the message as delivered although ONEiO refused every attempt with 401 (the message is lost)', evidence);
    } else if (attempts.length > ATTEMPTS) {
      t.fail(`tried ${attempts.length} times while ONEiO refused every token with 401; retry once with a new token, then report the failure`, evidence);
    }
  },
};
