// Races over the HTTP server: one code redeemed by 100 clients at once, one refresh token used 100 times at once, concurrent deliveries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../index.ts';
import type { Harness } from '../core/harness.ts';
import { approveAuthorization, connectionSettings } from '../providers/octorate/index.ts';
import { startServer, type RunningServer } from '../server/serve.ts';
import { ONEIO, receiverRequest, tokenRequest } from './support/oneio.ts';

const N = 100;
const API = 'api.octorate.com/connect/rest/v1';
let servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function serve(harness: Harness): Promise<RunningServer> {
  const server = await startServer({ harness, port: 0 });
  servers.push(server);
  return server;
}

const form = (url: string, fields: Record<string, string>) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });

async function propertyGrant(harness: Harness) {
  const conn = connectionSettings(harness);
  const location = await approveAuthorization(harness, { clientId: conn.clientId, redirectUri: conn.redirectUri, state: 's' });
  return { conn, code: new URL(location).searchParams.get('code')! };
}

/** Runs one race and says what came back, in a form that must be the same on every run. */
async function redeemRace(): Promise<string[]> {
  const harness = createHarness({ seed: 21 });
  const server = await serve(harness);
  const { conn, code } = await propertyGrant(harness);
  const answers = await Promise.all(
    Array.from({ length: N }, () =>
      form(`${server.url}/${API}/identity/token`, { client_id: conn.clientId, client_secret: conn.clientSecret, redirect_uri: conn.redirectUri, grant_type: 'code', code }).then(
        async (r) => `${r.status} ${r.status === 200 ? 'token' : ((await r.json()) as { type: string }).type}`,
      ),
    ),
  );
  return answers.sort();
}

describe('one authorisation code, 100 redemptions at once', () => {
  it('gives exactly one token; every other gets Octorate\'s refusal; the same on every run', async () => {
    const first = await redeemRace();
    expect(first.filter((a) => a === '200 token')).toHaveLength(1);
    expect(new Set(first.filter((a) => a !== '200 token')).size).toBe(1);
    expect(first.find((a) => a !== '200 token')).toMatch(/^4\d\d /);
    for (let run = 0; run < 2; run++) expect(await redeemRace()).toEqual(first);
  }, 60_000);
});

async function refreshRace(quirks: object): Promise<{ statuses: number[]; refreshTokens: Set<string>; accessTokens: string[]; valid: number }> {
  const harness = createHarness({ seed: 22, quirks: { octorate: quirks } });
  const server = await serve(harness);
  const { conn, code } = await propertyGrant(harness);
  const first = (await (await form(`${server.url}/${API}/identity/token`, { client_id: conn.clientId, client_secret: conn.clientSecret, redirect_uri: conn.redirectUri, grant_type: 'code', code })).json()) as {
    refresh_token: string;
  };
  const answers = await Promise.all(
    Array.from({ length: N }, () =>
      form(`${server.url}/${API}/identity/refresh`, { client_id: conn.clientId, client_secret: conn.clientSecret, refresh_token: first.refresh_token }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { access_token?: string; refresh_token?: string },
      })),
    ),
  );
  const accessTokens = answers.flatMap((a) => (a.body.access_token ? [a.body.access_token] : []));
  let valid = 0;
  for (const token of accessTokens) {
    const res = await fetch(`${server.url}/${API}/user/info`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status === 200) valid++;
  }
  return { statuses: answers.map((a) => a.status).sort(), refreshTokens: new Set(answers.flatMap((a) => (a.body.refresh_token ? [a.body.refresh_token] : []))), accessTokens, valid };
}

describe('one refresh token, 100 refreshes at once', () => {
  it('by default (the token is kept, each refresh revokes the access tokens before it): 100 answers, one live access token, every run', async () => {
    for (let run = 0; run < 2; run++) {
      const race = await refreshRace({});
      expect(race.statuses).toEqual(Array(N).fill(200));
      expect(race.refreshTokens.size).toBe(1);
      expect(new Set(race.accessTokens).size).toBe(N);
      expect(race.valid).toBe(1);
    }
  }, 90_000);

  it('with rotateRefreshToken: exactly one refresh succeeds, the 99 others are refused, every run', async () => {
    for (let run = 0; run < 2; run++) {
      const race = await refreshRace({ rotateRefreshToken: true });
      expect(race.statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(race.statuses.filter((s) => s !== 200).every((s) => s === race.statuses.at(-1))).toBe(true);
      expect(race.statuses.at(-1)).toBeGreaterThanOrEqual(400);
      expect(race.valid).toBe(1);
    }
  }, 90_000);
});

describe('concurrent receiver deliveries', () => {
  const harness = createHarness({ seed: 23 });
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve(harness);
  });

  it('the inbox holds exactly the accepted messages', async () => {
    const token = ((await (await fetch(tokenRequest(`${server.url}/`, ONEIO.qaToken, harness.credentials('oneio', 'qa')))).json()) as { access_token: string }).access_token;
    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) => {
        // Every third one is refused: a bad token, or a body that is not JSON.
        const request = i % 3 === 1 ? receiverRequest(`${server.url}/`, ONEIO.qaReceiver, `${token}x`, { id: `m${i}` }) : receiverRequest(`${server.url}/`, ONEIO.qaReceiver, token, { id: `m${i}` });
        const sent = i % 3 === 2 ? new Request(request, { body: `{"id": "m${i}"` }) : request;
        return fetch(sent).then((r) => ({ i, status: r.status }));
      }),
    );
    const accepted = answers.filter((a) => a.status === 200).map((a) => `m${a.i}`);
    expect(accepted.length).toBe(Math.ceil(N / 3));
    const inbox = harness.inbox('oneio', 'qa') as unknown as Array<{ body: { id: string } }> | { messages: Array<{ body: { id: string } }> };
    const messages = Array.isArray(inbox) ? inbox : inbox.messages;
    expect(messages.map((m) => m.body.id).sort()).toEqual(accepted.sort());
  }, 60_000);
});
