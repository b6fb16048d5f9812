// Octorate's identity calls as the shared checks see them: /identity/apilogin (configuration()) and /identity/refresh (reservations() once the token expired).
import type { TokenEndpoint } from '../common/endpoint.ts';
import { bogusBearer } from '../common/text.ts';
import { connectAndRead, hotelProperty } from './hotelier.ts';
import {
  BASICS,
  configuration,
  configurationCalls,
  fingerprint,
  identityCalls,
  judgeOperation,
  lines,
  propertyCalls,
  quirks,
  reservations,
  type OctorateContext,
} from './judge.ts';
import type { OctorateOperations, OctorateSettings } from './settings.ts';

type Endpoint = TokenEndpoint<OctorateSettings, OctorateOperations>;

/** Calls among `entries` that carried a Bearer token Octorate never issued, with what they carried. */
const bogus = (t: OctorateContext, entries: ReturnType<typeof propertyCalls>) =>
  entries.flatMap((entry) => {
    const what = bogusBearer(entry, (v) => fingerprint(t, v), 'Octorate');
    return what ? [{ entry, what }] : [];
  });

const shared = {
  provider: 'octorate',
  name: 'Octorate',
  requires: BASICS,
  judge: (t: OctorateContext, outcome: Parameters<typeof judgeOperation>[1], _n: number, when: string, since: number) => judgeOperation(t, outcome, when, since),
  lines: (t: OctorateContext, entries: ReturnType<typeof propertyCalls>) => lines(t, entries),
} as const;

/** /identity/apilogin, needed by configuration() from a fresh client: no hotelier involved. */
export const apiLoginEndpoint: Endpoint = {
  ...shared,
  endpoint: '/identity/apilogin',
  idPrefix: 'octorate.apilogin',
  operationName: 'configuration()',
  scenarios: {
    refused: 'invalid-credentials',
    unavailable: 'token-unavailable',
    malformed: 'token-response-malformed',
    slow: 'slow-token',
    noAnswer: 'token-no-answer',
  },
  calls: (t, since) => identityCalls(t, 'apilogin', since),
  bogusCalls: (t, since) => bogus(t, configurationCalls(t, since)),
  operation: (t) => configuration(t),
};

/** /identity/refresh, needed by reservations() once the property token has expired: the hotelier connects first. */
export const refreshEndpoint: Endpoint = {
  ...shared,
  requires: [...BASICS, 'octorate.refresh-token'],
  endpoint: '/identity/refresh',
  idPrefix: 'octorate.refresh',
  operationName: 'reservations()',
  scenarios: { unavailable: 'token-unavailable', noAnswer: 'token-no-answer' },
  setUp: async (t) => (await connectAndRead(t, 'right after connecting')) !== undefined,
  needToken: (t) => t.advance(quirks(t).accessTokenLifetimeSeconds),
  calls: (t, since) => identityCalls(t, 'refresh', since),
  bogusCalls: (t, since) => bogus(t, propertyCalls(t, since)),
  operation: (t) => reservations(t, hotelProperty(t)),
};
