// The named situations Ochno offers: flags read by its routes and dispatcher, and shared kinds narrowed to the token endpoint.
import { defineScenario, type ScenarioDefinition } from '../../core/scenario.ts';
import { htmlResponse } from '../../scenarios/kinds/html-response.ts';
import { malformedJson } from '../../scenarios/kinds/malformed-json.ts';
import { noAnswer } from '../../scenarios/kinds/no-answer.ts';
import { rateLimited } from '../../scenarios/kinds/rate-limited.ts';
import { refuseClient } from '../../scenarios/kinds/refuse-client.ts';
import { slow } from '../../scenarios/kinds/slow.ts';
import { unavailable } from '../../scenarios/kinds/unavailable.ts';
import { TOKEN_PATH } from './hosts.ts';

/** Read by the routes with `ctx.scenarios.consume('ochno', name)`: each use counts towards `times`. */
const flag = <P extends Record<string, unknown>>(name: string, summary: string, defaults = {} as P): ScenarioDefinition =>
  defineScenario({ name, summary, defaults });

/** A shared kind answering only the token endpoint. */
function tokenOnly(definition: ScenarioDefinition, name = definition.name): ScenarioDefinition {
  const intercept = definition.intercept;
  return {
    ...definition,
    name,
    intercept: intercept && ((ctx, params) => (new URL(ctx.request.url).pathname.endsWith(TOKEN_PATH) ? intercept(ctx, params) : undefined)),
  };
}

export const OCHNO_SCENARIOS: ScenarioDefinition[] = [
  flag('access-token-expired', 'API calls find the access token expired (early: a restart, a clock skew); it stays expired'),
  flag('refresh-token-reused', 'The refresh grant sees the refresh token as already used: the whole token family is revoked (RFC 9700)'),
  flag('scope-missing', 'The integration lost a scope (param `scope`, default hubs:write): 403 insufficient_scope, invalid_scope when asked for', { scope: 'hubs:write' }),
  flag('subscription-expired', 'Every webhook subscription lapses now: no more deliveries, PATCH answers 404'),
  flag('expiry-as-date-string', 'Token answers carry access_expires_in as a date string instead of expires_in'),
  flag('webhook-delivery-fails', 'Delivery attempts fail without reaching the receiver (each attempt counts towards `times`); retries follow the back-off'),
  tokenOnly(refuseClient('invalid-credentials')),
  tokenOnly(unavailable('token-endpoint-down')),
  unavailable('api-unavailable'),
  tokenOnly(rateLimited('token-rate-limited', undefined, 30)),
  tokenOnly(slow('slow-token', undefined, 2000)),
  tokenOnly(noAnswer('token-no-answer')),
  tokenOnly(htmlResponse('token-response-html')),
  tokenOnly(malformedJson('token-response-malformed')),
];
