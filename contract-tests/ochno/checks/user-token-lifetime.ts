// ochno.user-token-lifetime: the user's access token (code flow) is renewed with the refresh grant once it has expired, not sent again and again.
import { tokenLifetime } from '../../common/lifetime.ts';
import { CONNECT, judgeOperation, lines, quirks, tokenCalls, userinfo, userinfoCalls } from '../judge.ts';
import type { OchnoOperations, OchnoSettings } from '../settings.ts';
import { connectUser } from '../user.ts';

export const userTokenLifetime = tokenLifetime<OchnoSettings, OchnoOperations>({
  id: 'ochno.user-token-lifetime',
  kind: 'user’s access token',
  name: 'Ochno',
  rule: 'A user’s access token expires like the integration’s (expires_in, 3600 s by default: UNK, ochno.md) and Ochno answers 401 invalid_token once it has; the refresh grant (with redirect_uri) gives a new one.',
  requires: [...CONNECT, 'ochno.refresh-redirect-uri'],
  lifetimeSeconds: (t) => quirks(t).accessTokenLifetimeSeconds,
  renew: 'renew it with the refresh grant (refresh_token, client_id, client_secret, redirect_uri) and use the new one',
  setUp: (t) => connectUser(t),
  operation: (t) => userinfo(t),
  judge: (t, outcome, _n, when, since) => judgeOperation(t, outcome, `reading userinfo ${when}`, since),
  uses: (t, since) => userinfoCalls(t, since),
  renewals: (t, since) => tokenCalls(t, since, 'refresh_token'),
  lines: (t, entries) => lines(t, entries),
});
