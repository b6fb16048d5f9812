// Ochno's scenarios, each switched on for one harness: what the client meets.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { routeWebhooks, triggerHubEvent, webhookDeliveries, webhooksSettled, TOKEN_PATH, type Hub } from '../../providers/ochno/public.ts';
import { api, clientCredentials, errorOf, FORM, ochnoOf, refresh, tokens } from './support.ts';

describe('Ochno scenarios', () => {
  it('access-token-expired: API calls find the token expired, and it stays so', async () => {
    const o = ochnoOf(createHarness());
    const t = await tokens(o);
    o.h.scenarios.apply('access-token-expired', { times: 1 });
    expect(await errorOf(await api(o, t.access_token, '/api/hubs/v1'))).toMatchObject({ status: 401, description: 'The access token is expired.' });
    expect((await api(o, t.access_token, '/api/hubs/v1')).status).toBe(401);
    expect((await api(o, (await tokens(o)).access_token, '/api/hubs/v1')).status).toBe(200);
  });

  it('refresh-token-reused: the refresh is refused and the whole family revoked', async () => {
    const o = ochnoOf(createHarness());
    const t = await tokens(o);
    o.h.scenarios.apply('refresh-token-reused', { times: 1 });
    expect((await errorOf(await refresh(o, t.refresh_token))).description).toContain('revokes its whole family');
    expect((await api(o, t.access_token, '/api/hubs/v1')).status).toBe(401);
  });

  it('scope-missing: 403 insufficient_scope on the API and invalid_scope at the token endpoint', async () => {
    const o = ochnoOf(createHarness());
    const t = await tokens(o);
    const hub = ((await (await api(o, t.access_token, '/api/hubs/v1')).json()) as Hub[])[0]!;
    o.h.scenarios.apply('scope-missing');
    const e = await errorOf(await api(o, t.access_token, `/api/hubs/v1/${hub.id}/state`, { method: 'PUT', body: '{"activeport":0}' }));
    expect(e).toMatchObject({ status: 403, error: 'insufficient_scope' });
    expect(e.description).toContain('lost the scope "hubs:write"');
    expect((await errorOf(await clientCredentials(o))).error).toBe('invalid_scope');
  });

  it('expiry-as-date-string: access_expires_in as a date string instead of expires_in', async () => {
    const o = ochnoOf(createHarness({ clock: { frozen: true, start: Date.UTC(2026, 0, 5, 9) } }));
    o.h.scenarios.apply('expiry-as-date-string');
    const t = await tokens(o);
    expect(t.expires_in).toBeUndefined();
    expect(t.access_expires_in).toBe('2026-01-05T10:00:00.000Z');
  });

  it('expiryField quirk: access_expires_in as a date string, or no expiry field at all', async () => {
    const start = Date.UTC(2026, 0, 5, 9);
    const dated = await tokens(ochnoOf(createHarness({ clock: { frozen: true, start }, quirks: { ochno: { expiryField: 'access_expires_in' } } })));
    expect(dated).toMatchObject({ access_expires_in: '2026-01-05T10:00:00.000Z' });
    expect(dated.expires_in).toBeUndefined();
    const bare = await tokens(ochnoOf(createHarness({ quirks: { ochno: { expiryField: 'none' } } })));
    expect(Object.keys(bare).filter((k) => k.includes('expires'))).toEqual([]);
  });

  it('invalid-credentials: 401 invalid_client at the token endpoint only, for every grant', async () => {
    const o = ochnoOf(createHarness());
    const t = await tokens(o);
    o.h.scenarios.apply('invalid-credentials');
    expect(await errorOf(await clientCredentials(o))).toMatchObject({ status: 401, error: 'invalid_client' });
    expect(await errorOf(await refresh(o, t.refresh_token))).toMatchObject({ status: 401, error: 'invalid_client' });
    expect((await api(o, t.access_token, '/api/hubs/v1')).status).toBe(200);
    o.h.scenarios.clear('invalid-credentials');
    expect((await refresh(o, t.refresh_token)).status).toBe(200);
  });

  it('token-no-answer: the token endpoint holds the request until the client gives up, or a gateway answers 504', async () => {
    const o = ochnoOf(createHarness());
    const t = await tokens(o);
    o.h.scenarios.apply('token-no-answer');
    const fields = { client_id: o.s.clientId, client_secret: o.s.clientSecret, grant_type: 'client_credentials', scope: 'hubs:read' };
    const request = new Request(o.s.tokenUrl, { method: 'POST', headers: { 'content-type': FORM }, body: new URLSearchParams(fields), signal: AbortSignal.timeout(50) });
    await Promise.allSettled([o.send(request)]);
    expect(o.h.journal.entries({ path: TOKEN_PATH }).at(-1)?.status).toBe(499);
    expect((await api(o, t.access_token, '/api/hubs/v1')).status).toBe(200);
    o.h.scenarios.apply('token-no-answer', { params: { holdSeconds: 0 } });
    const cut = await clientCredentials(o);
    expect(cut.status).toBe(504);
    expect(await cut.text()).toContain('504 Gateway Time-out');
  });

  it('token-endpoint-down: 503 at the token endpoint only', async () => {
    const o = ochnoOf(createHarness());
    const t = await tokens(o);
    o.h.scenarios.apply('token-endpoint-down');
    expect((await clientCredentials(o)).status).toBe(503);
    expect((await api(o, t.access_token, '/api/hubs/v1')).status).toBe(200);
  });

  it('subscription-expired and webhook-delivery-fails', async () => {
    const o = ochnoOf(createHarness());
    const t = await tokens(o);
    const create = () =>
      api(o, t.access_token, '/subscriptions/v1/', { method: 'POST', body: JSON.stringify({ event: ['hub:temp'], webhookUrl: 'https://hooks.test/x', verificationToken: 'v' }) });
    const { id } = (await (await create()).json()) as { id: string };
    const hub = ((await (await api(o, t.access_token, '/api/hubs/v1')).json()) as Hub[])[0]!;
    let reached = 0;
    routeWebhooks(o.h, async () => {
      reached++;
      return new Response(null);
    });
    o.h.scenarios.apply('webhook-delivery-fails', { times: 1 });
    triggerHubEvent(o.h, hub.id, { kind: 'temperature', celsius: 40 });
    await webhooksSettled(o.h);
    expect(reached).toBe(0);
    o.h.clock.advance(10);
    await webhooksSettled(o.h);
    expect(reached).toBe(1);
    expect(webhookDeliveries(o.h)[0]!.attempts.map((a) => a.error ?? a.status)).toEqual([expect.stringContaining('webhook-delivery-fails'), 200]);

    o.h.scenarios.apply('subscription-expired');
    expect(triggerHubEvent(o.h, hub.id, { kind: 'temperature', celsius: 41 })).toBe(0);
    expect((await api(o, t.access_token, `/subscriptions/v1/${id}`, { method: 'PATCH' })).status).toBe(404);
  });
});
