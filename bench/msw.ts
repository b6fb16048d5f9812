// Part (b), run as a child process: µs per token request through the doubles' MSW handlers vs a static MSW handler.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createHarness } from '../index.ts';
import { mswHandlers } from '../mocks/handlers.ts';
import { median } from './stats.ts';

export interface MswOptions { budgetMs: number; warmupMs: number; block: number }
export interface MswPair { doublesUs: number; staticUs: number }
export interface MswResult { doublesUs: number; staticUs: number; ratio: number; ratios: number[]; harnessUs: number; pairs: MswPair[] }

const URL_ = 'https://receiver-authz-test.service-flow.com/oauth2/token';

async function main(options: MswOptions): Promise<MswResult> {
  const harness = createHarness();
  const { clientId, clientSecret } = harness.credentials('oneio', 'qa');
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString();
  const init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body };
  const servers = {
    doubles: setupServer(...mswHandlers(harness)),
    static: setupServer(
      http.post(URL_, () =>
        HttpResponse.json(
          { access_token: 'x'.repeat(64), scope: 'ROLE_INTEGRATION', token_type: 'Bearer', expires_in: 3599 },
          { headers: { 'cache-control': 'no-store' } },
        ),
      ),
    ),
  };
  const check = async (res: Response): Promise<void> => {
    const json = (await res.json()) as { token_type?: string };
    if (res.status !== 200 || json.token_type !== 'Bearer') throw new Error(`answered ${res.status} ${JSON.stringify(json)}`);
  };
  /** `count` sequential requests with only this MSW server listening. Returns µs per request. */
  const measure = async (name: keyof typeof servers, count: number): Promise<number> => {
    servers[name].listen({ onUnhandledFrame: 'error' });
    try {
      for (let i = 0; i < 5; i++) await check(await fetch(URL_, init));
      const start = performance.now();
      for (let i = 0; i < count; i++) await check(await fetch(URL_, init));
      return ((performance.now() - start) * 1000) / count;
    } finally {
      servers[name].close();
    }
  };
  // MSW's own cost per request is large and bursty (GC of its emulated TLS sockets), so the variants
  // alternate in short blocks until the budget is spent: both see the same noise; medians of pairs.
  for (const end = performance.now() + options.warmupMs; performance.now() < end; ) {
    await measure('doubles', options.block);
    await measure('static', options.block);
  }
  const pairs: MswPair[] = [];
  for (const end = performance.now() + options.budgetMs; performance.now() < end || pairs.length < 3; ) {
    const first = pairs.length % 2 === 0 ? 'doubles' : 'static';
    const a = await measure(first, options.block);
    const b = await measure(first === 'doubles' ? 'static' : 'doubles', options.block);
    pairs.push(first === 'doubles' ? { doublesUs: a, staticUs: b } : { doublesUs: b, staticUs: a });
  }
  // Diagnostic: the harness alone, no transport — what our code adds on top of MSW.
  let n = 0;
  const start = performance.now();
  // Content-Length as MSW's requests carry it (without it, hono's bodyLimit re-buffers the body).
  const direct = { ...init, headers: { ...init.headers, 'content-length': String(body.length) } };
  for (; performance.now() - start < 500; n++) await check(await harness.fetch(new Request(URL_, direct)));
  const ratios = pairs.map((p) => p.doublesUs / p.staticUs);
  return {
    doublesUs: median(pairs.map((p) => p.doublesUs)),
    staticUs: median(pairs.map((p) => p.staticUs)),
    ratio: median(ratios),
    ratios,
    harnessUs: ((performance.now() - start) * 1000) / n,
    pairs,
  };
}

process.once('message', (options: MswOptions) => {
  main(options).then(
    (result) => process.send!({ result }, () => process.exit(0)),
    (error: unknown) => process.send!({ error: String(error instanceof Error ? error.stack : error) }, () => process.exit(1)),
  );
});
