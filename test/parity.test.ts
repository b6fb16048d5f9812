// Parity: the same requests through MSW (real https URLs) and through the HTTP server answer alike.
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import type { Harness } from '../core/harness.ts';
import { createHarness } from '../index.ts';
import { mswHandlers } from '../mocks/handlers.ts';
import { startServer } from '../server/serve.ts';
import { ONEIO } from './support/oneio.ts';

const HEADERS_THAT_MATTER = ['content-type', 'cache-control', 'pragma', 'www-authenticate', 'retry-after', 'allow'];

interface Step {
  label: string;
  run(send: (path: string, init?: RequestInit) => Promise<Response>, harness: Harness, state: Map<string, string>): Promise<Response>;
}

const form = (h: Harness, env: 'qa' | 'prod', extra: Record<string, string> = {}) => {
  const c = h.credentials('oneio', env);
  return new URLSearchParams({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret, ...extra });
};
const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded' };
const deliver = (token: string, body: string, type = 'application/json'): RequestInit => ({
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': type },
  body,
});

const STEPS: Step[] = [
  {
    label: 'token, QA',
    run: async (send, h, state) => {
      const res = await send(ONEIO.qaToken, { method: 'POST', headers: FORM_HEADERS, body: form(h, 'qa') });
      state.set('qa', ((await res.clone().json()) as { access_token: string }).access_token);
      return res;
    },
  },
  { label: 'token, JSON body', run: (send, h) => send(ONEIO.qaToken, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(Object.fromEntries(form(h, 'qa'))) }) },
  { label: 'token, unknown field', run: (send, h) => send(ONEIO.qaToken, { method: 'POST', headers: FORM_HEADERS, body: form(h, 'qa', { scope: 'x' }) }) },
  { label: 'token, wrong secret', run: (send, h) => send(ONEIO.qaToken, { method: 'POST', headers: FORM_HEADERS, body: form(h, 'qa', { client_secret: 'wrong' }) }) },
  { label: 'token, GET', run: (send) => send(ONEIO.qaToken) },
  { label: 'receiver, good', run: (send, _h, s) => send(ONEIO.qaReceiver, deliver(s.get('qa')!, '{"id":"123456789"}')) },
  { label: 'receiver, not JSON', run: (send, _h, s) => send(ONEIO.qaReceiver, deliver(s.get('qa')!, 'id=1')) },
  { label: 'receiver, text/plain', run: (send, _h, s) => send(ONEIO.qaReceiver, deliver(s.get('qa')!, '{}', 'text/plain')) },
  { label: 'receiver, no token', run: (send) => send(ONEIO.qaReceiver, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }) },
  { label: 'receiver, PROD with QA token', run: (send, _h, s) => send(ONEIO.prodReceiver, deliver(s.get('qa')!, '{}')) },
  { label: 'unknown path', run: (send) => send('rest-receiver.service-flow.com/api/v3') },
  {
    label: 'receiver, after 3600 s',
    run: (send, h, s) => {
      h.clock.advance(3600);
      return send(ONEIO.qaReceiver, deliver(s.get('qa')!, '{}'));
    },
  },
  {
    label: 'rate-limited',
    run: (send, h) => {
      h.scenarios.apply('rate-limited', { params: { retryAfter: 12 } });
      return send(ONEIO.qaToken, { method: 'POST', headers: FORM_HEADERS, body: form(h, 'qa') });
    },
  },
  {
    label: 'token-response-html',
    run: (send, h) => {
      h.scenarios.clear();
      h.scenarios.apply('token-response-html');
      return send(ONEIO.qaToken, { method: 'POST', headers: FORM_HEADERS, body: form(h, 'qa') });
    },
  },
];

interface Answer {
  label: string;
  status: number;
  headers: Record<string, string | null>;
  body: string;
}

async function record(send: (path: string, init?: RequestInit) => Promise<Response>, harness: Harness): Promise<Answer[]> {
  const state = new Map<string, string>();
  const answers: Answer[] = [];
  for (const step of STEPS) {
    const res = await step.run(send, harness, state);
    answers.push({
      label: step.label,
      status: res.status,
      headers: Object.fromEntries(HEADERS_THAT_MATTER.map((h) => [h, res.headers.get(h)])),
      body: await res.text(),
    });
  }
  return answers;
}

const newHarness = () => createHarness({ seed: 42, clock: { frozen: true, start: Date.UTC(2026, 10, 24, 12) } });

describe('MSW and HTTP server parity', () => {
  it('answers every step alike: status, headers that matter, body', async () => {
    const overHttp = newHarness();
    const server = await startServer({ harness: overHttp, port: 0 });
    const httpAnswers = await record((path, init) => fetch(`${server.url}/${path}`, init), overHttp).finally(() => server.close());

    const overMsw = newHarness();
    const msw = setupServer(...mswHandlers(overMsw));
    msw.listen({ onUnhandledFrame: 'error' });
    const mswAnswers = await record((path, init) => fetch(`https://${path}`, init), overMsw).finally(() => msw.close());

    expect(mswAnswers).toHaveLength(STEPS.length);
    for (const [i, answer] of mswAnswers.entries()) expect(answer, answer.label).toEqual(httpAnswers[i]);
    // The sequence really exercised success and failure on both sides.
    expect(new Set(mswAnswers.map((a) => a.status))).toEqual(new Set([200, 400, 401, 404, 405, 415, 429]));
    // Header fingerprints use a per-harness key, so compare the messages without them.
    const withoutHeaders = (h: Harness) => h.inbox('oneio', 'qa').map(({ headers: _h, ...rest }) => rest);
    expect(withoutHeaders(overMsw)).toEqual(withoutHeaders(overHttp));
    expect(overMsw.inbox('oneio', 'qa')[0]!.headers.host).toBe(overHttp.inbox('oneio', 'qa')[0]!.headers.host);
  });

  it('also serves a request addressed by Host header, like the prefix form', async () => {
    const h = newHarness();
    const server = await startServer({ harness: h, port: 0 });
    try {
      const http = await import('node:http');
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port: server.port, path: '/oauth2/token', method: 'POST', headers: { host: 'receiver-authz-test.service-flow.com', ...FORM_HEADERS } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(form(h, 'qa').toString());
      });
      expect(status).toBe(200);
      expect(h.journal.entries()[0]).toMatchObject({ host: 'receiver-authz-test.service-flow.com', url: 'https://receiver-authz-test.service-flow.com/oauth2/token' });
    } finally {
      await server.close();
    }
  });
});
