// The ONEiO contract suite: the checks a client of ONEiO's inbound OAuth receiver must pass, in the order they run.
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
  ],
});
