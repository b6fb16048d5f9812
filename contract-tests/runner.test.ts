// The runner's time and safety: the client's clock and sleeps are virtual under both transports, loops and stalls are stopped, globals come back.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { setTimeout as wait } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OneioClient } from './oneio/reference-client.ts';
import { oneioSettings, type OneioSettings } from './oneio/settings.ts';
import { createSession, runSuite } from './runner.ts';
import { defineSuite, type CheckContext, type CheckLimits, type ClientAdapter, type Outcome, type Transport } from './types.ts';

interface Probe {
  go(): Promise<unknown>;
}
type ProbeContext = CheckContext<OneioSettings, Probe>;

interface Seen {
  outcome: Outcome;
  elapsedMs: number;
  now: number;
  inbox: number;
}

/** A one-check suite: `before` sets the scene, then the client's `go` runs under the runner; what came of it is returned. */
async function probe(
  transport: Transport,
  go: (settings: OneioSettings) => Promise<unknown>,
  options: { before?: (t: ProbeContext) => void; limits?: Partial<CheckLimits> } = {},
) {
  const seen: Seen[] = [];
  const suite = defineSuite<OneioSettings, Probe>({
    provider: 'oneio',
    title: 'probe',
    settings: oneioSettings,
    checks: [
      {
        id: 'probe.go',
        title: 'runs the probe',
        rule: '-',
        limits: options.limits,
        async run(t) {
          options.before?.(t);
          const outcome = await t.run((client) => client.go());
          seen.push({ outcome, elapsedMs: t.elapsedMs(), now: Date.now(), inbox: t.harness.inbox('oneio', 'qa').length });
        },
      },
    ],
  });
  const adapter: ClientAdapter<OneioSettings, Probe> = { name: 'probe', create: (settings) => ({ go: () => go(settings) }) };
  const started = performance.now();
  const report = await runSuite(suite, adapter, { transport });
  return { report, seen: seen[0]!, realMs: performance.now() - started };
}

const client = (s: OneioSettings) => new OneioClient({ tokenUrl: s.tokenUrl, receiverUrl: s.receiverUrl, clientId: s.clientId, clientSecret: s.clientSecret });

