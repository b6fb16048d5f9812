// The Ochno contract suite: what a client of Ochno Operated's token endpoint, code flow, hubs API and webhooks must do, in the order the checks run.
import { defineSuite } from '../types.ts';
import { insufficientScope } from './checks/insufficient-scope.ts';
import { pkceCodeVerifier } from './checks/pkce-code-verifier.ts';
import { refreshRedirectUri } from './checks/refresh-redirect-uri.ts';
import { refreshRotation } from './checks/refresh-rotation.ts';
import { retryOn401 } from './checks/retry-on-401.ts';
import { scopes } from './checks/scopes.ts';
import { singleFlight } from './checks/single-flight.ts';
import { stateCsrf } from './checks/state-csrf.ts';
import { subscriptionRenewal } from './checks/subscription-renewal.ts';
import { tokenExpiry } from './checks/token-expiry.ts';
import { tokenForm } from './checks/token-form.ts';
import { webhookReceiver } from './checks/webhook-receiver.ts';
import { ochnoSettings, type OchnoOperations, type OchnoSettings } from './settings.ts';

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
  ],
});
