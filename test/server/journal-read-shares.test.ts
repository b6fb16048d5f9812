// A read of a full journal shares the server: another request is answered while a page is still being built, with 20,000 clients registered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';

const TOKEN_URL = '/receiver-authz-test.service-flow.com/oauth2/token';
const harness = createHarness({ seed: 21 });
const qa = harness.credentials('oneio', 'qa');
let server: RunningServer;

const tokenRequest = (origin: string): Request =>
  new Request(`${origin}${TOKEN_URL}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: qa.clientId, client_secret: qa.clientSecret }),
  });

beforeAll(async () => {
  // Every registered secret is a thing redaction looks for in each entry it renders.
  for (let i = 0; i < 20_000; i++) harness.clients.register({ provider: 'oneio', environment: 'qa', clientId: `bulk-${i}`, clientSecret: `bulk-secret-${i}-0123456789` });
  server = await startServer({ harness, port: 0 });
  // A full journal (10,000 entries), none of them read yet: the first read renders and redacts each one.
  for (let i = 0; i < 10_000; i++) await (await server.handle(tokenRequest('http://127.0.0.1'))).arrayBuffer();
}, 120_000);
afterAll(() => server.close());

describe('a read of a full journal', () => {
  it('costs its page: 1,000 entries and the cursor of the next', async () => {
    const res = await fetch(`${server.url}/__admin/requests?limit=1000`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as { requests: { seq: number }[]; next: number | null };
    expect(page.requests).toHaveLength(1000);
    expect(page.next).toBe(page.requests.at(-1)!.seq);
  });

  it('lets a token request sent while a page of 1,000 is being built be answered before that page', async () => {
    const order: string[] = [];
    const admin = new Request(`${server.url}/__admin/requests?limit=1000&after=2000`, { headers: { host: new URL(server.url).host } });
    const read = Promise.resolve(server.handle(admin)).then((r) => (order.push('page'), r));
    const token = Promise.resolve(server.handle(tokenRequest(server.url))).then((r) => (order.push('token'), r));
    const [page, answer] = await Promise.all([read, token]);
    expect(page.status).toBe(200);
    expect(answer.status).toBe(200);
    // Rendered all at once, the page would come first and the token request would wait for all of it.
    expect(order).toEqual(['token', 'page']);
  });
});
