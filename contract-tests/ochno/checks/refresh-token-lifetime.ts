// ochno.refresh-token-lifetime: once a refresh token has expired (idle for its lifetime), the integration goes back to client credentials and a user's grant is reported, not retried.
import { REFRESHES } from '../endpoint.ts';
import { answered, hubs, judgeOperation, lines, quirks, tokenCalls, userinfo, type OchnoCheck } from '../judge.ts';
import { connectUser } from '../user.ts';

export const refreshTokenLifetime: OchnoCheck = {
  id: 'ochno.refresh-token-lifetime',
  title: 'once its refresh tokens have expired, gets the integration a token by client credentials again and reports that the user must authorise again',
  rule: 'Ochno’s refresh tokens expire (after 14 days unused by default; the lifetime is UNK, ochno.md) and are then refused with invalid_grant; the integration can always ask for a new token with its credentials, a user must authorise again.',
  requires: REFRESHES,
  async run(t) {
    if (!judgeOperation(t, await hubs(t), 'reading the hubs')) return;
    if (!(await connectUser(t))) return;
    if (!judgeOperation(t, await userinfo(t), 'reading userinfo right after connecting')) return;
    const idle = quirks(t).refreshTokenLifetimeSeconds;
    const days = `${Math.round(idle / 86_400)} days`;
    await t.advance(idle + 60);

    let since = t.mark();
    const integration = await hubs(t);
    if (integration.kind !== 'resolved') {
      const refused = tokenCalls(t, since, 'refresh_token').filter((e) => e.error === 'invalid_grant');
      const cc = tokenCalls(t, since, 'client_credentials');
      if (refused.length > 0 && cc.length === 0) {
        t.fail(
          `reading the hubs after ${days} without a call: the integration’s refresh token had expired (${answered(refused[0]!)}) and the client gave up (${integration.message}); the integration has its own credentials — when its refresh token is refused, ask for a new token with grant_type=client_credentials`,
          lines(t, tokenCalls(t, since)),
        );
        return;
      }
      judgeOperation(t, integration, `reading the hubs after ${days} without a call`, since);
      return;
    }

    since = t.mark();
    const user = await userinfo(t);
    const refreshes = tokenCalls(t, since, 'refresh_token');
    const when = `reading userinfo after ${days} without a call, once the user’s refresh token had expired`;
    if (user.kind === 'stopped') {
      t.fail(`${when}: kept refreshing (${refreshes.length} refreshes until the runner stopped it); an expired refresh token stays refused — report that the user must authorise again`, lines(t, refreshes));
    } else if (user.kind === 'resolved') {
      t.fail(`${when}: userinfo() reported success although Ochno refused the refresh; report that the user must authorise again`, lines(t, refreshes));
    } else if (refreshes.length > 1) {
      t.fail(
        `${when}: asked for ${refreshes.length} refreshes with a refresh token Ochno had refused (${answered(refreshes[0]!)}); an expired refresh token stays refused — report that the user must authorise again`,
        lines(t, refreshes),
      );
    }
  },
};
