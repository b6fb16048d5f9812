// oneio.single-token-request: concurrent deliveries share one in-flight token request, cold and after expiry.
import { errorMessage } from '../../virtual-time.ts';
import { BASICS, judgeDelivery, lines, message, tokenCalls, type OneioCheck, type OneioContext } from '../judge.ts';

const CONCURRENT = 5;

async function burst(t: OneioContext, first: number, label: string): Promise<void> {
  const since = t.mark();
  const batch = Array.from({ length: CONCURRENT }, (_, i) => message(first + i));
  const outcome = await t.run((client) => Promise.allSettled(batch.map((msg) => client.deliver(msg))));
  if (outcome.kind !== 'resolved') {
    judgeDelivery(t, outcome, batch[0]!, label, since);
    return;
  }
  outcome.value.forEach((settled, i) => {
    const result = settled.status === 'fulfilled' ? { kind: 'resolved' as const, value: settled.value } : { kind: 'rejected' as const, error: settled.reason, message: errorMessage(settled.reason) };
    judgeDelivery(t, result, batch[i]!, `${label}, message ${first + i}`, since);
  });
  const tokens = tokenCalls(t, since);
  if (tokens.length > 1) {
    t.fail(
      `${label}: made ${tokens.length} token requests for ${CONCURRENT} deliveries started together; let concurrent deliveries wait on one in-flight token request, so ONEiO sees one`,
      lines(t, tokens),
    );
  }
}

export const singleTokenRequest: OneioCheck = {
  id: 'oneio.single-token-request',
  title: 'concurrent deliveries share one in-flight token request',
  rule: 'Every ONEiO token request is a client-credentials login; a burst of messages needs one token, not one per message in flight.',
  requires: BASICS,
  async run(t) {
    await burst(t, 1, 'with no token yet');
    await t.advance(3600);
    await burst(t, 1 + CONCURRENT, 'after the token expired');
  },
};
