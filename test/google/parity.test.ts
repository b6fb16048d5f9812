// Parity: the same Google requests through MSW (real https URLs) and through the HTTP server answer alike.
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import type { Harness } from '../../core/harness.ts';
import { createHarness } from '../../index.ts';
import { mswHandlers } from '../../mocks/handlers.ts';
import { approveAuthorization, connectionSettings } from '../../providers/google/public.ts';
import { startServer } from '../../server/serve.ts';
import { DIRECTORY_SCOPE, seedAuthenticateUrl } from './support.ts';

const HEADERS_THAT_MATTER = ['content-type', 'cache-control', 'pragma', 'www-authenticate', 'retry-after', 'allow'];
type Send = (hostPath: string, init?: RequestInit) => Promise<Response>;

interface Step {
  label: string;
  run(send: Send, h: Harness, state: Map<string, string>, base: string): Promise<Response>;
}

const form = (fields: Record<string, string>): RequestInit => ({ method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

const STEPS: Step[] = [
  { label: 'discovery', run: (send) => send('accounts.google.com/.well-known/openid-configuration') },
  { label: 'authorise, unknown client', run: (send) => send('accounts.google.com/o/oauth2/v2/auth?client_id=x&redirect_uri=https://a.test/&response_type=code&scope=email') },
  {
    label: 'seed manifest: exchange in the query string',
    run: async (send, h, state, base) => {
      const conn = connectionSettings(h);
      const location = await approveAuthorization(h, { url: seedAuthenticateUrl(conn, `${base}accounts.google.com`) });
      const code = new URL(location).searchParams.get('code')!;
      const redirect = conn.redirectUris[1]!;
      const res = await send(`oauth2.googleapis.com/token?client_id=${conn.clientId}&client_secret=${conn.clientSecret}&grant_type=authorization_code&redirect_uri=${redirect}&code=${code}`, { method: 'POST' });
      const body = (await res.clone().json()) as Record<string, string>;
      state.set('access', body['access_token']!).set('refresh', body['refresh_token']!).set('code', code);
      return res;
    },
  },
  { label: 'directory list', run: (send, _h, state) => send('admin.googleapis.com/admin/directory/v1/users?customer=my_customer&maxResults=2', { headers: { authorization: `Bearer ${state.get('access')}` } }) },
  { label: 'directory, no token', run: (send) => send('admin.googleapis.com/admin/directory/v1/users?customer=my_customer') },
  { label: 'userinfo, scope missing', run: (send, _h, state) => send('openidconnect.googleapis.com/v1/userinfo', { headers: { authorization: `Bearer ${state.get('access')}` } }) },
  {
    label: 'code reused',
    run: (send, h, state) => {
      const conn = connectionSettings(h);
      return send('oauth2.googleapis.com/token', form({ client_id: conn.clientId, client_secret: conn.clientSecret, grant_type: 'authorization_code', redirect_uri: conn.redirectUris[1]!, code: state.get('code')! }));
    },
  },
  { label: 'wrong secret', run: (send, h, state) => send('oauth2.googleapis.com/token', form({ client_id: connectionSettings(h).clientId, client_secret: 'GOCSPX-no', grant_type: 'refresh_token', refresh_token: state.get('refresh')! })) },
  {
    label: 'refresh, revoked scenario',
    run: (send, h, state) => {
      h.scenarios.apply('refresh-token-revoked', { times: 1 });
      const conn = connectionSettings(h);
      return send('oauth2.googleapis.com/token', form({ client_id: conn.clientId, client_secret: conn.clientSecret, grant_type: 'refresh_token', refresh_token: state.get('refresh')! }));
    },
  },
  {
    label: 'token endpoint down',
    run: (send) => send('oauth2.googleapis.com/token', form({ grant_type: 'refresh_token' })),
  },
  { label: 'unknown path', run: (send) => send('www.googleapis.com/oauth2/v9/certs') },
  { label: 'GET /token', run: (send) => send('oauth2.googleapis.com/token') },
];

async function record(send: Send, h: Harness, base: string) {
  const state = new Map<string, string>();
  const answers = [];
  for (const step of STEPS) {
    if (step.label === 'token endpoint down') h.scenarios.apply('token-endpoint-down', { times: 1, params: { retryAfter: 7 } });
    const res = await step.run(send, h, state, base);
    const local = base === 'https://' ? '' : base;
    // The local transport's links point at the local server; the rest must be the same byte for byte.
    const body = (await res.text()).replaceAll(local ? `${local}` : '\u0000', 'https://');
    answers.push({ label: step.label, status: res.status, headers: Object.fromEntries(HEADERS_THAT_MATTER.map((k) => [k, res.headers.get(k)])), body });
  }
  return answers;
}

const newHarness = () => createHarness({ seed: 77, clock: { frozen: true, start: Date.UTC(2026, 10, 24, 12) } });

describe('Google over MSW and over the HTTP server', () => {
  it('answers every step alike: status, headers that matter, body', async () => {
    const overHttp = newHarness();
    const server = await startServer({ harness: overHttp, port: 0 });
    const httpAnswers = await record((path, init) => fetch(`${server.url}/${path}`, init), overHttp, `${server.url}/`).finally(() => server.close());

    const overMsw = newHarness();
    const msw = setupServer(...mswHandlers(overMsw));
    msw.listen({ onUnhandledFrame: 'error' });
    const mswAnswers = await record((path, init) => fetch(`https://${path}`, init), overMsw, 'https://').finally(() => msw.close());

    for (const [i, answer] of mswAnswers.entries()) expect(answer, answer.label).toEqual(httpAnswers[i]);
    expect(new Set(mswAnswers.map((a) => a.status))).toEqual(new Set([200, 400, 401, 403, 404, 405, 503]));
    expect(mswAnswers.find((a) => a.label === 'discovery')!.body).toContain('"issuer":"https://accounts.google.com"');
  });
});
