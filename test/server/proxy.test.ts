// The server as a forward proxy: Node's fetch (undici ProxyAgent) on the real https:// URLs, refusals, and nothing tunnelled out.
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProxyAgent, fetch as undiciFetch, type RequestInit as UndiciInit } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { connectionSettings } from '../../providers/octorate/index.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { send } from '../support/raw.ts';

const caDir = join(mkdtempSync(join(tmpdir(), 'oauth-doubles-proxy-')), 'ca');
const harness = createHarness({ seed: 7 });
let server: RunningServer;
let agent: ProxyAgent;

/** Node's fetch exactly as an unmodified client would use it, with only the proxy and the CA added. */
const proxied = async (url: string, init: UndiciInit = {}): Promise<Response> => (await undiciFetch(url, { ...init, dispatcher: agent })) as unknown as Response;
const form = (fields: Record<string, string>): UndiciInit => ({ method: 'POST', body: new URLSearchParams(fields) });

beforeAll(async () => {
  server = await startServer({ harness, port: 0, https: { caDir } });
  agent = new ProxyAgent({ uri: server.proxyUrl, requestTls: { ca: readFileSync(server.https!.caFile, 'utf8') } });
});
afterAll(async () => {
  await agent.close();
  await server.close();
});

describe('through the proxy, on the real https:// URLs', () => {
  it('runs the ONEiO token + receiver flow; the message lands in the inbox and the journal shows the real URLs', async () => {
    harness.reset();
    const qa = harness.credentials('oneio', 'qa');
    const token = await proxied('https://receiver-authz-test.service-flow.com/oauth2/token', form({ grant_type: 'client_credentials', client_id: qa.clientId, client_secret: qa.clientSecret }));
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const delivered = await proxied('https://rest-receiver-test.service-flow.com/api/v2', {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'via-proxy' }),
    });
    expect(delivered.status).toBe(200);
    expect(harness.inbox('oneio', 'qa').map((m) => m.body)).toEqual([{ id: 'via-proxy' }]);
    expect(harness.journal.entries({ provider: 'oneio' }).map((e) => [e.host, e.path, e.status])).toEqual([
      ['receiver-authz-test.service-flow.com', '/oauth2/token', 200],
      ['rest-receiver-test.service-flow.com', '/api/v2', 200],
    ]);
  });

  it('runs Octorate\'s code flow through the authorisation page itself: page, form post, 302, token, API call, refresh', async () => {
    const conn = connectionSettings(harness);
    const page = await proxied(`${conn.authorizeUrl}?${new URLSearchParams({ client_id: conn.clientId, redirect_uri: conn.redirectUri, state: 'px' })}`);
    expect(page.status).toBe(200);
    const property = /name="property"[^>]*value="(\d+)" checked/.exec(await page.text())![1]!;
    const post = await proxied(conn.authorizeUrl, { ...form({ client_id: conn.clientId, redirect_uri: conn.redirectUri, state: 'px', property, decision: 'approve' }), redirect: 'manual' });
    expect(post.status).toBe(302);
    const code = new URL(post.headers.get('location')!).searchParams.get('code')!;
    const tokens = await proxied(conn.tokenUrl, form({ client_id: conn.clientId, client_secret: conn.clientSecret, redirect_uri: conn.redirectUri, grant_type: 'code', code }));
    expect(tokens.status).toBe(200);
    const { access_token, refresh_token } = (await tokens.json()) as { access_token: string; refresh_token: string };
    const accommodations = await proxied(`${conn.apiBaseUrl}/accommodation`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(((await accommodations.json()) as Array<{ id: string }>).map((a) => a.id)).toEqual([property]);
    const refreshed = await proxied(conn.refreshUrl, form({ client_id: conn.clientId, client_secret: conn.clientSecret, refresh_token }));
    expect(refreshed.status).toBe(200);
  });

  it('shares the clock and the scenarios with the admin API, itself reached through the proxy', async () => {
    harness.reset();
    const qa = harness.credentials('oneio', 'qa');
    const admin = (path: string, body: unknown) =>
      proxied(`${server.url}/__admin${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const token = (await (await proxied('https://receiver-authz-test.service-flow.com/oauth2/token', form({ grant_type: 'client_credentials', client_id: qa.clientId, client_secret: qa.clientSecret }))).json()) as { access_token: string };
    expect((await admin('/clock/advance', { seconds: 3600 })).status).toBe(200);
    const late = await proxied('https://rest-receiver-test.service-flow.com/api/v2', { method: 'POST', headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(late.status).toBe(401);
    expect((await admin('/scenarios', { name: 'token-unavailable', provider: 'oneio', times: 1 })).status).toBe(201);
    const down = await proxied('https://receiver-authz-test.service-flow.com/oauth2/token', form({ grant_type: 'client_credentials', client_id: qa.clientId, client_secret: qa.clientSecret }));
    expect(down.status).toBe(503);
    expect(harness.journal.entries({ provider: 'oneio' }).at(-1)).toMatchObject({ status: 503, answeredBy: expect.stringContaining('token-unavailable') });
  });

  it('keeps the admin API off the emulated hosts: /__admin on api.octorate.com is Octorate\'s own 404', async () => {
    const res = await proxied('https://api.octorate.com/__admin/clock');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('epochMs');
  });
});

/** An absolute-form request, as a client sends an http:// URL to its proxy. */
function absoluteForm(url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, method: init.method ?? 'GET', path: url, headers: { host: new URL(url).host, ...init.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.once('error', reject);
    req.end(init.body);
  });
}

describe('plain http:// through the proxy (absolute-form)', () => {
  it('answers an emulated host through the harness', async () => {
    const qa = harness.credentials('oneio', 'qa');
    const res = await absoluteForm('http://receiver-authz-test.service-flow.com/oauth2/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: qa.clientId, client_secret: qa.clientSecret }).toString(),
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toHaveProperty('access_token');
  });

  it('keeps the headers meant for the proxy from the emulated host, body intact', async () => {
    harness.journal.clear();
    const qa = harness.credentials('oneio', 'qa');
    const res = await absoluteForm('http://receiver-authz-test.service-flow.com/oauth2/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'proxy-authorization': 'Basic dXNlcjpwcm94eS1wYXNz', 'proxy-connection': 'keep-alive' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: qa.clientId, client_secret: qa.clientSecret }).toString(),
    });
    expect(res.status).toBe(200);
    const [entry] = harness.journal.entries({ surface: 'token' });
    expect(JSON.stringify(entry)).not.toMatch(/proxy-(authorization|connection)/i);
  });

  it('refuses any other host with 403, naming it and the emulated ones', async () => {
    const res = await absoluteForm('http://example.com/oauth2/token');
    expect(res.status).toBe(403);
    const body = JSON.parse(res.body) as { error: string; error_description: string };
    expect(body.error).toBe('host_not_emulated');
    expect(body.error_description).toContain('example.com:80');
    expect(body.error_description).toContain('api.octorate.com');
    expect(String(res.headers['proxy-status'])).toContain('error=http_request_denied');
  });

  it('refuses an emulated host on a port the real one does not answer on', async () => {
    const res = await absoluteForm('http://api.octorate.com:8080/connect/rest/v1/user/info');
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'port_not_emulated' });
  });
});

describe('CONNECT', () => {
  let bystander: Server;
  let bystanderHits = 0;
  beforeAll(async () => {
    bystander = createServer((_req, res) => res.end('reached'));
    bystander.on('connection', () => bystanderHits++);
    await new Promise<void>((resolve) => bystander.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => bystander.close(() => resolve())));

  it('refuses a host nobody emulates with 403 naming it and the emulated hosts, and connects nowhere', async () => {
    const port = (bystander.address() as { port: number }).port;
    for (const target of [`127.0.0.1:${port}`, `localhost:${port}`, 'example.com:443']) {
      const answer = await send(server.port, `CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
      expect(answer.text, target).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
      expect(answer.text).toContain(`"error":"host_not_emulated"`);
      expect(answer.text).toContain(`refused the CONNECT for ${target}`);
      expect(answer.text).toContain('Emulated hosts: receiver-authz-test.service-flow.com');
      expect(answer.closedByServer).toBe(true);
    }
    expect(bystanderHits).toBe(0);
  });

  it('refuses an emulated host on a port other than 443 and 80', async () => {
    const answer = await send(server.port, 'CONNECT api.octorate.com:8443 HTTP/1.1\r\nHost: api.octorate.com:8443\r\n\r\n');
    expect(answer.text).toMatch(/^HTTP\/1\.1 403 /);
    expect(answer.text).toContain('port_not_emulated');
  });

  it('without https, refuses CONNECT to an emulated host and says how to enable it; plain http:// still works', async () => {
    const plain = await startServer({ harness: createHarness({ seed: 8 }), port: 0 });
    try {
      const answer = await send(plain.port, 'CONNECT api.octorate.com:443 HTTP/1.1\r\nHost: api.octorate.com:443\r\n\r\n');
      expect(answer.text).toMatch(/^HTTP\/1\.1 403 /);
      expect(answer.text).toContain('only when started with --https');
      expect(plain.https).toBeUndefined();
      expect(plain.clientEnv).toEqual({ HTTP_PROXY: plain.url, http_proxy: plain.url });
      const viaProxy = await send(plain.port, 'GET http://api.octorate.com/connect/rest/v1/user/info HTTP/1.1\r\nHost: api.octorate.com\r\nConnection: close\r\n\r\n');
      expect(viaProxy.text).toMatch(/^HTTP\/1\.1 401 /);
    } finally {
      await plain.close();
    }
  });

  it('closes open tunnels when the server closes', async () => {
    const other = await startServer({ harness: createHarness({ seed: 9 }), port: 0, https: { caDir } });
    const pending = send(other.port, 'CONNECT api.octorate.com:443 HTTP/1.1\r\nHost: api.octorate.com:443\r\n\r\n', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await other.close();
    const answer = await pending;
    expect(answer.text).toMatch(/^HTTP\/1\.1 200 Connection Established\r\n\r\n$/);
    expect(answer.closedByServer).toBe(true);
  });
});
