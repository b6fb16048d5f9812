// ochno.slow-single-use: a code exchange or a refresh whose answer outlasts the client's time-out is not sent again with the same code or refresh token.
import { slowly, slowSingleUse } from '../../common/slow-single-use.ts';
import { REFRESHES } from '../endpoint.ts';
import { formFields, judgeOperation, lines, quirks, tokenCalls, userinfo, type OchnoContext } from '../judge.ts';
import type { OchnoOperations, OchnoSettings } from '../settings.ts';
import { approve, callback, connectUser, startAuthorization } from '../user.ts';

/** The token requests after `since` of one grant that carried the same `field` as the first of them. */
function sameAsFirst(t: OchnoContext, since: number, grant: string, field: string) {
  const calls = tokenCalls(t, since, grant);
  const sent = calls[0] ? formFields(calls[0])[field] : undefined;
  return sent === undefined ? [] : calls.filter((e) => formFields(e)[field] === sent);
}

export const slowSingleUseCheck = slowSingleUse<OchnoSettings, OchnoOperations>({
  id: 'ochno.slow-single-use',
  name: 'Ochno',
  rule: 'Ochno handles a request it received even when the client stopped waiting: the code is spent (single use, RFC 6749 §4.1.2) and the refresh token rotated (seed 000, step 3) — presenting either again is refused, and a spent refresh token revokes its whole family (RFC 9700 §4.14.2).',
  requires: REFRESHES,
  cases: [
    {
      label: 'the code exchange answered slowly',
      value: 'the code',
      spent: 'the code was spent then, so Ochno refuses it the second time (invalid_grant)',
      async run(t, delayMs) {
        const auth = await startAuthorization(t, 'a slow code exchange');
        const approval = auth && (await approve(t, auth, 'a slow code exchange'));
        if (!approval) return undefined;
        const outcome = await slowly(t, 'ochno', 'slow-token', delayMs, () => callback(t, approval.callbackUrl));
        return { since: approval.since, outcome };
      },
      presented: (t, since) => sameAsFirst(t, since, 'authorization_code', 'code'),
    },
    {
      label: 'a refresh answered slowly',
      value: 'the refresh token',
      spent: 'it rotated the refresh token then, so the one sent again is spent — and presenting a spent one revokes the whole family',
      async run(t, delayMs) {
        if (!(await connectUser(t, 'connecting before a slow refresh'))) return undefined;
        if (!judgeOperation(t, await userinfo(t), 'reading userinfo before a slow refresh')) return undefined;
        await t.advance(quirks(t).accessTokenLifetimeSeconds);
        const since = t.mark();
        const outcome = await slowly(t, 'ochno', 'slow-token', delayMs, () => userinfo(t));
        return { since, outcome };
      },
      presented: (t, since) => sameAsFirst(t, since, 'refresh_token', 'refresh_token'),
    },
  ],
  lines: (t, entries) => lines(t, entries),
});
