// The admin API as a local control plane: JSON only, Host and Origin checked, bodies limited, a token off loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { banner } from '../../server/banner.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { rawRequest } from '../support/raw-http.ts';

const harness = createHarness({ seed: 5 });
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ harness, port: 0, adminBodyLimitBytes: 4096 });
});
afterAll(() => server.close());

const offset = async (): Promise<number> => ((await (await fetch(`${server.url}/__admin/clock`)).json()) as { offsetSeconds: number }).offsetSeconds;

describe('admin API: only JSON bodies', () => {
  it.each([
    ['text/plain', '{"seconds": 3600}'],
    ['application/x-www-form-urlencoded', 'seconds=3600'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="seconds"\r\n\r\n3600\r\n--x--\r\n'],
  ])('refuses a %s body with 415 and changes nothing', async (type, body) => {
    const before = await offset();
    const res = await rawRequest(`${server.url}/__admin/clock/advance`, { method: 'POST', headers: { 'content-type': type }, body });
    expect(res.status).toBe(415);
    expect(JSON.parse(res.text)).toMatchObject({ error: 'unsupported_media_type' });
    expect(await offset()).toBe(before);
  });

  it('refuses a POST without a Content-Type, body or not (a cross-site page could send one)', async () => {
    expect((await rawRequest(`${server.url}/__admin/reset`, { method: 'POST' })).status).toBe(415);
    expect((await rawRequest(`${server.url}/__admin/clock/advance`, { method: 'POST', body: '{"seconds": 1}' })).status).toBe(415);
  });

  it('takes application/json (with a charset), and DELETE without a body', async () => {
    const res = await rawRequest(`${server.url}/__admin/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"seconds": 0}' });
    expect(res.status).toBe(200);
    expect((await rawRequest(`${server.url}/__admin/requests`, { method: 'DELETE' })).status).toBe(204);
  });

  it('limits the size of a body, announced or chunked', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(10_000) });
    const announced = await rawRequest(`${server.url}/__admin/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(announced.status).toBe(413);
    const chunked = await rawRequest(`${server.url}/__admin/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, body: big });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.text)).toMatchObject({ error: 'payload_too_large' });
  });
});

describe('admin API: Host and Origin', () => {
  it('refuses a Host that is not loopback, the bound address or allowed (DNS rebinding)', async () => {
    const res = await rawRequest(`${server.url}/__admin/clients`, { headers: { host: `attacker.example:${server.port}` } });
    expect(res.status).toBe(403);
    expect(res.text).toContain('attacker.example');
    expect(res.text).not.toContain(harness.credentials('oneio', 'qa').clientSecret);
    for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, `app.localhost:${server.port}`]) {
      expect((await rawRequest(`${server.url}/__admin/clients`, { headers: { host } })).status).toBe(200);
    }
  });

  it('answers names allowed with allowedHosts', async () => {
    const allowed = await startServer({ harness, port: 0, allowedHosts: ['doubles.internal'] });
    try {
      expect((await rawRequest(`${allowed.url}/__admin/clock`, { headers: { host: 'doubles.internal:1234' } })).status).toBe(200);
      expect((await rawRequest(`${allowed.url}/__admin/clock`, { headers: { host: 'other.internal' } })).status).toBe(403);
    } finally {
      await allowed.close();
    }
  });

  it('refuses requests a page of another site makes (Origin)', async () => {
    const res = await rawRequest(`${server.url}/__admin/reset`, { method: 'POST', headers: { origin: 'https://attacker.example', 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(403);
    expect((await rawRequest(`${server.url}/__admin/clock`, { headers: { origin: 'null' } })).status).toBe(403);
    expect((await rawRequest(`${server.url}/__admin/clock`, { headers: { origin: `http://127.0.0.1:${server.port}` } })).status).toBe(200);
  });

  it('leaves the emulated hosts reachable: /__admin on an emulated Host is that host\'s path, not the admin API', async () => {
    const res = await rawRequest(`${server.url}/__admin/clients`, { headers: { host: 'receiver-authz-test.service-flow.com' } });
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('clientSecret');
    const token = await rawRequest(`${server.url}/oauth2/token`, { method: 'POST', headers: { host: 'receiver-authz-test.service-flow.com', 'content-type': 'text/plain' }, body: 'x' });
    expect(token.status).toBe(400);
  });
});

describe('admin API: token, and binding beyond loopback', () => {
  it('requires the token when one is set', async () => {
    const guarded = await startServer({ harness, port: 0, adminToken: 'tok-123' });
    try {
      expect((await fetch(`${guarded.url}/__admin/clock`)).status).toBe(401);
      expect((await fetch(`${guarded.url}/__admin/clock`, { headers: { authorization: 'Bearer tok-124' } })).status).toBe(401);
      expect((await fetch(`${guarded.url}/__admin/clock`, { headers: { authorization: 'Bearer tok-123' } })).status).toBe(200);
      // The emulated hosts need no admin token.
      expect((await fetch(`${guarded.url}/api.octorate.com/connect/rest/v1/user/info`)).status).toBe(401);
    } finally {
      await guarded.close();
    }
  });

  it('will not bind a non-loopback address without a token; with one, the banner says so loudly with the true address', async () => {
    await expect(startServer({ harness, port: 0, hostname: '0.0.0.0' })).rejects.toThrow(/admin token/);
    const exposed = await startServer({ harness, port: 0, hostname: '0.0.0.0', adminToken: 'tok-xyz' });
    try {
      expect(exposed.exposed).toBe(true);
      expect(exposed.address).toBe(`http://0.0.0.0:${exposed.port}`);
      const text = banner(harness, exposed);
      expect(text).toContain(`listening on http://0.0.0.0:${exposed.port}`);
      expect(text).toContain('WARNING');
      expect((await fetch(`${exposed.url}/__admin/clock`)).status).toBe(401);
    } finally {
      await exposed.close();
    }
    expect(banner(harness, server)).not.toContain('WARNING');
  });
});
