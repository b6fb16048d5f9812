// No request escapes the MSW transport to the network, whatever its framing and whichever client sends it.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { request as importedRequest } from 'node:https';
import net from 'node:net';
import { Readable } from 'node:stream';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupDoubles } from '../../mocks/index.ts';

// Below everything (installed before the doubles listen): records what would really leave the process.
const reached: string[] = [];
const realConnect = net.Socket.prototype.connect;
const realLookup = dns.lookup;
const doubles = setupDoubles({ seed: 4 });
const HOST = 'receiver-authz-test.service-flow.com';
const URL_HTTPS = `https://${HOST}/oauth2/token`;

beforeAll(() => {
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const options = (Array.isArray(args[0]) ? args[0][0] : args[0]) as { host?: string; lookup?: { name?: string } } | undefined;
    if (options && typeof options === 'object' && options.lookup?.name !== 'mockLookup' && options.host && !/^(127\.|::1|localhost)/.test(options.host)) reached.push(`connect ${options.host}`);
    return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof realConnect;
  dns.lookup = function (this: unknown, host: string, ...rest: unknown[]) {
    reached.push(`dns ${host}`);
    return (realLookup as (...a: unknown[]) => unknown).call(this, host, ...rest);
  } as typeof realLookup;
  doubles.listen();
});
afterAll(() => {
  doubles.close();
  net.Socket.prototype.connect = realConnect;
  dns.lookup = realLookup;
});

const form = (id: string) => `grant_type=client_credentials&client_id=${id}&client_secret=wrong`;
/** Counts characters, not UTF-8 bytes: announces fewer bytes than it sends. */
const NON_ASCII = form('clïent-é');
type Outcome = { status?: number; text?: string; error?: string; ms: number };

function nodeRequest(send: typeof https.request, url: string, body: string | Readable, length?: number): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (length !== undefined) headers['content-length'] = String(length);
    const req = send(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode, text, ms: performance.now() - started }));
    });
    req.on('error', (e) => resolve({ error: `${(e as NodeJS.ErrnoException).code} ${e.message}`, ms: performance.now() - started }));
    if (typeof body === 'string') req.end(body);
    else body.pipe(req);
  });
}

/**
 * An answer in the provider's shape, or an error that names the cause; never a DNS failure or a hang.
 * `hangUp`: MSW closes a plain-http socket it gave up parsing without passing on the guard's error.
 */
function expectContained(outcome: Outcome, hangUp = false): void {
  expect(outcome.ms).toBeLessThan(15_000);
  if (outcome.error !== undefined) {
    expect(outcome.error).not.toMatch(/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo/);
    expect(outcome.error).toMatch(hangUp ? /oauth-doubles|socket hang up/ : /oauth-doubles|Content-Length|content-length|mismatch|MSW/i);
  } else {
    expect(outcome.status).toBeGreaterThanOrEqual(400);
    expect(JSON.parse(outcome.text!)).toHaveProperty('error');
  }
  expect(reached).toEqual([]);
}

const chunks = () => Readable.from([Buffer.from('grant_type=client_credentials&'), Buffer.from('client_id=x&client_secret=y')]);

describe.each([
  ['https.request', https.request],
  ["import { request } from 'node:https'", importedRequest],
])('%s', (_name, send) => {
  it('short Content-Length (characters counted, not bytes)', async () => expectContained(await nodeRequest(send, URL_HTTPS, NON_ASCII, NON_ASCII.length)), 30_000);
  it('long Content-Length (fewer bytes than announced)', async () => expectContained(await nodeRequest(send, URL_HTTPS, form('x'), 500)), 30_000);
  it('chunked', async () => expectContained(await nodeRequest(send, URL_HTTPS, chunks())), 30_000);
});

describe('node:http (plain http to an emulated host)', () => {
  for (const [framing, body, length] of [['short', NON_ASCII, NON_ASCII.length], ['long', form('x'), 500], ['chunked', undefined, undefined]] as const) {
    it(framing, async () => expectContained(await nodeRequest(http.request, `http://${HOST}/oauth2/token`, body ?? chunks(), length), framing === 'short'), 30_000);
  }
});

describe('a refusal the client only sees as "socket hang up"', () => {
  it('is printed with its cause, once per host', async () => {
    // A harness of its own, so the host has not been warned about yet.
    reached.length = 0;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    doubles.close();
    const own = setupDoubles({ seed: 5 });
    own.listen();
    try {
      for (let i = 0; i < 2; i++) expectContained(await nodeRequest(http.request, `http://${HOST}/oauth2/token`, NON_ASCII, NON_ASCII.length), true);
      const printed = warn.mock.calls.map((call) => String(call[0])).filter((m) => m.startsWith('oauth-doubles:'));
      expect(printed).toHaveLength(1);
      expect(printed[0]).toMatch(/escaped the MSW transport.*Content-Length that does not match the body/);
    } finally {
      own.close();
      warn.mockRestore();
      doubles.listen();
    }
  }, 30_000);
});

describe('fetch', () => {
  it('short and long Content-Length headers, and a streamed (chunked) body', async () => {
    for (const length of [NON_ASCII.length, 500]) {
      const started = performance.now();
      const outcome = await fetch(URL_HTTPS, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(length) }, body: NON_ASCII }).then(
        async (r) => ({ status: r.status, text: await r.text(), ms: performance.now() - started }),
        (e: Error) => ({ error: `${e.message} ${String((e.cause as Error | undefined)?.message ?? '')}`, ms: performance.now() - started }),
      );
      expectContained(outcome);
    }
    const stream = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(form('x'))), c.close()) });
    const res = await fetch(URL_HTTPS, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: stream, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(401);
    expect(reached).toEqual([]);
  }, 40_000);
});

describe('axios', () => {
  it.each([
    ['short', NON_ASCII, NON_ASCII.length],
    ['long', form('x'), 500],
    ['chunked', undefined, undefined],
  ] as const)('%s', async (_framing, body, length) => {
    const started = performance.now();
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (length !== undefined) headers['content-length'] = String(length);
    const outcome = await axios.post(URL_HTTPS, body ?? chunks(), { headers, validateStatus: () => true, maxRedirects: 0 }).then(
      (r) => ({ status: r.status, text: JSON.stringify(r.data), ms: performance.now() - started }),
      (e: Error & { code?: string }) => ({ error: `${e.code} ${e.message}`, ms: performance.now() - started }),
    );
    expectContained(outcome);
  }, 30_000);
});

describe('the guard', () => {
  it('reports what it refused, and a well-formed request is answered as before', async () => {
    expect(doubles.escapes.every((e) => e.host === HOST)).toBe(true);
    const qa = doubles.credentials('oneio', 'qa');
    const res = await fetch(URL_HTTPS, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'client_credentials', client_id: qa.clientId, client_secret: qa.clientSecret }) });
    expect(res.status).toBe(200);
  });

  it("refuses connections to other hosts under onUnhandledFrame 'error', naming the option", async () => {
    const outcome = await nodeRequest(https.request, 'https://example.com/x', NON_ASCII, NON_ASCII.length);
    expect(outcome.error).toContain('EDOUBLESNETWORK');
    expect(reached).toEqual([]);
  }, 30_000);
});
