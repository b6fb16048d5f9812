// Ochno webhooks: subscriptions that lapse on the clock, deliveries in the background, retries with back-off, a bounded log.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHarness } from '../../index.ts';
import { adminApp } from '../../server/admin.ts';
import { routeWebhooks, triggerHubEvent, webhookDeliveries, webhooksSettled, type Hub } from '../../providers/ochno/public.ts';
import { api, errorOf, ochnoOf, tokens, type Ochno } from './support.ts';

const HOOK = 'https://hooks.app.example.test/ochno';

async function subscribed(o: Ochno, events = ['hub:state:change', 'hub:con:change', 'hub:config:change', 'hub:charging', 'hub:temp']) {
  const token = (await tokens(o)).access_token;
  const res = await api(o, token, '/subscriptions/v1/', { method: 'POST', body: JSON.stringify({ event: events, webhookUrl: HOOK, verificationToken: 'vt-secret-1' }) });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const hub = ((await (await api(o, token, '/api/hubs/v1')).json()) as Hub[])[0]!;
  return { token, id, hub };
}

/** A receiver that answers with the given statuses in turn (the last one from then on) and keeps what it got. */
function receiver(o: Ochno, statuses: number[] = [200]) {
  const got: Array<{ type: string | null; token: string | null; body: Record<string, unknown> }> = [];
  routeWebhooks(o.h, async (request) => {
    got.push({ type: request.headers.get('content-type'), token: request.headers.get('x-verification-token'), body: JSON.parse(await request.text()) as Record<string, unknown> });
    return new Response(null, { status: statuses[Math.min(got.length, statuses.length) - 1] });
  });
  return got;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Ochno webhooks', () => {
  it('delivers an API state change to the subscriber with the non-standard content type and the verification token, in the background', async () => {
    const o = ochnoOf(createHarness());
    const { token, hub } = await subscribed(o);
    const got = receiver(o);
    const next = hub.data.state.active === 0 ? 1 : 0;
    const res = await api(o, token, `/api/hubs/v1/${hub.id}/state`, { method: 'PUT', body: JSON.stringify({ activeport: next }) });
    expect(res.status).toBe(200);
    await webhooksSettled(o.h);
    expect(got).toEqual([{ type: 'text/plain;charset=UTF-8', token: 'vt-secret-1', body: { event: 'hub:state:change', hubId: hub.id, data: { newState: { connected: hub.data.state.connected, active: next } } } }]);
    expect(webhookDeliveries(o.h)[0]).toMatchObject({ status: 'delivered', attempts: [{ n: 1, status: 200 }] });
    expect(JSON.stringify(webhookDeliveries(o.h))).not.toContain('vt-secret-1');
  });

  it('delivers triggered hub changes; hub:con:change carries no full state', async () => {
    const o = ochnoOf(createHarness());
    const { hub } = await subscribed(o);
    const got = receiver(o);
    expect(triggerHubEvent(o.h, hub.id, { kind: 'offline' })).toBe(1);
    triggerHubEvent(o.h, hub.id, { kind: 'input-connected', port: 3 });
    triggerHubEvent(o.h, hub.id, { kind: 'charging', port: 3, watts: 45 });
    triggerHubEvent(o.h, hub.id, { kind: 'temperature', celsius: 61 });
    await webhooksSettled(o.h);
    expect(got.map((g) => g.body.event)).toEqual(['hub:con:change', 'hub:con:change', 'hub:charging', 'hub:temp']);
    expect(got[1]!.body.data).toEqual({ port: 3, connected: true });
  });

  it('retries a failing receiver with back-off in clock time, recording every attempt, then gives up', async () => {
    const o = ochnoOf(createHarness({ clock: { frozen: true } }));
    const { hub } = await subscribed(o);
    const got = receiver(o, [500]);
    triggerHubEvent(o.h, hub.id, { kind: 'temperature', celsius: 50 });
    await webhooksSettled(o.h);
    expect(got).toHaveLength(1);
    o.h.clock.advance(9);
    await webhooksSettled(o.h);
    expect(got).toHaveLength(1);
    for (const wait of [1, 60, 300]) {
      o.h.clock.advance(wait);
      await webhooksSettled(o.h);
    }
    const [delivery] = webhookDeliveries(o.h);
    expect(delivery!.attempts.map((a) => a.status)).toEqual([500, 500, 500, 500]);
    expect(delivery!.status).toBe('failed');
    expect(delivery!.attempts[1]!.at - delivery!.attempts[0]!.at).toBe(10_000);
    o.h.clock.advance(3600);
    await webhooksSettled(o.h);
    expect(got).toHaveLength(4);
  });

  it('follows vitest’s fake timers for the back-off too', async () => {
    vi.useFakeTimers();
    const o = ochnoOf(createHarness());
    const { hub } = await subscribed(o);
    const got = receiver(o, [503, 200]);
    triggerHubEvent(o.h, hub.id, { kind: 'port-changed', port: 1 });
    await webhooksSettled(o.h);
    await vi.advanceTimersByTimeAsync(10_000);
    await webhooksSettled(o.h);
    expect(got).toHaveLength(2);
    expect(webhookDeliveries(o.h)[0]!.status).toBe('delivered');
  });

  it('lets a subscription lapse after two hours unless PATCHed; DELETE removes it', async () => {
    const o = ochnoOf(createHarness());
    const { token, id, hub } = await subscribed(o);
    const got = receiver(o);
    o.h.clock.advance(100 * 60);
    expect((await api(o, token === '' ? '' : (await tokens(o)).access_token, `/subscriptions/v1/${id}`, { method: 'PATCH' })).status).toBe(200);
    o.h.clock.advance(100 * 60);
    triggerHubEvent(o.h, hub.id, { kind: 'offline' });
    await webhooksSettled(o.h);
    expect(got).toHaveLength(1);
    o.h.clock.advance(21 * 60);
    const fresh = (await tokens(o)).access_token;
    expect(triggerHubEvent(o.h, hub.id, { kind: 'online' })).toBe(0);
    const lapsed = await errorOf(await api(o, fresh, `/subscriptions/v1/${id}`, { method: 'PATCH' }));
    expect(lapsed).toMatchObject({ status: 404 });
    expect(lapsed.description).toContain('lapsed');
    const again = await subscribed(o);
    expect((await api(o, fresh, `/subscriptions/v1/${again.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(triggerHubEvent(o.h, hub.id, { kind: 'offline' })).toBe(0);
  });

  it('refuses webhook URLs that are not http(s), unknown events, and JSON that is not JSON', async () => {
    const o = ochnoOf(createHarness());
    const token = (await tokens(o)).access_token;
    const post = (body: string) => api(o, token, '/subscriptions/v1/', { method: 'POST', body });
    expect((await errorOf(await post(JSON.stringify({ event: ['hub:temp'], webhookUrl: 'ftp://x.test/', verificationToken: 'v' })))).description).toContain('http(s)');
    expect((await errorOf(await post(JSON.stringify({ event: ['hub:temp'], webhookUrl: 'javascript:alert(1)', verificationToken: 'v' })))).status).toBe(400);
    expect((await errorOf(await post(JSON.stringify({ event: ['hub:boom'], webhookUrl: HOOK, verificationToken: 'v' })))).description).toContain('event');
    expect((await errorOf(await post('{'))).description).toContain('not valid JSON');
    expect(o.h.journal.entries().every((e) => !JSON.stringify(e).includes('"v"'))).toBe(true);
  });

  it('keeps the delivery log within its limits, finished deliveries first, and shows it on the admin API', async () => {
    const o = ochnoOf(createHarness({ quirks: { ochno: { deliveryLogMaxEntries: 5 } } }));
    const { hub } = await subscribed(o);
    receiver(o);
    for (let i = 0; i < 12; i++) triggerHubEvent(o.h, hub.id, { kind: 'temperature', celsius: 30 + i });
    await webhooksSettled(o.h);
    expect(webhookDeliveries(o.h)).toHaveLength(5);
    const res = await adminApp(o.h).fetch(new Request('http://127.0.0.1/__admin/providers/ochno/deliveries'));
    const view = (await res.json()) as { deliveries: Array<{ payload: { data: { temperature: number } } }>; dropped: { finished: number; pending: number } };
    expect(view.deliveries.map((d) => d.payload.data.temperature)).toEqual([37, 38, 39, 40, 41]);
    expect(view.dropped.finished + view.dropped.pending).toBe(7);
    const trigger = await adminApp(o.h).fetch(
      new Request(`http://127.0.0.1/__admin/providers/ochno/hubs/${hub.id}/events`, { method: 'POST', body: JSON.stringify({ kind: 'port-changed', port: 4 }) }),
    );
    expect(await trigger.json()).toEqual({ deliveries: 1 });
  });

  it('never lets a dead receiver hold up the API, and a reset cancels pending retries', async () => {
    const o = ochnoOf(createHarness({ quirks: { ochno: { webhookTimeoutMs: 200 } } }));
    const { token, hub } = await subscribed(o);
    routeWebhooks(o.h, (request) => new Promise((_resolve, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason))));
    const res = await api(o, token, `/api/hubs/v1/${hub.id}/state`, { method: 'PUT', body: JSON.stringify({ activeport: hub.data.state.active === 0 ? 1 : 0 }) });
    expect(res.status).toBe(200);
    await webhooksSettled(o.h);
    expect(webhookDeliveries(o.h)[0]!.attempts[0]!.error).toBe('no answer within 200 ms');
    o.h.reset();
    expect(webhookDeliveries(o.h)).toEqual([]);
  });
});
