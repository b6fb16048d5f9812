// ochno.webhook-receiver: the client's webhook route accepts Ochno's non-standard content type and checks the verification token.
import { triggerHubEvent, webhookDeliveries } from '../../../providers/ochno/public.ts';
import { deliverToClient, integrationHub, settled } from '../user.ts';
import { hubs, judgeOperation, BASICS, type OchnoCheck, type OchnoContext } from '../judge.ts';
import { errorMessage } from '../../virtual-time.ts';

/** UNK: the content types Ochno may send; the demo parses every type as text. Each plausible reading is tried. */
const READINGS = [
  { contentType: 'text/plain;charset=UTF-8', placement: 'header' as const },
  { contentType: 'application/x-www-form-urlencoded', placement: 'header' as const },
  { contentType: 'text/plain;charset=UTF-8', placement: 'body' as const },
];

const eventsOf = (t: OchnoContext): unknown[] => {
  try {
    return [...t.client.events()];
  } catch {
    return [];
  }
};

async function forgedDelivery(t: OchnoContext, hubId: string, token: string | undefined): Promise<{ status: number | string; accepted: boolean }> {
  const before = eventsOf(t).length;
  const headers = new Headers({ 'content-type': 'text/plain;charset=UTF-8' });
  if (token !== undefined) headers.set('x-verification-token', token);
  const body = JSON.stringify({ event: 'hub:state:change', hubId, data: { newState: { connected: [1, 1, 1, 1], active: 4 } } });
  let status: number | string;
  try {
    status = (await t.client.handleWebhook(new Request(t.settings.webhookUrl, { method: 'POST', headers, body }))).status;
  } catch (error) {
    status = errorMessage(error);
  }
  return { status, accepted: eventsOf(t).length > before };
}

export const webhookReceiver: OchnoCheck = {
  id: 'ochno.webhook-receiver',
  title: 'its webhook route accepts Ochno’s non-standard content type and refuses deliveries without the right verification token',
  rule: 'Ochno posts deliveries with a non-standard content type (its demo parses every type as text, then JSON) and the subscription’s verificationToken; anyone can post to a webhook URL, so the token is what tells Ochno’s deliveries apart.',
  requires: BASICS,
  async run(t) {
    deliverToClient(t);
    if (!judgeOperation(t, await hubs(t), 'reading the hubs')) return;
    if (!judgeOperation(t, await t.run((client) => client.subscribe()), 'subscribing to hub events')) return;
    const hub = integrationHub(t);
    const q = t.harness.context<{ webhookContentType: string; webhookTokenPlacement: 'header' | 'body' }>('ochno').quirks;
    for (const [i, reading] of READINGS.entries()) {
      q.webhookContentType = reading.contentType;
      q.webhookTokenPlacement = reading.placement;
      const before = eventsOf(t).length;
      triggerHubEvent(t.harness, hub, { kind: 'port-changed', port: (i % 4) + 1 });
      await settled(t);
      const delivery = webhookDeliveries(t.harness).at(-1);
      const attempt = delivery?.attempts[0];
      const how = `Content-Type ${reading.contentType}, verification token in ${reading.placement === 'header' ? 'the x-verification-token header' : 'the body’s verificationToken'}`;
      if (eventsOf(t).length === before || delivery?.status !== 'delivered') {
        t.fail(
          `refused or dropped Ochno’s genuine delivery sent with ${how} (the route answered ${attempt?.status ?? attempt?.error ?? 'nothing'}): read the body as text whatever the Content-Type, parse it as JSON, and accept the verification token from the header or the body`,
          [`delivery ${delivery?.id ?? '?'} → ${delivery?.target ?? t.settings.webhookUrl}: ${delivery?.attempts.map((a) => a.status ?? a.error).join(', ') ?? 'no attempt'}`],
        );
        return;
      }
    }
    for (const [label, token] of [['without a verification token', undefined], ['with a wrong verification token', 'not-the-token']] as const) {
      const forged = await forgedDelivery(t, hub, token);
      if (forged.accepted) {
        t.fail(
          `accepted a delivery ${label} (the route answered ${forged.status}): anyone can post to a webhook URL — compare the verification token of the subscription (constant-time) and drop the event when it does not match`,
          [`POST ${t.settings.webhookUrl} · text/plain · ${label} → ${forged.status}, event accepted`],
        );
        return;
      }
    }
  },
};
