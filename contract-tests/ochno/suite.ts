// The Ochno contract suite: what a client of Ochno Operated's token endpoint, code flow, hubs API and webhooks must do, in the order the checks run.
import { underReading } from '../common/readings.ts';
import { tokenMalformed, tokenNoAnswer, tokenRateLimited, tokenRefused, tokenSlow, tokenUnavailable } from '../common/trouble.ts';
import { defineSuite } from '../types.ts';
import { apiUnavailable } from './checks/api-unavailable.ts';
import { insufficientScope } from './checks/insufficient-scope.ts';
import { pkceCodeVerifier } from './checks/pkce-code-verifier.ts';
import { refreshRedirectUri } from './checks/refresh-redirect-uri.ts';
import { refreshRotation } from './checks/refresh-rotation.ts';
import { refreshTokenLifetime } from './checks/refresh-token-lifetime.ts';
import { retryOn401 } from './checks/retry-on-401.ts';
import { scopes } from './checks/scopes.ts';
import { singleFlight } from './checks/single-flight.ts';
import { slowSingleUseCheck } from './checks/slow-single-use.ts';
import { stateCsrf } from './checks/state-csrf.ts';
import { subscriptionLost } from './checks/subscription-lost.ts';
import { subscriptionRenewal } from './checks/subscription-renewal.ts';
import { tokenExpiry } from './checks/token-expiry.ts';
import { tokenForm } from './checks/token-form.ts';
import { tokenReuse } from './checks/token-reuse.ts';
import { userTokenLifetime } from './checks/user-token-lifetime.ts';
import { webhookReceiver } from './checks/webhook-receiver.ts';
import { clientCredentialsEndpoint, refreshEndpoint } from './endpoint.ts';
import { ACCESS_EXPIRES_IN, NO_EXPIRY_FIELD } from './readings.ts';
import { ochnoSettings, type OchnoOperations, type OchnoSettings } from './settings.ts';

const REFUSED =
  'Ochno refuses an integration whose secret was regenerated or that was deleted in the Operated UI (401 invalid_client: error bodies are UNK, ochno.md “Unknown”, so RFC 6749 §5.2); it stays refused until the secret is updated.';

export const ochnoSuite = defineSuite<OchnoSettings, OchnoOperations>({
  provider: 'ochno',
  title: 'Ochno Operated',
  settings: ochnoSettings,
  checks: [
    tokenForm,
    scopes,
    pkceCodeVerifier,
    stateCsrf,
    refreshRedirectUri,
    refreshRotation,
    tokenExpiry,
    retryOn401,
    singleFlight,
    insufficientScope,
    subscriptionRenewal,
    webhookReceiver,
    tokenReuse,
    userTokenLifetime,
    refreshTokenLifetime,
    apiUnavailable,
    subscriptionLost,
    tokenRefused(clientCredentialsEndpoint, { rule: REFUSED }),
    tokenUnavailable(clientCredentialsEndpoint),
    tokenRateLimited(clientCredentialsEndpoint, { rule: 'HTTP 429 with Retry-After signals a rate limit that stays on until that many seconds have passed (RFC 6585 §4; Ochno’s limits are UNK, ochno.md “Unknown”).' }),
    tokenMalformed(clientCredentialsEndpoint),
    tokenSlow(clientCredentialsEndpoint),
    tokenNoAnswer(clientCredentialsEndpoint),
    tokenRefused(refreshEndpoint, {
      rule: `${REFUSED} A refused client is not a refused grant: the user’s refresh token was not spent and works again once the secret is fixed.`,
    }),
    tokenUnavailable(refreshEndpoint, {
      rule: 'A 503 means Ochno did not handle the refresh: the refresh token was not spent (nor rotated) and works once Ochno is back (RFC 9110 §15.6.4).',
    }),
    tokenRateLimited(refreshEndpoint, {
      rule: 'A 429 means Ochno did not handle the refresh: the refresh token was not spent and works once Retry-After has passed (RFC 6585 §4).',
    }),
    tokenNoAnswer(refreshEndpoint),
    slowSingleUseCheck,
    underReading(tokenReuse, ACCESS_EXPIRES_IN),
    underReading(tokenReuse, NO_EXPIRY_FIELD),
    underReading(tokenExpiry, NO_EXPIRY_FIELD),
  ],
});
