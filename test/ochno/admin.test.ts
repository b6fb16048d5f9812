// Ochno's admin extras: hubs, triggered events, subscriptions without their secret, and bad input refused as the admin API does.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { adminApp } from '../../server/admin.ts';
import { api, ochnoOf, tokens } from './support.ts';

const post = (path: string, body: string) => new Request(`http://127.0.0.1/__admin/providers/ochno${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('Ochno admin API', () => {
  it('lists hubs, triggers events, and shows subscriptions without their verification token', async () => {
    const o = ochnoOf(createHarness());
    const admin = adminApp(o.h);
    const hubs = (await (await admin.fetch(new Request('http://127.0.0.1/__admin/providers/ochno/hubs'))).json()) as Array<{ id: string; accountId: string }>;
    expect(hubs.length).toBeGreaterThan(0);
    const token = (await tokens(o)).access_token;
    await api(o, token, '/subscriptions/v1/', { method: 'POST', body: JSON.stringify({ event: ['hub:temp'], webhookUrl: 'https://hooks.test/x', verificationToken: 'admin-secret' }) });
    const subs = await (await admin.fetch(new Request('http://127.0.0.1/__admin/providers/ochno/subscriptions'))).text();
    expect(subs).toContain('https://hooks.test/x');
    expect(subs).not.toContain('admin-secret');
    expect((await admin.fetch(post(`/hubs/${hubs[0]!.id}/events`, '{"kind":"temperature","celsius":55}'))).status).toBe(202);
  });

  it('refuses bad bodies, unknown hubs and unknown kinds', async () => {
    const h = createHarness();
    const admin = adminApp(h);
    expect((await admin.fetch(post('/hubs/x/events', '{'))).status).toBe(400);
    expect((await admin.fetch(post('/hubs/nope/events', '{"kind":"offline"}'))).status).toBe(404);
    expect((await admin.fetch(post('/hubs/nope/events', '{"kind":"explode"}'))).status).toBe(400);
    expect((await admin.fetch(post('/authorize', '{"url":"ftp://x"}'))).status).toBe(400);
    const id = ((await (await admin.fetch(new Request('http://127.0.0.1/__admin/providers/ochno/hubs'))).json()) as Array<{ id: string }>)[0]!.id;
    const port = await admin.fetch(post(`/hubs/${id}/events`, '{"kind":"port-changed","port":9}'));
    expect(port.status).toBe(400);
    expect(((await port.json()) as { error_description: string }).error_description).toContain('port must be a whole number 0–4');
  });
});