/** POST with node:http / node:https (not fetch): the runner sees such a request only when it reaches the provider. */
function nodePost(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe.each(['msw', 'http'] as const)('virtual time under the %s transport', (transport) => {
  it('an hour of setTimeout passes at once, and Date.now and the provider agree that it did', async () => {
    const { seen, realMs } = await probe(transport, async (s) => {
      const before = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 3600_000));
      const slept = Date.now() - before;
      await client(s).deliver({ slept });
      return slept;
    });
    expect(seen.outcome).toEqual({ kind: 'resolved', value: 3600_000 });
    expect(seen.elapsedMs).toBe(3600_000);
    expect(seen.inbox).toBe(1);
    expect(realMs).toBeLessThan(3000);
  });

  it('sleeps through an ESM import of node:timers/promises are virtual too', async () => {
    const { seen, realMs } = await probe(transport, async () => {
      await wait(90_000);
      return Date.now();
    });
    expect(seen.elapsedMs).toBe(90_000);
    expect(realMs).toBeLessThan(3000);
  });

  it('time moves while the provider itself waits on a timer: a 2 s slow token endpoint beats a 5 s client time-out and loses to a 1 s one', async () => {
    const withTimeout = (ms: number) => async (s: OneioSettings) => {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(new Error(`timed out after ${ms} ms`)), ms);
      try {
        const res = await fetch(s.tokenUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'client_credentials', client_id: s.clientId, client_secret: s.clientSecret }),
          signal: abort.signal,
        });
        return res.status;
      } finally {
        clearTimeout(timer);
      }
    };
    const slow = (t: ProbeContext) => t.harness.scenarios.apply('slow-token', { provider: 'oneio', params: { delayMs: 2000 } });
    const patient = await probe(transport, withTimeout(5000), { before: slow });
    expect(patient.seen.outcome).toEqual({ kind: 'resolved', value: 200 });
    expect(patient.seen.elapsedMs).toBe(2000);
    const hasty = await probe(transport, withTimeout(1000), { before: slow });
    expect(hasty.seen.outcome).toMatchObject({ kind: 'rejected', message: expect.stringContaining('timed out after 1000 ms') });
    expect(hasty.seen.elapsedMs).toBe(1000);
  });

  it('a client on node:http waits out Retry-After in virtual time', async () => {
    const { seen, realMs } = await probe(
      transport,
      async (s) => {
        const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: s.clientId, client_secret: s.clientSecret }).toString();
        const token = JSON.parse((await nodePost(s.tokenUrl, { 'content-type': 'application/x-www-form-urlencoded' }, form)).body) as { access_token: string };
        const headers = { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' };
        for (;;) {
          const res = await nodePost(s.receiverUrl, headers, '{"id":"1"}');
          if (res.status !== 429) return res.status;
          await new Promise((resolve) => setTimeout(resolve, Number(res.headers['retry-after']) * 1000));
        }
      },
      { before: (t) => t.harness.scenarios.apply('rate-limited', { provider: 'oneio', surfaces: ['receiver'], params: { retryAfter: 45 } }) },
    );
    expect(seen.outcome).toEqual({ kind: 'resolved', value: 200 });
    expect(seen.elapsedMs).toBe(45_000);
    expect(realMs).toBeLessThan(3000);
  });

  it('a looping client is stopped at the request limit, and the next check runs normally', async () => {
    const loop = async (s: OneioSettings) => {
      for (;;) await fetch(s.receiverUrl, { method: 'POST', body: '{}' }).then((r) => r.text());
    };
    const { report, seen } = await probe(transport, loop, { limits: { requests: 25 } });
    expect(seen.outcome).toMatchObject({ kind: 'stopped', reason: 'request-limit', message: 'stopped by the runner after 25 requests in one check' });
    expect(report.results[0]).toMatchObject({ status: 'failed', requests: 25 });
    expect(report.results[0]!.findings[0]!.message).toBe('the client was stopped by the runner after 25 requests in one check: it kept sending requests');
    const after = await probe(transport, (s) => client(s).deliver({ id: 'after' }));
    expect(after.seen.outcome.kind).toBe('resolved');
    expect(after.seen.inbox).toBe(1);
  });

  it('a client that waits on nothing is reported as stalled instead of hanging the suite', async () => {
    const { seen } = await probe(transport, () => new Promise(() => undefined), { limits: { stallMs: 300 } });
    expect(seen.outcome).toMatchObject({ kind: 'stopped', reason: 'stalled' });
  });
});

describe('the runner', () => {
  it('gives back the real Date, timers and fetch after every check', async () => {
    const before = { Date, setTimeout, setInterval, fetch: globalThis.fetch };
    await probe('msw', (s) => client(s).deliver({ id: 1 }));
    await probe('http', (s) => client(s).deliver({ id: 1 }));
    expect({ Date, setTimeout, setInterval, fetch: globalThis.fetch }).toEqual(before);
    expect(Math.abs(Date.now() - new Date().getTime())).toBeLessThan(1000);
    expect(Math.abs(Date.now() - performance.timeOrigin - performance.now())).toBeLessThan(1000);
  });

  it('reports a timer callback that throws: outside the suite it would crash the process', async () => {
    const { report } = await probe('msw', async () => {
      setTimeout(() => {
        throw new Error('boom in a timer');
      }, 10);
      await wait(20);
    });
    expect(report.results[0]!.status).toBe('failed');
    expect(report.results[0]!.findings[0]!.message).toMatch(/a timer callback of the client threw Error: boom in a timer/);
  });

  it('refuses to run under vitest fake timers, with the way out', async () => {
    vi.useFakeTimers();
    const { report } = await probe('msw', async () => 1);
    vi.useRealTimers();
    expect(report.results[0]!.findings[0]!.message).toMatch(/Fake timers are already installed .* call vi\.useRealTimers\(\)/);
  });

  it('skips a check whose prerequisite failed and names it', async () => {
    const suite = defineSuite<OneioSettings, Probe>({
      provider: 'oneio',
      title: 'probe',
      settings: oneioSettings,
      checks: [
        { id: 'p.first', title: 'fails', rule: '-', run: async (t) => t.fail('it failed') },
        { id: 'p.second', title: 'needs first', rule: '-', requires: ['p.first'], run: async () => undefined },
      ],
    });
    const session = createSession(suite, { name: 'x', create: () => ({ go: async () => 1 }) });
    await session.run(suite.checks[0]!);
    const second = await session.run(suite.checks[1]!);
    await session.close();
    expect(second).toMatchObject({ status: 'blocked', blockedBy: ['p.first'] });
  });
});
