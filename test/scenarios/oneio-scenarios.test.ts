// Every ONEiO scenario does what its name says, per harness instance, and switches off cleanly.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHarness } from '../../index.ts';
import { accessToken, ONEIO, receiverRequest, tokenRequest } from '../support/oneio.ts';

const HTTPS = 'https://';
const fresh = () => createHarness({ clock: { frozen: true, start: Date.UTC(2026, 0, 1) } });

afterEach(() => {
  vi.useRealTimers();
});

describe('ONEiO scenarios', () => {
  it('token-expired moves the clock past the token lifetime', async () => {
    const h = fresh();
    const token = await accessToken(h.fetch, HTTPS, ONEIO.qaToken, h.credentials('oneio', 'qa'));
    h.scenarios.apply('token-expired');
    expect((await h.fetch(receiverRequest(HTTPS, ONEIO.qaReceiver, token))).status).toBe(401);
    const next = await accessToken(h.fetch, HTTPS, ONEIO.qaToken, h.credentials('oneio', 'qa'));
    expect((await h.fetch(receiverRequest(HTTPS, ONEIO.qaReceiver, next))).status).toBe(200);
  });

  it('invalid-credentials refuses the right secret until cleared', async () => {
    const h = fresh();
    h.scenarios.apply('invalid-credentials');
    const refused = await h.fetch(tokenRequest(HTTPS, ONEIO.qaToken, h.credentials('oneio', 'qa')));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'invalid_client' });
    expect(h.journal.entries()[0]).toMatchObject({ answeredBy: 'invalid-credentials', error: 'invalid_client', status: 401 });
    h.scenarios.clear('invalid-credentials');
    expect((await h.fetch(tokenRequest(HTTPS, ONEIO.qaToken, h.credentials('oneio', 'qa')))).status).toBe(200);
  });

  it('rate-limited answers 429 with the seconds left, and lets requests through once they have passed', async () => {
    const h = fresh();
    h.scenarios.apply('rate-limited', { params: { retryAfter: 20 } });
    const send = () => h.fetch(tokenRequest(HTTPS, ONEIO.qaToken, h.credentials('oneio', 'qa')));
    const first = await send();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('20');
    h.clock.advance(15);
    expect((await send()).headers.get('retry-after')).toBe('5');
    h.clock.advance(5);
    expect((await send()).status).toBe(200);
  });

  it('receiver-unavailable answers 503 on the receiver only, and `times` bounds it', async () => {
    const h = fresh();
    const token = await accessToken(h.fetch, HTTPS, ONEIO.qaToken, h.credentials('oneio', 'qa'));
    h.scenarios.apply('receiver-unavailable', { times: 2 });
    expect((await h.fetch(tokenRequest(HTTPS, ONEIO.qaToken, h.credentials('oneio', 'qa')))).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await h.fetch(receiverRequest(HTTPS, ONEIO.qaReceiver, token, { i }))).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(h.inbox('oneio', 'qa').map((m) => m.body)).toEqual([{ i: 2 }]);
    expect(h.scenarios.active()).toEqual([]);
  });

  it('token-response-html answers 200 with an HTML page', async () => {
    const h = fresh();
    h.scenarios.apply('token-response-html');
    const res = await h.fetch(tokenRequest(HTTPS, ONEIO.qaToken, h.credentials('oneio', 'qa')));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toMatch(/^<!DOCTYPE html>/);
  });

  it('token-response-malformed answers JSON that does not parse', async () => {
    const h = fresh();
    h.scenarios.apply('token-response-malformed');
    const res = await h.fetch(tokenRequest(HTTPS, ONEIO.qaToken, h.credentials('oneio', 'qa')));
    await expect(res.json()).rejects.toThrow();
  });

  it('slow-token delays the answer on timer time, so fake timers skip the wait', async () => {
    vi.useFakeTimers();
    const h = createHarness();
    h.scenarios.apply('slow-token', { params: { delayMs: 60_000 } });
    let done = false;
    const pending = h.fetch(tokenRequest(HTTPS, ONEIO.qaToken, h.credentials('oneio', 'qa'))).then((r) => {
      done = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(59_000);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await pending).status).toBe(200);
  });

  it('is per harness: a scenario in one instance is invisible to another', async () => {
    const a = fresh();
    const b = fresh();
    a.scenarios.apply('token-unavailable');
    expect((await a.fetch(tokenRequest(HTTPS, ONEIO.qaToken, a.credentials('oneio', 'qa')))).status).toBe(503);
    expect((await b.fetch(tokenRequest(HTTPS, ONEIO.qaToken, b.credentials('oneio', 'qa')))).status).toBe(200);
  });

  it('refuses unknown scenarios and parameters with a clear message', () => {
    const h = fresh();
    expect(() => h.scenarios.apply('no-such-thing')).toThrow(/Unknown scenario "no-such-thing".*rate-limited/);
    expect(() => h.scenarios.apply('rate-limited', { params: { retryAfter: '10' } })).toThrow(/must be a number/);
    expect(() => h.scenarios.apply('rate-limited', { params: { seconds: 1 } })).toThrow(/no parameter "seconds"/);
  });

  it('reset clears scenarios, stores, journal, inbox and clock offset', async () => {
    const h = fresh();
    const start = h.clock.now();
    const token = await accessToken(h.fetch, HTTPS, ONEIO.qaToken, h.credentials('oneio', 'qa'));
    await h.fetch(receiverRequest(HTTPS, ONEIO.qaReceiver, token));
    h.scenarios.apply('token-expired');
    h.reset();
    expect(h.clock.now()).toBe(start);
    expect([h.scenarios.active(), h.journal.entries(), h.inbox('oneio', 'qa'), h.tokens.list()]).toEqual([[], [], [], []]);
    expect((await h.fetch(receiverRequest(HTTPS, ONEIO.qaReceiver, token))).status).toBe(401);
  });
});
