// The engine with a minimal provider: errors pass through one renderer, unknown failures never leak, hosts route.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { DoubleError } from '../../core/errors.ts';
import { createHarness } from '../../core/harness.ts';
import { defineProvider, type HarnessEnv } from '../../core/provider.ts';

const toy = defineProvider({
  id: 'toy',
  title: 'Toy',
  hosts: [{ host: 'api.toy.test', environment: 'live', surface: 'api', entryPath: '/' }],
  quirks: {},
  scenarios: [],
  testClients: (random) => [{ provider: 'toy', environment: 'live', clientId: random.string.alphanumeric(8), clientSecret: 'x' }],
  createApp: () =>
    new Hono<HarnessEnv>()
      .get('/typed', () => {
        throw new DoubleError('access_denied', 'No.', { providerType: 'Nope' });
      })
      .get('/crash', () => {
        throw new TypeError('secret internals');
      })
      .get('/where', (c) => c.json({ realUrl: c.get('realUrl'), localBase: c.get('localBase') })),
  renderError: (error) => Response.json({ kind: error.details.providerType ?? error.code, says: error.description }, { status: error.code === 'server_error' ? 500 : 418 }),
});

describe('harness engine', () => {
  it('renders typed errors through the provider\'s one renderer', async () => {
    const h = createHarness({ providers: [toy] });
    const res = await h.fetch(new Request('https://api.toy.test/typed'));
    expect(res.status).toBe(418);
    expect(await res.json()).toEqual({ kind: 'Nope', says: 'No.' });
  });

  it('turns an unexpected failure into the provider\'s server_error, without its message', async () => {
    const h = createHarness({ providers: [toy] });
    const res = await h.fetch(new Request('https://api.toy.test/crash'));
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ kind: 'server_error' });
    expect(body).not.toContain('secret internals');
    expect(h.journal.entries()[0]).toMatchObject({ status: 500, error: 'server_error' });
  });

  it('routes the real URL and the local prefix to the same route, and tells the route which one', async () => {
    const h = createHarness({ providers: [toy] });
    const direct = await (await h.fetch(new Request('https://api.toy.test/where?x=1'))).json();
    const prefixed = await (await h.fetch(new Request('http://127.0.0.1:4010/api.toy.test/where?x=1'))).json();
    expect(direct).toEqual({ realUrl: 'https://api.toy.test/where?x=1', localBase: '' });
    expect(prefixed).toEqual({ realUrl: 'https://api.toy.test/where?x=1', localBase: '/api.toy.test' });
  });

  it('answers unknown hosts with a JSON 404 that lists the known ones, and unknown paths in the provider format', async () => {
    const h = createHarness({ providers: [toy] });
    const unknown = await h.fetch(new Request('https://elsewhere.test/'));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'unknown_host' });
    const missing = await h.fetch(new Request('https://api.toy.test/missing'));
    expect(await missing.json()).toMatchObject({ kind: 'not_found' });
  });

  it('derives test clients from the seed and the provider id only', () => {
    const a = createHarness({ providers: [toy], seed: 3 });
    const b = createHarness({ providers: [toy], seed: 3 });
    expect(a.credentials('toy', 'live').clientId).toBe(b.credentials('toy', 'live').clientId);
    expect(createHarness({ providers: [toy], seed: 4 }).credentials('toy', 'live').clientId).not.toBe(a.credentials('toy', 'live').clientId);
  });
});

