// ochno.token-reuse: one client-credentials token serves many calls; no token request per call, whatever field the expiry comes in.
import { BASICS, hubs, judgeOperation, lines, quirks, tokenCalls, type OchnoCheck } from '../judge.ts';

const CALLS = 5;
const GAP_SECONDS = 30;

export const tokenReuse: OchnoCheck = {
  id: 'ochno.token-reuse',
  title: 'reuses one token for many calls instead of asking for a token per call',
  rule: 'An Ochno access token is good for an hour (expires_in 3600 by default; UNK, ochno.md) and every client-credentials grant issues a new token family; Ochno’s demo keeps one token until 60 s before its expiry.',
  requires: BASICS,
  async run(t) {
    for (let n = 1; n <= CALLS; n++) {
      if (n > 1) await t.advance(GAP_SECONDS);
      if (!judgeOperation(t, await hubs(t), `reading the hubs (call ${n})`)) return;
    }
    const tokens = tokenCalls(t);
    if (tokens.length > 1) {
      const each = tokens.length >= CALLS ? ' — a new token for every call' : '';
      const field = quirks(t).expiryField;
      const hint =
        field === 'none'
          ? 'Ochno’s answer carried no expiry field: assume an hour, as Ochno’s demo does'
          : field === 'access_expires_in'
            ? 'Ochno’s answer carried access_expires_in as a date string: parse it as a date (Number() of it is NaN)'
            : 'read the expiry from expires_in (seconds)';
      t.fail(
        `asked Ochno for ${tokens.length} tokens for ${CALLS} hubs() calls over ${((CALLS - 1) * GAP_SECONDS) / 60} minutes${each}; keep the token until shortly before it expires — ${hint}; an expiry that does not parse must not mean “expired”`,
        lines(t, tokens),
      );
    }
  },
};
