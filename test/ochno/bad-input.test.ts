// Bad input at Ochno's endpoints, through harness.fetch and the HTTP server: the provider's error, never a 500 or a hang, nothing lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../core/harness.ts';
import { createHarness } from '../../index.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { connectionSettings, type Hub } from '../../providers/ochno/public.ts';
import { FORM } from './support.ts';

const server: { running?: RunningServer } = {};
const viaServer = createHarness({ seed: 3 });
const direct = createHarness({ seed: 3 });

const transports = [
  { name: 'harness.fetch (MSW path)', harness: direct, base: () => 'https://operated.ochno.com', send: (r: Request) => direct.fetch(r) },
  { name: 'HTTP server', harness: viaServer, base: () => `${server.running!.url}/operated.ochno.com`, send: (r: Request) => fetch(r) },
];

beforeAll(async () => {
  server.running = await startServer({ harness: viaServer, port: 0 });
});
afterAll(async () => {
  await server.running?.close();
});

describe.each(transports)('Ochno bad input via $name', (t) => {
  const creds = () => connectionSettings(t.harness);
  const good = (extra: Record<string, string> = {}) =>
    new URLSearchParams({ grant_type: 'client_credentials', client_id: creds().clientId, client_secret: creds().clientSecret, scope: 'hubs:read hubs:write', ...extra });
  const token = (body: BodyInit | null, headers: Record<string, string> = { 'content-type': FORM }, query = '') =>
    t.send(new Request(`${t.base()}/identity/oauth/v2/token${query}`, { method: 'POST', body, headers }));
  const expectError = async (res: Response, status: number, error: string, mentions?: string) => {
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: string; error_description: string };
    expect(body.error).toBe(error);
    if (mentions) expect(body.error_description).toContain(mentions);
  };
  const bearer = async () => ((await (await token(good())).json()) as { access_token: string }).access_token;
  const call = async (path: string, init: RequestInit & { auth?: string } = {}) =>
    t.send(new Request(`${t.base()}${path}`, { ...init, headers: { authorization: init.auth ?? `Bearer ${await bearer()}`, 'content-type': 'application/json', ...(init.headers as object) } }));

  it('wrong or missing content type, empty body, JSON: invalid_request naming the form type', async () => {
    await expectError(await token(JSON.stringify(Object.fromEntries(good())), { 'content-type': 'application/json' }), 400, 'invalid_request', 'not JSON');
    await expectError(await token(good().toString(), {}), 400, 'invalid_request', FORM);
    await expectError(await token(good().toString(), { 'content-type': 'text/plain' }), 400, 'invalid_request', FORM);
    await expectError(await token(''), 400, 'invalid_request', 'Empty request body');
  });

  it('repeated, unknown and __proto__ fields, fields in the query string', async () => {
    await expectError(await token(`${good()}&client_id=again`), 400, 'invalid_request', '"client_id" was sent more than once');
    await expectError(await token(good({ audience: 'x' })), 400, 'invalid_request', '"audience"');
    await expectError(await token(`${good()}&__proto__[polluted]=yes`), 400, 'invalid_request', '__proto__');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    await expectError(await token(good(), { 'content-type': FORM }, `?client_secret=${encodeURIComponent(creds().clientSecret)}`), 400, 'invalid_request', 'query string');
  });

  it('a body over the limit gets 413 and the server keeps serving', async () => {
    await expectError(await token(good({ pad: 'x'.repeat(70 * 1024) })), 413, 'payload_too_large');
    expect((await token(good())).status).toBe(200);
  });

  it('malformed Authorization, non-JSON bodies, unknown hubs, ports out of range, non-http(s) webhook URLs', async () => {
    await expectError(await call('/api/hubs/v1', { auth: 'Bearer two words' }), 400, 'invalid_request', 'token68');
    await expectError(await call('/api/hubs/v1', { auth: 'Basic !!!' }), 400, 'invalid_request');
    const hubs = (await (await call('/api/hubs/v1')).json()) as Hub[];
    const id = hubs[0]!.id;
    await expectError(await call(`/api/hubs/v1/${id}/state`, { method: 'PUT', body: '{"activeport":' }), 400, 'invalid_request', 'not valid JSON');
    await expectError(await call(`/api/hubs/v1/${id}/state`, { method: 'PUT', body: '[1]' }), 400, 'invalid_request');
    await expectError(await call(`/api/hubs/v1/${id}/state`, { method: 'PUT', body: '{"activeport":-1}' }), 400, 'invalid_request', 'activeport');
    await expectError(await call(`/api/hubs/v1/${id}/state`, { method: 'PUT', body: '{"activeport":1}', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
    await expectError(await call('/api/hubs/v1/does-not-exist/state', { method: 'PUT', body: '{"activeport":1}' }), 404, 'not_found');
    await expectError(await call('/subscriptions/v1/', { method: 'POST', body: '{"event":["hub:temp"],"webhookUrl":"file:///etc/passwd","verificationToken":"v"}' }), 400, 'invalid_request', 'http(s)');
    await expectError(await call('/subscriptions/v1/', { method: 'POST', body: '{"event":["hub:temp"],"webhookUrl":"https://x.test/","verificationToken":"v","__proto__":{}}' }), 400, 'invalid_request', '__proto__');
    await expectError(await call('/subscriptions/v1/nope', { method: 'PATCH' }), 404, 'not_found');
    const res = await call('/api/hubs/v1', { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });

  it('after all of that, the journal holds every request and no secret', async () => {
    t.harness.reset();
    const token1 = await bearer();
    await token('{"nope":1}', { 'content-type': 'application/json' });
    await call('/api/hubs/v1/x/state', { method: 'PUT', body: 'oops', auth: `Bearer ${token1}` });
    await call('/subscriptions/v1/', { method: 'POST', body: '{"event":["hub:temp"],"webhookUrl":"https://x.test/","verificationToken":"very-secret-vt"}', auth: `Bearer ${token1}` });
    expect(t.harness.journal.entries().map((e) => e.status)).toEqual([200, 400, 404, 201]);
    const text = JSON.stringify(t.harness.journal.entries());
    for (const secret of [creds().clientSecret, token1, 'very-secret-vt']) expect(text).not.toContain(secret);
  });
});
