// ochno.refresh-rotation: every refresh returns a new refresh token, and that one — never the spent one — is used next.
import { connectUser } from '../user.ts';
import { answered, evidenceSince, fingerprint, formFields, judgeOperation, lines, quirks, tokenCalls, userinfo, CONNECT, type OchnoCheck } from '../judge.ts';

const HOURS = 3;

export const refreshRotation: OchnoCheck = {
  id: 'ochno.refresh-rotation',
  title: 'keeps the rotated refresh token of each refresh and uses it next; a spent one is never sent again',
  rule: 'Each Ochno refresh returns a new access token and a new refresh token (seed 000, step 3); the old one is spent, and presenting it again revokes the whole token family (RFC 9700 §4.14.2).',
  requires: [...CONNECT, 'ochno.refresh-redirect-uri'],
  async run(t) {
    if (!(await connectUser(t))) return;
    if (!judgeOperation(t, await userinfo(t), 'reading userinfo right after connecting')) return;
    const start = t.mark();
    for (let hour = 1; hour <= HOURS; hour++) {
      await t.advance(quirks(t).accessTokenLifetimeSeconds);
      const since = t.mark();
      const outcome = await userinfo(t);
      const refreshes = tokenCalls(t, since, 'refresh_token');
      const when = `${hour} h after connecting, once the user’s access token had expired`;
      const spent = refreshes.filter((e) => e.error === 'invalid_grant');
      if (spent.length > 0) {
        const issued = t.harness.tokens.list({ provider: 'ochno', kind: 'refresh' });
        const sent = issued.find((tok) => fingerprint(t, tok.value) === formFields(spent[0]!).refresh_token);
        const stale = sent?.subject['rotatedAt'] !== undefined;
        t.fail(
          stale
            ? `${when}: sent a refresh token Ochno had already rotated (${answered(spent[0]!)}), which revoked the whole token family — keep the refresh_token of each refresh response and use that one next`
            : `${when}: the refresh was refused (${answered(spent[0]!)}); send the refresh_token of the latest token response`,
          evidenceSince(t, start),
        );
        return;
      }
      if (outcome.kind === 'rejected' && refreshes.length === 0) {
        t.fail(`${when}: gave up (${outcome.message}) instead of using the refresh token`, lines(t, tokenCalls(t, start)));
        return;
      }
      if (!judgeOperation(t, outcome, when, since)) return;
    }
  },
};
