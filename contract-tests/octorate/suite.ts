// The Octorate contract suite: the checks a client of Octorate's authorisation-code flow, apilogin and property API must pass, in the order they run.
import { underReading } from '../common/readings.ts';
import { tokenMalformed, tokenNoAnswer, tokenRefused, tokenSlow, tokenUnavailable } from '../common/trouble.ts';
import { defineSuite } from '../types.ts';
import { apiLoginExpiry } from './checks/apilogin-expiry.ts';
import { codeExchange } from './checks/code-exchange.ts';
import { expireDate } from './checks/expire-date.ts';
import { grantTypeCode } from './checks/grant-type-code.ts';
import { identityForm } from './checks/identity-form.ts';
import { quota } from './checks/quota.ts';
import { redirectUriMatch } from './checks/redirect-uri-match.ts';
import { refreshForm } from './checks/refresh-form.ts';
import { refreshToken } from './checks/refresh-token.ts';
import { retryOn401 } from './checks/retry-on-401.ts';
import { singleRenewalCheck } from './checks/single-renewal.ts';
import { slowSingleUseCheck } from './checks/slow-single-use.ts';
import { stateCsrf } from './checks/state-csrf.ts';
import { tokenKinds } from './checks/token-kinds.ts';
import { apiLoginEndpoint, refreshEndpoint } from './endpoint.ts';
import { NO_REFRESH_TOKEN, REFRESH_REFUSED_400, REFRESH_REFUSED_403, ROTATING } from './readings.ts';
import { octorateSettings, type OctorateOperations, type OctorateSettings } from './settings.ts';

const REFUSED_RULE =
  'Octorate refuses an application whose secret was regenerated at every identity call (403 ApiSecurityException by default: UNK, octorate.md; quirk rejectedClient); it stays refused until the secret is updated.';

export const octorateSuite = defineSuite<OctorateSettings, OctorateOperations>({
  provider: 'octorate',
  title: 'Octorate',
  settings: octorateSettings,
  checks: [
    identityForm,
    grantTypeCode,
    redirectUriMatch,
    codeExchange,
    tokenKinds,
    stateCsrf,
    refreshForm,
    refreshToken,
    expireDate,
    retryOn401,
    quota,
    apiLoginExpiry,
    singleRenewalCheck,
    tokenRefused(apiLoginEndpoint, { rule: REFUSED_RULE }),
    tokenUnavailable(apiLoginEndpoint),
    tokenMalformed(apiLoginEndpoint),
    tokenSlow(apiLoginEndpoint),
    tokenNoAnswer(apiLoginEndpoint),
    tokenUnavailable(refreshEndpoint, {
      rule: 'A 503 from /identity/refresh means Octorate did not handle it; the refresh token is still good (it never expires, octorate.md §3) and works once Octorate is back.',
    }),
    tokenNoAnswer(refreshEndpoint),
    slowSingleUseCheck,
    underReading(refreshToken, ROTATING),
    underReading(refreshToken, NO_REFRESH_TOKEN),
    underReading(retryOn401, REFRESH_REFUSED_403),
    underReading(retryOn401, REFRESH_REFUSED_400),
  ],
});
