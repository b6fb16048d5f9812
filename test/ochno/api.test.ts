// Ochno's API: hubs, accounts and spaces as bare arrays, state that sticks, scope enforcement and RFC 6750 errors.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import type { Hub } from '../../providers/ochno/public.ts';
import { api, errorOf, ochnoOf, tokens } from './support.ts';

describe('Ochno hubs API', () => {
  it('lists the account’s hubs with the demo’s shape, and a PUT state or config shows in a later GET', async () => {
    const o = ochnoOf(createHarness());
    const token = (await tokens(o)).access_token;
    const hubs = (await (await api(o, token, '/api/hubs/v1')).json()) as Hub[];
    expect(Array.isArray(hubs)).toBe(true);
    expect(hubs.length).toBeGreaterThan(0);
    const hub = hubs[0]!;
    expect(Object.keys(hub)).toEqual(['id', 'name', 'customid', 'hwId', 'serialNumber', 'spaceId', 'data']);
    expect(hub.data.state.connected).toHaveLength(4);
    expect(Object.keys(hub.data.config)).toEqual(['defaultport', 'hdmiceccontrol', 'autoswitchconnect', 'inactivedisabled']);

    expect((await api(o, token, `/api/hubs/v1/${hub.id}/state`, { method: 'PUT', body: JSON.stringify({ activeport: 3 }) })).status).toBe(200);
    expect((await api(o, token, `/api/hubs/v1/${hub.id}/config`, { method: 'PUT', body: JSON.stringify({ defaultport: 2, inactivedisabled: true }) })).status).toBe(200);
    const after = (await (await api(o, token, `/api/hubs/v1/${hub.id}`)).json()) as Hub;
    expect(after.data.state.active).toBe(3);
    expect(after.data.config).toMatchObject({ defaultport: 2, inactivedisabled: true });
    await api(o, token, `/api/hubs/v1/${hub.id}/state`, { method: 'PUT', body: JSON.stringify({ activeport: 0 }) });
    expect(((await (await api(o, token, `/api/hubs/v1/${hub.id}`)).json()) as Hub).data.state.active).toBe(0);
  });

  it('refuses unknown ports, unknown fields, wrong types, non-JSON and unknown hubs with the field named', async () => {
    const o = ochnoOf(createHarness());
    const token = (await tokens(o)).access_token;
    const id = ((await (await api(o, token, '/api/hubs/v1')).json()) as Hub[])[0]!.id;
    const put = (path: string, body: string, type = 'application/json') => api(o, token, `/api/hubs/v1/${id}/${path}`, { method: 'PUT', body, headers: { 'content-type': type } });
    expect(await errorOf(await put('state', '{"activeport": 5}'))).toMatchObject({ status: 400, error: 'invalid_request', description: expect.stringContaining('activeport: must be 0–4') });
    expect((await errorOf(await put('state', '{"activeport": 1.5}'))).description).toContain('whole number');
    expect((await errorOf(await put('state', '{"activeport": 1, "power": true}'))).description).toContain('"power"');
    expect((await errorOf(await put('config', '{"__proto__": {"polluted": 1}}'))).description).toContain('__proto__');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((await errorOf(await put('config', '{"hdmiceccontrol": "yes"}'))).description).toContain('hdmiceccontrol');
    expect((await errorOf(await put('config', '{}'))).description).toContain('at least one');
    expect(await errorOf(await put('state', 'activeport=1', 'application/x-www-form-urlencoded'))).toMatchObject({ status: 415 });
    expect((await errorOf(await put('state', '{"activeport":'))).description).toContain('not valid JSON');
    expect(await errorOf(await api(o, token, '/api/hubs/v1/no-such-hub'))).toMatchObject({ status: 404, error: 'not_found' });
  });

  it('lists accounts, groups and spaces as bare arrays', async () => {
    const o = ochnoOf(createHarness());
    const token = (await tokens(o)).access_token;
    const accounts = (await (await api(o, token, '/api/accounts/v1')).json()) as Array<{ id: string }>;
    expect(accounts).toHaveLength(1);
    const groups = (await (await api(o, token, '/api/accounts/v1/groups')).json()) as Array<{ accountIds: string[] }>;
    expect(groups[0]!.accountIds).toContain(accounts[0]!.id);
    const spaces = (await (await api(o, token, '/api/spaces/v1')).json()) as Array<{ accountId: string }>;
    expect(spaces.every((s) => s.accountId === accounts[0]!.id)).toBe(true);
  });

  it('answers 403 insufficient_scope with a challenge for a missing scope, and 401 for missing, unknown or expired tokens', async () => {
    const o = ochnoOf(createHarness());
    const readOnly = (await tokens(o, 'hubs:read')).access_token;
    const id = ((await (await api(o, readOnly, '/api/hubs/v1')).json()) as Hub[])[0]!.id;
    const scope = await errorOf(await api(o, readOnly, `/api/hubs/v1/${id}/state`, { method: 'PUT', body: '{"activeport":1}' }));
    expect(scope).toMatchObject({ status: 403, error: 'insufficient_scope' });
    expect(scope.challenge).toMatch(/^Bearer realm="Ochno Operated", error="insufficient_scope"/);
    expect((await errorOf(await api(o, readOnly, '/api/accounts/v1'))).status).toBe(403);

    const none = await o.send(new Request(`${o.s.baseUrl}/api/hubs/v1`));
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="Ochno Operated"');
    expect(await errorOf(await api(o, 'not-a-token', '/api/hubs/v1'))).toMatchObject({ status: 401, error: 'invalid_token' });
    const malformed = await o.send(new Request(`${o.s.baseUrl}/api/hubs/v1`, { headers: { authorization: 'Bearer a b' } }));
    expect(malformed.status).toBe(400);
    o.h.clock.advance(3600);
    expect(await errorOf(await api(o, readOnly, '/api/hubs/v1'))).toMatchObject({ status: 401, error: 'invalid_token', description: 'The access token is expired.' });
  });

  it('answers the userinfo of a code-flow grant by scope', async () => {
    const { code, exchange } = await import('./support.ts');
    const o = ochnoOf(createHarness());
    const both = (await (await exchange(o, await code(o))).json()) as { access_token: string };
    const info = (await (await api(o, both.access_token, '/identity/oauth/v2/userinfo')).json()) as Record<string, string>;
    expect(Object.keys(info)).toEqual(['sub', 'email']);
    const onlySub = (await (await exchange(o, await code(o, { scope: 'sub hubs:read' }))).json()) as { access_token: string };
    expect(Object.keys((await (await api(o, onlySub.access_token, '/identity/oauth/v2/userinfo')).json()) as object)).toEqual(['sub']);
    const neither = (await (await exchange(o, await code(o, { scope: 'hubs:read' }))).json()) as { access_token: string };
    expect((await api(o, neither.access_token, '/identity/oauth/v2/userinfo')).status).toBe(403);
  });
});
