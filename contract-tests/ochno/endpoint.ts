// Ochno's token endpoint as the shared checks see it: the client-credentials grant (hubs() from a fresh client) and the user's refresh (userinfo() once the user's token expired).
import type { JournalEntry } from '../../core/journal.ts';
import type { TokenEndpoint } from '../common/endpoint.ts';
import { bogusBearer } from '../common/text.ts';
import { BASICS, CONNECT, fingerprint, hubCalls, hubs, judgeOperation, lines, quirks, tokenCalls, userinfo, userinfoCalls, type OchnoContext } from './judge.ts';
import type { OchnoOperations, OchnoSettings } from './settings.ts';
import { connectUser } from './user.ts';

type Endpoint = TokenEndpoint<OchnoSettings, OchnoOperations>;

/** What the checks on a user's refresh need: a user connected, and a refresh that works at all. */
export const REFRESHES = [...CONNECT, 'ochno.refresh-redirect-uri', 'ochno.refresh-rotation'];

/** Calls among `entries` that carried a Bearer token Ochno never issued, with what they carried. */
const bogus = (t: OchnoContext, entries: JournalEntry[]) =>
  entries.flatMap((entry) => {
    const what = bogusBearer(entry, (v) => fingerprint(t, v), 'Ochno');
    return what ? [{ entry, what }] : [];
  });

const shared = {
  provider: 'ochno',
  name: 'Ochno',
  judge: (t: OchnoContext, outcome: Parameters<typeof judgeOperation>[1], _n: number, when: string, since: number) => judgeOperation(t, outcome, when, since),
  lines: (t: OchnoContext, entries: JournalEntry[]) => lines(t, entries),
} as const;

/** The client-credentials grant, needed by hubs() from a client that holds no token yet. */
export const clientCredentialsEndpoint: Endpoint = {
  ...shared,
  endpoint: 'Ochno’s token endpoint',
  idPrefix: 'ochno.token',
  operationName: 'hubs()',
  requires: BASICS,
  scenarios: {
    refused: 'invalid-credentials',
    unavailable: 'token-endpoint-down',
    rateLimited: 'token-rate-limited',
    malformed: 'token-response-malformed',
    slow: 'slow-token',
    noAnswer: 'token-no-answer',
  },
  params: { rateLimited: { retryAfter: 30 } },
  calls: (t, since) => tokenCalls(t, since),
  bogusCalls: (t, since) => bogus(t, hubCalls(t, since)),
  operation: (t) => hubs(t),
};

/**
 * The user's refresh on the same endpoint, needed by userinfo() once the user's access token expired. No
 * malformed or slow check: a cut-off answer to a rotating refresh may have spent the refresh token (nothing
 * the client can do but report it), and a slow refresh is `ochno.slow-single-use`.
 */
export const refreshEndpoint: Endpoint = {
  ...shared,
  endpoint: 'the refresh grant at Ochno’s token endpoint',
  idPrefix: 'ochno.refresh',
  operationName: 'userinfo()',
  requires: REFRESHES,
  scenarios: { refused: 'invalid-credentials', unavailable: 'token-endpoint-down', rateLimited: 'token-rate-limited', noAnswer: 'token-no-answer' },
  params: { rateLimited: { retryAfter: 30 } },
  setUp: async (t) => (await connectUser(t)) && judgeOperation(t, await userinfo(t), 'reading userinfo right after connecting'),
  needToken: (t) => t.advance(quirks(t).accessTokenLifetimeSeconds),
  calls: (t, since) => tokenCalls(t, since),
  bogusCalls: (t, since) => bogus(t, userinfoCalls(t, since)),
  operation: (t) => userinfo(t),
};
