// ochno.subscription-lost: when Ochno no longer knows the webhook subscription (PATCH answers 404), the client subscribes again — events keep arriving.
import { triggerHubEvent } from '../../../providers/ochno/public.ts';
import { liveSubscriptions } from '../../../providers/ochno/webhooks/events.ts';
import { deliverToClient, integrationHub, settled } from '../user.ts';
import { answered, judgeOperation, lines, subscriptionCalls, BASICS, type OchnoCheck, type OchnoContext } from '../judge.ts';

const STEP_MINUTES = 20;
const HOURS = 4;

const live = (t: OchnoContext) => liveSubscriptions(t.harness.context('ochno')).filter((s) => s.clientId === t.settings.clientId);

const eventCount = (t: OchnoContext): number => {
  try {
    return t.client.events().length;
  } catch {
    return 0;
  }
};

export const subscriptionLost: OchnoCheck = {
  id: 'ochno.subscription-lost',
  title: 'subscribes again when Ochno no longer knows its webhook subscription (PATCH answers 404)',
  rule: 'Ochno can drop a subscription before its time (a missed PATCH, a restart, a cleanup — the lifetime is UNK, ochno.md “Webhooks”); a dropped one delivers nothing, silently, and PATCH answers 404 — Ochno’s demo creates a new one then.',
  requires: [...BASICS, 'ochno.subscription-renewal', 'ochno.webhook-receiver'],
  async run(t) {
    deliverToClient(t);
    if (!judgeOperation(t, await t.run((client) => client.subscribe()), 'subscribing to hub events')) return;
    await t.advance(STEP_MINUTES * 60);
    // Ochno drops every subscription now; the client learns it from the 404 to its next PATCH.
    t.harness.scenarios.apply('subscription-expired', { provider: 'ochno', times: 1 });
    live(t);
    const since = t.mark();
    for (let minute = STEP_MINUTES; minute < HOURS * 60; minute += STEP_MINUTES) await t.advance(STEP_MINUTES * 60);
    const calls = subscriptionCalls(t, since);
    if (live(t).length === 0) {
      const gone = calls.find((e) => e.method === 'PATCH' && e.status === 404);
      t.fail(
        gone
          ? `Ochno dropped the webhook subscription and the client’s PATCH was refused (${answered(gone)}), but it never subscribed again: no event has arrived since, silently — when PATCH answers 404, POST /subscriptions/v1/ again`
          : `Ochno dropped the webhook subscription and the client did not notice in ${HOURS} h (no PATCH refused with 404 and no new subscription): no event has arrived since — keep extending it, and subscribe again when PATCH answers 404`,
        lines(t, calls),
      );
      return;
    }
    const before = eventCount(t);
    triggerHubEvent(t.harness, integrationHub(t), { kind: 'port-changed', port: 3 });
    await settled(t);
    if (eventCount(t) === before) {
      t.fail('subscribed again after Ochno dropped the subscription, but a hub change that followed never reached events(): subscribe the same webhook URL, event list and verification token as before', lines(t, calls));
    }
  },
};
