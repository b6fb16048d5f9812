// Parity for Ochno: the same requests through MSW (real https URLs) and through the HTTP server answer alike, both environments.
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import type { Harness } from '../../core/harness.ts';
import { createHarness } from '../../index.ts';
import { mswHandlers } from '../../mocks/handlers.ts';
import { startServer } from '../../server/serve.ts';
import { FORM } from './support.ts';

const HEADERS_THAT_MATTER = ['content-type', 'cache-control', 'pragma', 'www-authenticate', 'retry-after', 'allow', 'location'];
type Send = (path: string, init?: RequestInit) => Promise<Response>;

const cc = (h: Harness, env: 'production' | 'stage', extra: Record<string, string> = {}): RequestInit => {
  const c = h.credentials('ochno', env);
  return { method: 'POST', headers: { 'content-type': FORM }, body: new URLSearchParams({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret, scope: 'hubs:read hubs:write accounts:read', ...extra }) };
};
const bearer = (token: string, init: RequestInit = {}): RequestInit => ({ ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });

async function record(send: Send, h: Harness) {
  const answers: Array<{ label: string; status: number; headers: Record<string, string | null>; body: string }> = [];
  const step = async (label: string, res: Response) => {
    const body = await res.clone().text();
    answers.push({ label, status: res.status, headers: Object.fromEntries(HEADERS_THAT_MATTER.map((k) => [k, res.headers.get(k)])), body: body.replace(/"(access|refresh)_token":"\w+"/g, '"$1_token":"…"') });
    return res;
  };
  const P = 'operated.ochno.com';
  const S = 'stage.ochno.com';
  const t = (await (await step('token', await send(`${P}/identity/oauth/v2/token`, cc(h, 'production')))).json()) as { access_token: string; refresh_token: string };
  await step('token, comma scope', await send(`${P}/identity/oauth/v2/token`, cc(h, 'production', { scope: 'hubs:read,hubs:write' })));
  await step('token, stage credentials on production', await send(`${P}/identity/oauth/v2/token`, cc(h, 'stage')));
  await step('token, GET', await send(`${P}/identity/oauth/v2/token`));
  const hubs = (await (await step('hubs', await send(`${P}/api/hubs/v1`, bearer(t.access_token)))).json()) as Array<{ id: string }>;
  await step('hub state', await send(`${P}/api/hubs/v1/${hubs[0]!.id}/state`, bearer(t.access_token, { method: 'PUT', body: '{"activeport":0}' })));
  await step('hub state, port 9', await send(`${P}/api/hubs/v1/${hubs[0]!.id}/state`, bearer(t.access_token, { method: 'PUT', body: '{"activeport":9}' })));
  await step('hubs on stage with a production token', await send(`${S}/api/hubs/v1`, bearer(t.access_token)));
  await step('hubs, no token', await send(`${P}/api/hubs/v1`));
  await step('subscribe, ftp URL', await send(`${P}/subscriptions/v1/`, bearer(t.access_token, { method: 'POST', body: '{"event":["hub:temp"],"webhookUrl":"ftp://x/","verificationToken":"v"}' })));
  const c = h.credentials('ochno', 'production');
  const authorize = `${P}/identity/oauth/v2/authorize?${new URLSearchParams({ client_id: c.clientId, redirect_uri: c.redirectUris[0]!, state: 's', scope: 'sub', response_type: 'code' })}`;
  await step('authorize without PKCE', await send(authorize));
  await step('authorize, unknown client', await send(`${P}/identity/oauth/v2/authorize?client_id=nobody`));
  await step('refresh without redirect_uri', await send(`${P}/identity/oauth/v2/token`, { method: 'POST', headers: { 'content-type': FORM }, body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: t.refresh_token, client_id: c.clientId, client_secret: c.clientSecret }) }));
  return answers;
}

const newHarness = () => createHarness({ seed: 42, clock: { frozen: true, start: Date.UTC(2026, 10, 24, 12) } });

describe('Ochno: MSW and HTTP server parity', () => {
  it('answers every step alike: status, headers that matter, body', async () => {
    const overHttp = newHarness();
    const server = await startServer({ harness: overHttp, port: 0 });
    const httpAnswers = await record((path, init) => fetch(`${server.url}/${path}`, { ...init, redirect: 'manual' }), overHttp).finally(() => server.close());
    const overMsw = newHarness();
    const msw = setupServer(...mswHandlers(overMsw));
    msw.listen({ onUnhandledFrame: 'error' });
    const mswAnswers = await record((path, init) => fetch(`https://${path}`, { ...init, redirect: 'manual' }), overMsw).finally(() => msw.close());
    expect(mswAnswers.map((a) => a.label)).toEqual(httpAnswers.map((a) => a.label));
    for (const [i, answer] of mswAnswers.entries()) expect(answer, answer.label).toEqual(httpAnswers[i]);
    expect(new Set(mswAnswers.map((a) => a.status))).toEqual(new Set([200, 302, 400, 401, 405]));
  });

  it('serves operated.ochno.com by Host header too', async () => {
    const h = newHarness();
    const server = await startServer({ harness: h, port: 0 });
    try {
      const http = await import('node:http');
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port: server.port, path: '/identity/oauth/v2/token', method: 'POST', headers: { host: 'operated.ochno.com', 'content-type': FORM } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(String(cc(h, 'production').body));
      });
      expect(status).toBe(200);
      expect(h.journal.entries()[0]).toMatchObject({ host: 'operated.ochno.com', environment: 'production' });
    } finally {
      await server.close();
    }
  });
});
