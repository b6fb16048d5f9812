// octorate.apilogin-expiry: the API-operations (apilogin) token is renewed at /identity/apilogin once its expireDate has passed.
import { tokenLifetime } from '../../common/lifetime.ts';
import { BASICS, configuration, configurationCalls, identityCalls, judgeOperation, lines, quirks, tokenKind } from '../judge.ts';
import type { OctorateOperations, OctorateSettings } from '../settings.ts';

export const apiLoginExpiry = tokenLifetime<OctorateSettings, OctorateOperations>({
  id: 'octorate.apilogin-expiry',
  kind: 'API-operations (apilogin) token',
  name: 'Octorate',
  rule: 'The /identity/apilogin token expires at its expireDate like a property token (INF, octorate.md §4) and comes with no refresh token; an expired one gets 401 ApiKeyInvalid.',
  requires: BASICS,
  lifetimeSeconds: (t) => quirks(t).apiLoginTokenLifetimeSeconds,
  renew: 'call /identity/apilogin again (there is no refresh token for it)',
  operation: (t) => configuration(t),
  judge: (t, outcome, _n, when, since) => judgeOperation(t, outcome, when, since),
  uses: (t, since) => configurationCalls(t, since).filter((e) => tokenKind(t, e) === 'apilogin'),
  renewals: (t, since) => identityCalls(t, 'apilogin', since),
  lines: (t, entries) => lines(t, entries),
});
