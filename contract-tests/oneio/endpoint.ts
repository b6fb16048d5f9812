// ONEiO's token resource as the shared token-endpoint checks see it: its scenarios, its calls, and a delivery that needs a token.
import type { TokenEndpoint } from '../common/endpoint.ts';
import { bogusBearer } from '../common/text.ts';
import { BASICS, deliver, fingerprint, judgeDelivery, lines, message, receiverCalls, tokenCalls } from './judge.ts';
import type { OneioOperations, OneioSettings } from './settings.ts';

export const oneioTokenEndpoint: TokenEndpoint<OneioSettings, OneioOperations> = {
  provider: 'oneio',
  name: 'ONEiO',
  endpoint: 'ONEiO’s token endpoint',
  idPrefix: 'oneio.token',
  operationName: 'the delivery',
  lost: ' — the message is lost',
  requires: BASICS,
  scenarios: {
    refused: 'invalid-credentials',
    unavailable: 'token-unavailable',
    rateLimited: 'rate-limited',
    malformed: 'token-response-malformed',
    slow: 'slow-token',
    noAnswer: 'token-no-answer',
  },
  surfaces: ['token'],
  params: { rateLimited: { retryAfter: 30 } },
  calls: (t, since) => tokenCalls(t, since),
  bogusCalls: (t, since) =>
    receiverCalls(t, since).flatMap((entry) => {
      const what = bogusBearer(entry, (v) => fingerprint(t, v), 'ONEiO');
      return what ? [{ entry, what }] : [];
    }),
  operation: (t, n) => deliver(t, message(n)),
  judge: (t, outcome, n, when, since) => judgeDelivery(t, outcome, message(n), when, since),
  lines: (t, entries) => lines(t, entries),
};
