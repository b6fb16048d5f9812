// The Octorate contract suite: the checks a client of Octorate's authorisation-code flow, apilogin and property API must pass, in the order they run.
import { defineSuite } from '../types.ts';
import { codeExchange } from './checks/code-exchange.ts';
import { expireDate } from './checks/expire-date.ts';
import { grantTypeCode } from './checks/grant-type-code.ts';
import { identityForm } from './checks/identity-form.ts';
import { quota } from './checks/quota.ts';
import { redirectUriMatch } from './checks/redirect-uri-match.ts';
import { refreshToken } from './checks/refresh-token.ts';
import { retryOn401 } from './checks/retry-on-401.ts';
import { stateCsrf } from './checks/state-csrf.ts';
import { tokenKinds } from './checks/token-kinds.ts';
import { octorateSettings, type OctorateOperations, type OctorateSettings } from './settings.ts';

export const octorateSuite = defineSuite<OctorateSettings, OctorateOperations>({
  provider: 'octorate',
  title: 'Octorate',
  settings: octorateSettings,
  checks: [identityForm, grantTypeCode, redirectUriMatch, codeExchange, tokenKinds, stateCsrf, refreshToken, expireDate, retryOn401, quota],
});
