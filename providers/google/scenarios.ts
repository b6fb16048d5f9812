// The named situations Google offers: flags read by its routes, a key rotation, and shared kinds narrowed to the token endpoint.
import { clockJump } from '../../scenarios/kinds/clock-jump.ts';
import { htmlResponse } from '../../scenarios/kinds/html-response.ts';
import { malformedJson } from '../../scenarios/kinds/malformed-json.ts';
import { rateLimited } from '../../scenarios/kinds/rate-limited.ts';
import { slow } from '../../scenarios/kinds/slow.ts';
import { unavailable } from '../../scenarios/kinds/unavailable.ts';
import { defineScenario, type ScenarioDefinition } from '../../core/scenario.ts';
import { TOKEN_PATH } from './hosts.ts';

/** A scenario the routes read with `ctx.scenarios.consume('google', name)`, acting where Google would. */
const flag = (name: string, summary: string, surfaces: string[], defaults: Record<string, unknown> = {}): ScenarioDefinition =>
  defineScenario({ name, summary, surfaces, defaults });

/** A shared kind answering only POST /token (not /revoke or /tokeninfo). */
function tokenOnly(definition: ScenarioDefinition): ScenarioDefinition {
  const intercept = definition.intercept;
  return {
    ...definition,
    surfaces: ['token'],
    intercept: intercept && ((ctx, params) => (new URL(ctx.request.url).pathname.endsWith(TOKEN_PATH) ? intercept(ctx, params) : undefined)),
  };
}

export const GOOGLE_SCENARIOS: ScenarioDefinition[] = [
  flag('refresh-token-revoked', 'The person removed the app’s access: refresh answers 400 invalid_grant "Token has been expired or revoked." and every token of the consent dies', ['token']),
  flag(
    'consent-without-refresh-token',
    'Every consent counts as a repeat one: the code exchange returns no refresh_token unless the authorisation asked prompt=consent',
    ['authorize'],
  ),
  flag(
    'testing-app-7-day-expiry',
    'The app is in "Testing" publishing status: refresh tokens older than 7 days (clock time) are "Token has been expired or revoked."',
    ['token'],
  ),
  flag('invalid-credentials', 'The client secret was reset in the Cloud Console: the token endpoint answers 401 invalid_client "Unauthorized"', ['token']),
  flag(
    'signing-key-rotated',
    'Google rotated its signing key: new id_tokens carry a new kid, and the certs URL drops the old key (params.keepOld keeps it)',
    ['token', 'certs'],
    { keepOld: false },
  ),
  flag(
    'id-token-issuer-without-scheme',
    'id_tokens carry iss "accounts.google.com" (DOC: Google issues both forms; verifiers must accept both)',
    ['token'],
  ),
  tokenOnly(unavailable('token-endpoint-down', ['token'])),
  clockJump('token-expired', 3600, 'Moves the clock one hour on: access tokens issued so far are expired (3599 s lifetime).'),
  tokenOnly(rateLimited('rate-limited', ['token'], 30)),
  rateLimited('directory-rate-limited', ['directory'], 30),
  tokenOnly(slow('slow-token', ['token'], 2000)),
  tokenOnly(htmlResponse('token-response-html', ['token'])),
  tokenOnly(malformedJson('token-response-malformed', ['token'])),
];
