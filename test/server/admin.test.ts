// The admin API over HTTP: credentials, clock, scenarios, journal, inboxes, reset — and its own bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { accessToken, ONEIO, receiverRequest, tokenRequest } from '../support/oneio.ts';

let server: RunningServer;
const harness = createHarness({ seed: 11, clients: [{ provider: 'oneio', environment: 'qa', clientId: 'cfg-user', clientSecret: 'cfg-secret-123' }] });
const admin = (path: string, init?: RequestInit) => fetch(`${server.url}/__admin${path}`, init);
const post = (path: string, body: unknown) =>
  admin(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  server = await startServer({ harness, port: 0 });
});
afterAll(() => server.close());

describe('admin API', () => {
  it('lists every provider environment\'s test credentials, masking user-registered secrets', async () => {
    const clients = (await (await admin('/clients')).json()) as Array<{ provider: string; environment: string; clientId: string; clientSecret: string; origin: string }>;
    expect(clients).toContainEqual(expect.objectContaining({ provider: 'oneio', environment: 'qa', clientSecret: harness.credentials('oneio', 'qa').clientSecret }));
    expect(clients).toContainEqual(expect.objectContaining({ provider: 'oneio', environment: 'prod', origin: 'seed' }));
    const cfg = clients.find((c) => c.clientId === 'cfg-user')!;
    expect(cfg.clientSecret).not.toContain('cfg-secret');
  });

  it('registers a client that can then get a token', async () => {
    const res = await post('/clients', { provider: 'oneio', environment: 'prod', clientId: 'mine', clientSecret: 's3cret&more' });
    expect(res.status).toBe(201);
    expect((await fetch(tokenRequest(`${server.url}/`, ONEIO.prodToken, { clientId: 'mine', clientSecret: 's3cret&more' }))).status).toBe(200);
    expect((await post('/clients', { provider: 'nope', environment: 'x', clientId: 'a', clientSecret: 'b' })).status).toBe(400);
    expect((await post('/clients', { provider: 'oneio' })).status).toBe(400);
  });

  it('advances the clock so that a token expires', async () => {
    const token = await accessToken(fetch, `${server.url}/`, ONEIO.qaToken, harness.credentials('oneio', 'qa'));
    const before = (await (await admin('/clock')).json()) as { epochMs: number };
    const after = (await (await post('/clock/advance', { seconds: 3600 })).json()) as { epochMs: number; offsetSeconds: number };
    expect(after.epochMs - before.epochMs).toBeGreaterThanOrEqual(3_600_000);
    expect(after.offsetSeconds).toBe(3600);
    expect((await fetch(receiverRequest(`${server.url}/`, ONEIO.qaReceiver, token))).status).toBe(401);
    expect((await post('/clock/advance', { seconds: 'soon' })).status).toBe(400);
    expect((await admin('/clock/advance', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' })).status).toBe(400);
  });

  it('applies, lists and clears scenarios', async () => {
    const applied = await post('/scenarios', { name: 'receiver-unavailable', provider: 'oneio', times: 1 });
    expect(applied.status).toBe(201);
    const listed = (await (await admin('/scenarios')).json()) as { active: Array<{ name: string }>; available: Array<{ name: string }> };
    expect(listed.active.map((s) => s.name)).toEqual(['receiver-unavailable']);
    expect(listed.available.map((s) => s.name)).toContain('token-response-html');
    await post('/scenarios', { name: 'token-unavailable' });
    expect((await admin('/scenarios/token-unavailable', { method: 'DELETE' })).status).toBe(200);
    expect((await post('/scenarios', { name: 'nonsense' })).status).toBe(400);
    await admin('/scenarios', { method: 'DELETE' });
    expect(((await (await admin('/scenarios')).json()) as { active: unknown[] }).active).toEqual([]);
  });

  it('shows the journal and the inbox, then reset empties them', async () => {
    await post('/reset', {});
    const token = await accessToken(fetch, `${server.url}/`, ONEIO.qaToken, harness.credentials('oneio', 'qa'));
    await fetch(receiverRequest(`${server.url}/`, ONEIO.qaReceiver, token, { id: 'abc' }));
    const journal = (await (await admin('/requests?surface=receiver')).json()) as { requests: Array<{ path: string; status: number }>; next: unknown };
    expect(journal).toMatchObject({ requests: [expect.objectContaining({ path: '/api/v2', status: 200 })], next: null, dropped: 0 });
    const inbox = (await (await admin('/inboxes/oneio/qa')).json()) as { messages: Array<{ body: unknown }> };
    expect(inbox.messages.map((m) => m.body)).toEqual([{ id: 'abc' }]);
    expect(JSON.stringify(await (await admin('/requests')).json())).not.toContain(harness.credentials('oneio', 'qa').clientSecret);
    await post('/reset', {});
    expect(await (await admin('/inboxes/oneio/qa')).json()).toMatchObject({ messages: [], next: null });
    expect(await (await admin('/requests')).json()).toMatchObject({ requests: [], next: null });
    // Registered over the admin API: gone after reset. From the config: still there.
    const ids = ((await (await admin('/clients')).json()) as Array<{ clientId: string }>).map((c) => c.clientId);
    expect(ids).toContain('cfg-user');
    expect(ids).not.toContain('mine');
  });

  it('answers unknown admin paths with a JSON 404', async () => {
    const res = await admin('/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });
});
