// Slow clients are dropped within seconds; slow answers the scenarios make on purpose are not cut short.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { ONEIO, tokenRequest } from '../support/oneio.ts';

/** Writes `head` and then nothing more; resolves with what the server said and how long it kept the connection. */
function stall(port: number, head: string): Promise<{ ms: number; answer: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    socket.on('data', (d) => (answer += d.toString()));
    socket.on('close', () => resolve({ ms: performance.now() - started, answer }));
    socket.on('error', () => undefined);
    setTimeout(() => {
      socket.destroy();
      reject(new Error('the server kept a stalled client for 30 s'));
    }, 30_000).unref();
  });
}

describe('server timeouts (defaults)', () => {
  const harness = createHarness();
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ harness, port: 0 });
  });
  afterAll(() => server.close());

  it('drops a client that never finishes its headers within seconds (default 5 s), with 408', async () => {
    const { ms, answer } = await stall(server.port, 'GET /__admin/clock HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    expect(ms).toBeLessThan(12_000);
    expect(answer).toContain('408');
  }, 35_000);
});

describe('server timeouts (configured)', () => {
  const harness = createHarness();
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ harness, port: 0, headersTimeoutMs: 1_000, requestTimeoutMs: 1_500 });
  });
  afterAll(() => server.close());

  it('drops a client whose body never arrives in full', async () => {
    const { ms } = await stall(
      server.port,
      `POST /${ONEIO.qaToken} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ngrant_type=`,
    );
    expect(ms).toBeLessThan(8_000);
    expect(harness.journal.entries({ surface: 'token' }).filter((e) => e.status === 200)).toEqual([]);
  }, 35_000);

  it('lets a slow scenario answer after longer than the request timeout', async () => {
    harness.scenarios.apply('slow-token', { provider: 'oneio', params: { delayMs: 3_000 } });
    const res = await fetch(tokenRequest(`${server.url}/`, ONEIO.qaToken, harness.credentials('oneio', 'qa')));
    expect(res.status).toBe(200);
    harness.scenarios.clear();
  }, 35_000);
});
