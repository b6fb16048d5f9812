// The named situations ONEiO offers, built from the shared scenario kinds.
import { clockJump } from '../../scenarios/kinds/clock-jump.ts';
import { htmlResponse } from '../../scenarios/kinds/html-response.ts';
import { noAnswer } from '../../scenarios/kinds/no-answer.ts';
import { malformedJson } from '../../scenarios/kinds/malformed-json.ts';
import { rateLimited } from '../../scenarios/kinds/rate-limited.ts';
import { refuseClient } from '../../scenarios/kinds/refuse-client.ts';
import { slow } from '../../scenarios/kinds/slow.ts';
import { unavailable } from '../../scenarios/kinds/unavailable.ts';
import type { ScenarioDefinition } from '../../core/scenario.ts';

export const ONEIO_SCENARIOS: ScenarioDefinition[] = [
  clockJump('token-expired', 3600, 'Moves the clock one hour on: every token issued so far is expired (3599 s lifetime).'),
  refuseClient('invalid-credentials', ['token']),
  rateLimited('rate-limited', undefined, 30),
  unavailable('receiver-unavailable', ['receiver']),
  unavailable('token-unavailable', ['token']),
  slow('slow-token', ['token'], 2000),
  noAnswer('token-no-answer', ['token']),
  htmlResponse('token-response-html', ['token']),
  malformedJson('token-response-malformed', ['token']),
];
