// oneio.token-expiry: once expires_in has passed the client gets a new token instead of sending the expired one again and again.
import { BASICS, deliver, judgeDelivery, lines, message, receiverCalls, tokenCalls, TOKEN_LIFETIME_SECONDS, type OneioCheck } from '../judge.ts';

export const tokenExpiry: OneioCheck = {
  id: 'oneio.token-expiry',
  title: `gets a new token once the ${TOKEN_LIFETIME_SECONDS} s have passed instead of re-sending the expired one`,
  rule: `ONEiO’s token expires ${TOKEN_LIFETIME_SECONDS} s after issue (expires_in, “one hour from that moment”); an expired token gets 401 invalid_token; there is no refresh token (seed 001).`,
  requires: BASICS,
  async run(t) {
    judgeDelivery(t, await deliver(t, message(1)), message(1), 'before expiry');
    await t.advance(TOKEN_LIFETIME_SECONDS);
    const since = t.mark();
    for (let n = 2; n <= 4; n++) {
      if (n > 2) await t.advance(30);
      judgeDelivery(t, await deliver(t, message(n)), message(n), `message ${n}, after the token expired`, since);
    }
    const expired = receiverCalls(t, since).filter((e) => e.credential?.expired);
    const renewed = tokenCalls(t).filter((e) => e.status === 200).length > 1;
    if (expired.length > 1) {
      t.fail(
        `kept sending the expired token: ${expired.length} receiver calls with a token past its ${TOKEN_LIFETIME_SECONDS} s lifetime, each refused with 401 invalid_token; get a new token once expires_in has passed instead of sending the old one again`,
        lines(t, expired),
      );
    } else if (expired.length === 1) {
      t.note('sent the expired token once and recovered on the 401; tracking expires_in avoids that round trip');
    }
    if (!renewed) t.fail(`never got a new token after the first one expired at ${TOKEN_LIFETIME_SECONDS} s; ONEiO issues no refresh token — repeat the client-credentials request`, lines(t, tokenCalls(t)));
  },
};
