// oneio.token-reuse: one token serves many messages; no token request per message.
import { BASICS, deliver, judgeDelivery, lines, message, tokenCalls, TOKEN_LIFETIME_SECONDS, type OneioCheck } from '../judge.ts';

const MESSAGES = 5;
const GAP_SECONDS = 60;

export const tokenReuse: OneioCheck = {
  id: 'oneio.token-reuse',
  title: 'reuses one token for many messages instead of fetching a token per message',
  rule: `A ONEiO token is valid for expires_in = ${TOKEN_LIFETIME_SECONDS} s and there is no limit on its uses (seed 001).`,
  requires: BASICS,
  async run(t) {
    for (let n = 1; n <= MESSAGES; n++) {
      if (n > 1) await t.advance(GAP_SECONDS);
      judgeDelivery(t, await deliver(t, message(n)), message(n), `message ${n}`);
    }
    const tokens = tokenCalls(t);
    if (tokens.length > 1) {
      const each = tokens.length >= MESSAGES ? ' — a new token for every message' : '';
      t.fail(
        `asked ONEiO for ${tokens.length} tokens to send ${MESSAGES} messages over ${((MESSAGES - 1) * GAP_SECONDS) / 60} minutes${each}; a token is valid for ${TOKEN_LIFETIME_SECONDS} s, so keep it and reuse it until it is about to expire`,
        lines(t, tokens),
      );
    }
  },
};
