// ochno.refresh-redirect-uri: the refresh grant carries the registered redirect_uri, as Ochno's guide lists.
import { connectUser } from '../user.ts';
import { answered, formFields, judgeOperation, lines, quirks, tokenCalls, userinfo, CONNECT, type OchnoCheck } from '../judge.ts';

export const refreshRedirectUri: OchnoCheck = {
  id: 'ochno.refresh-redirect-uri',
  title: 'sends redirect_uri with every refresh',
  rule: 'Ochno’s refresh grant takes refresh_token, client_id, client_secret, grant_type=refresh_token and redirect_uri (seed 000, step 3) — unusual for a refresh, and refused without it.',
  requires: CONNECT,
  async run(t) {
    if (!(await connectUser(t))) return;
    if (!judgeOperation(t, await userinfo(t), 'reading userinfo right after connecting')) return;
    const since = t.mark();
    await t.advance(quirks(t).accessTokenLifetimeSeconds);
    const outcome = await userinfo(t);
    const refreshes = tokenCalls(t, since, 'refresh_token');
    const missing = refreshes.filter((e) => !formFields(e).redirect_uri);
    if (missing.length > 0) {
      t.fail(`sent the refresh grant without redirect_uri (${answered(missing[0]!)}); Ochno’s guide lists redirect_uri on refresh — send the integration’s registered redirect URI, ${t.settings.redirectUri}`, lines(t, missing));
      return;
    }
    const wrong = refreshes.filter((e) => formFields(e).redirect_uri !== t.settings.redirectUri);
    if (wrong.length > 0) {
      t.fail(`sent redirect_uri=${String(formFields(wrong[0]!).redirect_uri)} on refresh (${answered(wrong[0]!)}); send the registered redirect URI unchanged, ${t.settings.redirectUri}`, lines(t, wrong));
      return;
    }
    if (refreshes.length === 0 && outcome.kind === 'rejected') {
      t.fail(`gave up once the user’s access token expired (${outcome.message}) instead of using the refresh token`, lines(t, tokenCalls(t, since)));
      return;
    }
    judgeOperation(t, outcome, 'reading userinfo after the user’s access token expired', since);
  },
};
