// octorate.slow-single-use: a code exchange or a (rotating) refresh whose answer outlasts the client's time-out is not sent again with the same code or refresh token.
import { slowly, slowSingleUse } from '../../common/slow-single-use.ts';
import { approve, callback, connectAndRead, hotelProperty, startAuthorization } from '../hotelier.ts';
import { BASICS, formFields, identityCalls, lines, quirks, reservations } from '../judge.ts';
import type { OctorateOperations, OctorateSettings } from '../settings.ts';

export const slowSingleUseCheck = slowSingleUse<OctorateSettings, OctorateOperations>({
  id: 'octorate.slow-single-use',
  name: 'Octorate',
  rule: 'Octorate handles a request it received even when the client stopped waiting: the code is spent (single use, RFC 6749 §4.1.2) and, where refresh tokens rotate, the refresh token sent is revoked (octorate.md §2–3).',
  requires: [...BASICS, 'octorate.refresh-token'],
  reading: '/identity/refresh returns a new refresh_token and revokes the one it was sent (UNK, octorate.md §3; quirk rotateRefreshToken)',
  harness: { quirks: { octorate: { rotateRefreshToken: true } } },
  cases: [
    {
      label: 'the code exchange answered slowly',
      value: 'the code',
      spent: 'the code was spent then, and Octorate refuses it the second time and revokes the tokens issued from it',
      async run(t, delayMs) {
        const auth = await startAuthorization(t, 'a slow code exchange');
        const approval = auth && (await approve(t, auth, 'a slow code exchange'));
        if (!approval) return undefined;
        const outcome = await slowly(t, 'octorate', 'slow-token', delayMs, () => callback(t, approval.callbackUrl));
        return { since: approval.since, outcome };
      },
      presented: (t, since) => {
        const first = identityCalls(t, 'token', since)[0];
        const code = first ? formFields(first).code : undefined;
        return code === undefined ? [] : identityCalls(t, 'token', since).filter((e) => formFields(e).code === code);
      },
    },
    {
      label: 'a refresh answered slowly',
      value: 'the refresh token',
      spent: 'it rotated the refresh token then, so the one sent again is revoked',
      async run(t, delayMs) {
        if (!(await connectAndRead(t, 'before a slow refresh'))) return undefined;
        await t.advance(quirks(t).accessTokenLifetimeSeconds);
        const since = t.mark();
        const outcome = await slowly(t, 'octorate', 'slow-token', delayMs, () => reservations(t, hotelProperty(t)));
        return { since, outcome };
      },
      presented: (t, since) => {
        const first = identityCalls(t, 'refresh', since)[0];
        const sent = first ? formFields(first).refresh_token : undefined;
        return sent === undefined ? [] : identityCalls(t, 'refresh', since).filter((e) => formFields(e).refresh_token === sent);
      },
    },
  ],
  lines: (t, entries) => lines(t, entries),
});
