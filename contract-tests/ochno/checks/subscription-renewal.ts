// ochno.subscription-renewal: the client keeps its webhook subscription alive (PATCH before it lapses) for as long as it runs.
import { liveSubscriptions } from '../../../providers/ochno/webhooks/events.ts';
import { deliverToClient } from '../user.ts';
import { answered, evidenceSince, judgeOperation, lines, quirks, subscriptionCalls, BASICS, type OchnoCheck, type OchnoContext } from '../judge.ts';

const STEP_MINUTES = 20;
const HOURS = 6;

const live = (t: OchnoContext) => liveSubscriptions(t.harness.context('ochno')).filter((s) => s.clientId === t.settings.clientId);

export const subscriptionRenewal: OchnoCheck = {
  id: 'ochno.subscription-renewal',
  title: 'renews its webhook subscription (PATCH) before it lapses, hour after hour',
  rule: 'An Ochno subscription lapses about two hours after creation unless extended with PATCH /subscriptions/v1/{id} (Ochno’s demo extends every 100 minutes); a lapsed one delivers nothing, silently.',
  requires: BASICS,
  async run(t) {
    deliverToClient(t);
    const outcome = await t.run((client) => client.subscribe());
    if (!judgeOperation(t, outcome, 'subscribing to hub events')) return;
    const posts = subscriptionCalls(t).filter((e) => e.method === 'POST');
    if (posts.length === 0 || live(t).length === 0) {
      t.fail('subscribe() resolved but Ochno holds no live subscription for the integration', evidenceSince(t));
      return;
    }
    const start = t.mark();
    for (let minute = STEP_MINUTES; minute <= HOURS * 60; minute += STEP_MINUTES) {
      await t.advance(STEP_MINUTES * 60);
      if (live(t).length === 0) {
        const calls = subscriptionCalls(t, start);
        const refused = calls.filter((e) => e.status >= 400);
        t.fail(
          `the webhook subscription lapsed ${Math.round((minute / 60) * 10) / 10} h after subscribing${refused.length > 0 ? ` (${answered(refused[0]!)})` : calls.length === 0 ? ' — it was never extended' : ''}: Ochno drops a subscription ${quirks(t).subscriptionLifetimeSeconds / 3600} h after its creation or last PATCH; PATCH /subscriptions/v1/{id} well before that (Ochno’s demo does every 100 min), and keep doing so`,
          [...lines(t, subscriptionCalls(t)), ...(calls.length === 0 ? [`no call to /subscriptions/v1 in the ${Math.round((minute / 60) * 10) / 10} h since`] : [])],
        );
        return;
      }
    }
  },
};
