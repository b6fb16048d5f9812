// Hostile values are refused before they are applied: clock, scenario parameters, redirect URIs, config files, links.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { approveAuthorization, connectionSettings } from '../../providers/octorate/index.ts';
import { API, APILOGIN_URL, bearer, formRequest, propertyTokens } from '../octorate/support.ts';
import { rawRequest } from '../support/raw-http.ts';

const harness = createHarness({ seed: 3 });
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ harness, port: 0 });
});
afterAll(() => server.close());

const postJson = (path: string, body: string) =>
  rawRequest(`${server.url}/__admin${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
const apilogin = () => {
  const conn = connectionSettings(harness);
  return harness.fetch(formRequest(APILOGIN_URL, { client_id: conn.clientId, client_secret: conn.clientSecret }));
};

describe('clock values', () => {
  it.each([
    ['/clock/set', '{"at": 1e308}', 'at'],
    ['/clock/set', '{"at": -1}', 'at'],
    ['/clock/set', '{"at": "0000-01-01T00:00:00Z"}', 'at'],
    ['/clock/advance', '{"seconds": 9007199254740993}', 'seconds'],
    ['/clock/advance', '{"seconds": 1e309}', 'seconds'],
    ['/clock/advance', '{"seconds": -1e12}', 'seconds'],
  ])('%s %s: 400 naming the field; the clock and the providers still work', async (path, body, field) => {
    const before = harness.clock.offsetMs();
    const res = await postJson(path, body);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error_description).toContain(field);
    expect(Math.abs(harness.clock.offsetMs() - before)).toBeLessThan(1000);
    expect((await rawRequest(`${server.url}/__admin/clock`)).status).toBe(200);
    expect((await apilogin()).status).toBe(200);
  });

  it('refuses out-of-range times in code too, leaving the clock as it was', () => {
    const h = createHarness({ clock: { start: 1_700_000_000_000, frozen: true } });
    expect(() => h.clock.set(1e308)).toThrow(RangeError);
    expect(() => h.clock.advance(9007199254740993)).toThrow(RangeError);
    expect(h.clock.now()).toBe(1_700_000_000_000);
  });
});

describe('scenario parameters', () => {
  it.each([
    ['{"name": "slow-token", "provider": "oneio", "params": {"__proto__": {"delayMs": 1}}}', 'params.__proto__'],
    ['{"name": "slow-token", "provider": "oneio", "params": {"constructor": 1}}', 'constructor'],
    ['{"name": "slow-token", "provider": "oneio", "params": {"toString": 1}}', 'toString'],
    ['{"name": "slow-token", "provider": "oneio", "params": {"delayMs": 2147483648}}', 'delayMs'],
    ['{"name": "slow-token", "provider": "oneio", "params": {"delayMs": -5}}', 'delayMs'],
    ['{"name": "rate-limited", "provider": "oneio", "params": {"retryAfter": 1e309}}', 'retryAfter'],
    ['{"name": "rate-limited", "provider": "oneio", "params": {"retryAfter": 1e300}}', 'retryAfter'],
    ['{"name": "token-unavailable", "provider": "oneio", "params": {"retryAfter": 0.5}}', 'retryAfter'],
    ['{"name": "token-response-html", "provider": "oneio", "params": {"status": 99}}', 'status'],
    ['{"name": "token-expired", "provider": "oneio", "params": {"seconds": 1e300}}', 'seconds'],
  ])('%s: 400 naming the parameter, nothing switched on', async (body, field) => {
    const before = harness.clock.offsetMs();
    const res = await postJson('/scenarios', body);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error_description).toContain(field.replace('params.', ''));
    expect(harness.scenarios.active()).toEqual([]);
    expect(Math.abs(harness.clock.offsetMs() - before)).toBeLessThan(1000);
  });

  it('still takes parameters in range', async () => {
    expect((await postJson('/scenarios', '{"name": "slow-token", "provider": "oneio", "params": {"delayMs": 10}}')).status).toBe(201);
    harness.scenarios.clear();
  });
});

describe('redirect URIs', () => {
  it.each(['not a url', 'javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'http://app.example.test/cb', 'https://app.example.test/cb#frag', '/relative/cb', 'file:///etc/passwd'])(
    'refuses %s at registration (admin API, config file, code)',
    async (uri) => {
      const res = await postJson('/clients', JSON.stringify({ provider: 'octorate', environment: 'sandbox', clientId: 'hostile', clientSecret: 's', redirectUris: [uri] }));
      expect(res.status).toBe(400);
      expect(res.text).toContain('redirectUris');
      expect(() => harness.clients.register({ provider: 'octorate', environment: 'sandbox', clientId: 'hostile', clientSecret: 's', redirectUris: [uri] })).toThrow(/redirectUris\[0\]/);
      const dir = mkdtempSync(join(tmpdir(), 'oauth-doubles-redirect-'));
      writeFileSync(join(dir, 'c.json'), JSON.stringify({ clients: [{ provider: 'octorate', environment: 'sandbox', clientId: 'h', clientSecret: 's', redirectUris: [uri] }] }));
      await expect(loadConfig(join(dir, 'c.json'), new Set(['octorate']))).rejects.toThrow(/redirect URI/);
      expect(harness.clients.find('octorate', 'sandbox', 'hostile')).toBeUndefined();
    },
  );

  it('takes https anywhere and http on loopback; an approval then redirects there', async () => {
    for (const uri of ['https://app.example.test/cb?x=1', 'http://127.0.0.1:5000/cb', 'http://localhost/cb', 'http://[::1]:8080/cb']) {
      const res = await postJson('/clients', JSON.stringify({ provider: 'octorate', environment: 'sandbox', clientId: `ok-${uri.length}`, clientSecret: 's', redirectUris: [uri] }));
      expect(res.status).toBe(201);
      const location = await approveAuthorization(harness, { clientId: `ok-${uri.length}`, redirectUri: uri, state: 's' });
      expect(location.startsWith(uri.split('?')[0]!)).toBe(true);
    }
  });
});

describe('links the fakes build', () => {
  it('Octorate pagination links never take the request\'s Host header', async () => {
    const { tokens, code } = await propertyTokens(harness);
    const id = harness.codes.find(code)!.subject['propertyId'];
    const local = await rawRequest(`${server.url}/api.octorate.com/connect/rest/v1/reservation/${id}?size=1`, {
      headers: { host: 'attacker.example', authorization: `Bearer ${tokens.access_token}` },
    });
    expect(local.status).toBe(200);
    const page = JSON.parse(local.text).page as { self: string; next: string };
    expect(page.next.startsWith(`${server.url}/api.octorate.com/connect/rest/v1/reservation/${id}?`)).toBe(true);
    expect(page.self).not.toContain('attacker');
    const real = await rawRequest(`${server.url}/connect/rest/v1/reservation/${id}?size=1`, {
      headers: { host: 'api.octorate.com', authorization: `Bearer ${tokens.access_token}` },
    });
    expect(JSON.parse(real.text).page.next.startsWith(`${API}/reservation/${id}?`)).toBe(true);
    const msw = await harness.fetch(bearer(`${API}/reservation/${id}?size=1`, tokens.access_token));
    expect(((await msw.json()) as { page: { next: string } }).page.next).toMatch(/^https:\/\/api\.octorate\.com\//);
  });
});

describe('quirk overrides (config file, code)', () => {
  it.each([
    [{ octorate: { codeLifetimeSecondz: 60 } }, 'codeLifetimeSecondz'],
    [{ octorate: JSON.parse('{"__proto__": {"codeLifetimeSeconds": 1}}') as object }, '__proto__'],
    [{ octorate: { codeLifetimeSeconds: '60' } }, 'codeLifetimeSeconds'],
    [{ octorate: { codeLifetimeSeconds: 1e309 } }, 'codeLifetimeSeconds'],
  ])('%j is refused, naming the quirk', (quirks, name) => {
    expect(() => createHarness({ quirks: quirks as Record<string, object> })).toThrow(name);
  });

  it('takes known quirks of the right type', () => {
    expect(createHarness({ quirks: { octorate: { codeLifetimeSeconds: 180 } } }).context<{ codeLifetimeSeconds: number }>('octorate').quirks.codeLifetimeSeconds).toBe(180);
  });
});
