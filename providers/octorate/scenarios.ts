// The named situations Octorate offers: flags read by its routes, and shared kinds narrowed to the identity calls.
import { clockJump } from '../../scenarios/kinds/clock-jump.ts';
import { htmlResponse } from '../../scenarios/kinds/html-response.ts';
import { noAnswer } from '../../scenarios/kinds/no-answer.ts';
import { malformedJson } from '../../scenarios/kinds/malformed-json.ts';
import { slow } from '../../scenarios/kinds/slow.ts';
import { unavailable } from '../../scenarios/kinds/unavailable.ts';
import { defineScenario, type ScenarioDefinition } from '../../core/scenario.ts';

/**
 * A scenario the routes read with `ctx.scenarios.consume('octorate', name)`: it acts where the real
 * provider would (after the token or code is checked), so it needs no interceptor. Each use counts
 * towards `times`; without `times` it stays on until cleared.
 */
const flag = (name: string, summary: string): ScenarioDefinition =>
  defineScenario({ name, summary, surfaces: ['api'], defaults: {} });

/** A shared kind answering only the identity calls (/connect/rest/v1/identity/…), not the resource API. */
function identityOnly(definition: ScenarioDefinition): ScenarioDefinition {
  const intercept = definition.intercept;
  return {
    ...definition,
    surfaces: ['api'],
    intercept: intercept && ((ctx, params) => (new URL(ctx.request.url).pathname.includes('/rest/v1/identity/') ? intercept(ctx, params) : undefined)),
  };
}

export const OCTORATE_SCENARIOS: ScenarioDefinition[] = [
  // Flag rather than a clock jump: the code is refused however fast the client is, and tokens already issued stay valid.
  flag('code-too-late', '/identity/token refuses every code as expired, as if exchanged after the one-minute limit'),
  flag('expireDate-with-zone-suffix', 'expireDate is written the Java way, "…922Z[UTC]" (INF strong, octorate.md)'),
  flag('token-response-with-expires-in', 'Token responses use the OpenAPI OAuthToken2 shape: + expires_in, token_type, accessToken'),
  flag('refresh-token-revoked', '/identity/refresh refuses the refresh token (rejectedRefreshToken quirk, default 401 ApiKeyInvalid) and revokes its grant'),
  flag('quota-exceeded', 'API calls answer 403 ApiQuotaException with X-RateLimit-Remaining: 0'),
  flag('wrong-environment', 'API calls with a valid token answer 403 WrongEnviroment'),
  flag('invalid-credentials', 'Identity calls refuse the client_id/client_secret (secret regenerated; rejectedClient quirk)'),
  clockJump('token-expired', 3600, 'Moves the clock one hour on: access tokens issued so far are expired (3600 s default lifetime).'),
  unavailable('api-unavailable', ['api']),
  unavailable('authorize-unavailable', ['authorize']),
  identityOnly(unavailable('token-unavailable')),
  identityOnly(slow('slow-token', undefined, 2000)),
  identityOnly(noAnswer('token-no-answer')),
  identityOnly(htmlResponse('token-response-html')),
  identityOnly(malformedJson('token-response-malformed')),
];
