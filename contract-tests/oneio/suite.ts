// The ONEiO contract suite: the checks a client of ONEiO's inbound OAuth receiver must pass, in the order they run.
import { tokenMalformed, tokenNoAnswer, tokenRateLimited, tokenRefused, tokenSlow, tokenUnavailable } from '../common/trouble.ts';
import { underReading } from '../common/readings.ts';
import { defineSuite } from '../types.ts';
import { qaStaysQa } from './checks/qa-stays-qa.ts';
import { rateLimit } from './checks/rate-limit.ts';
import { receiverBearerJson } from './checks/receiver-bearer-json.ts';
import { retryOn401 } from './checks/retry-on-401.ts';
import { secretNotInUrl } from './checks/secret-not-in-url.ts';
import { singleTokenRequest } from './checks/single-token-request.ts';
import { tokenExpiry } from './checks/token-expiry.ts';
import { tokenForm } from './checks/token-form.ts';
import { tokenHtml } from './checks/token-html.ts';
import { tokenReuse } from './checks/token-reuse.ts';
import { unavailable } from './checks/unavailable.ts';
import { oneioTokenEndpoint as endpoint } from './endpoint.ts';
import { ACCEPTED_202 } from './readings.ts';
import { oneioSettings, type OneioOperations, type OneioSettings } from './settings.ts';

export const oneioSuite = defineSuite<OneioSettings, OneioOperations>({
  provider: 'oneio',
  title: 'ONEiO',
  settings: oneioSettings,
  checks: [
    tokenForm,
    receiverBearerJson,
    secretNotInUrl,
    qaStaysQa,
    tokenReuse,
    singleTokenRequest,
    tokenExpiry,
    retryOn401,
    rateLimit,
    unavailable,
    tokenHtml,
    tokenRefused(endpoint, {
      rule: 'ONEiO refuses a wrong or disabled endpoint user at its token resource (401 invalid_client by default; UNK, RFC 6749 §5.2); it stays refused until the endpoint configuration in ONEiO is fixed.',
    }),
    tokenUnavailable(endpoint),
    tokenRateLimited(endpoint, { rule: 'HTTP 429 with Retry-After signals a rate limit that stays on until that many seconds have passed (oauth-rfc.md; ONEiO’s own limits are undocumented).' }),
    tokenMalformed(endpoint),
    tokenSlow(endpoint),
    tokenNoAnswer(endpoint),
    underReading(receiverBearerJson, ACCEPTED_202),
  ],
});
