// Part (a): token-endpoint req/s and latency of the doubles' HTTP server (journal on) vs a node:http baseline and oauth2-mock-server, interleaved rounds.
import { fork } from 'node:child_process';
import { createHarness } from '../index.ts';
import { startServer } from '../server/serve.ts';
import { startBaseline } from './baseline.ts';
import { startOauth2MockServer } from './oauth2-mock-server.ts';
import type { LoadJob, LoadResult } from './loadgen.ts';
import { median } from './stats.ts';

export const TOKEN_HOST = 'receiver-authz-test.service-flow.com';

export interface HttpOptions { rounds: number; roundMs: number; warmupMs: number; connections: number }
export interface ServerStats { rps: number; p50Ms: number; p99Ms: number; perRound: LoadResult[] }
export interface HttpResult {
  doubles: ServerStats;
  baseline: ServerStats;
  mockServer: ServerStats;
  /** doubles / node:http baseline, median of per-round ratios. */
  ratio: number;
  ratios: number[];
  /** doubles / oauth2-mock-server, median of per-round ratios. */
  mockServerRatio: number;
  mockServerRatios: number[];
}

/** Starts both servers here and the load generator in a child process, so each gets a core of its own. */
export async function benchHttp(options: HttpOptions): Promise<HttpResult> {
  const harness = createHarness();
  const { clientId, clientSecret } = harness.credentials('oneio', 'qa');
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString();
  const doubles = await startServer({ harness, port: 0 });
  const baseline = await startBaseline(clientId, clientSecret);
  const mock = await startOauth2MockServer();
  const path = `/${TOKEN_HOST}/oauth2/token`;
  type Name = 'doubles' | 'baseline' | 'mockServer';
  const targets: Record<Name, { port: number; path: string; body: string }> = {
    doubles: { port: doubles.port, path, body },
    baseline: { port: baseline.port, path, body },
    mockServer: { port: mock.port, path: mock.path, body: mock.body },
  };

  for (const [name, target] of Object.entries(targets)) {
    const res = await fetch(`http://127.0.0.1:${target.port}${target.path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: target.body });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status !== 200 || json.token_type !== 'Bearer' || res.headers.get('cache-control') !== 'no-store') {
      throw new Error(`${name} server answered ${res.status} ${JSON.stringify(json)}`);
    }
  }

  const child = fork(new URL('./loadgen.ts', import.meta.url), [], { execArgv: ['--import', import.meta.resolve('tsx')], stdio: 'inherit' });
  const load = (name: Name, durationMs: number): Promise<LoadResult> =>
    new Promise((resolve) => {
      child.once('message', (result) => resolve(result as LoadResult));
      child.send({ ...targets[name], connections: options.connections, durationMs } satisfies LoadJob);
    });
  try {
    for (const name of Object.keys(targets) as Name[]) await load(name, options.warmupMs);
    const perRound: Record<Name, LoadResult[]> = { doubles: [], baseline: [], mockServer: [] };
    const names: Name[] = ['doubles', 'baseline', 'mockServer'];
    for (let round = 0; round < options.rounds; round++) {
      // Rotate which server goes first, so drift in machine noise falls on all alike.
      for (let i = 0; i < names.length; i++) {
        const name = names[(round + i) % names.length]!;
        perRound[name].push(await load(name, options.roundMs));
      }
    }
    for (const [name, results] of Object.entries(perRound)) {
      const bad = results.reduce((n, r) => n + r.non200 + r.errors, 0);
      if (bad > 0) console.warn(`warning: ${name} had ${bad} non-200 answers or socket errors`);
    }
    const stats = (results: LoadResult[]): ServerStats => ({
      rps: median(results.map((r) => r.rps)),
      p50Ms: median(results.map((r) => r.p50Ms)),
      p99Ms: median(results.map((r) => r.p99Ms)),
      perRound: results,
    });
    const loadgenCpu = Math.max(...perRound.baseline.map((r) => r.loadgenCpu));
    if (loadgenCpu > 0.9) console.warn(`warning: the load generator used ${Math.round(loadgenCpu * 100)}% of a core: it may limit the baseline`);
    const ratios = perRound.doubles.map((d, i) => d.rps / perRound.baseline[i]!.rps);
    const mockServerRatios = perRound.doubles.map((d, i) => d.rps / perRound.mockServer[i]!.rps);
    return {
      doubles: stats(perRound.doubles),
      baseline: stats(perRound.baseline),
      mockServer: stats(perRound.mockServer),
      ratio: median(ratios),
      ratios,
      mockServerRatio: median(mockServerRatios),
      mockServerRatios,
    };
  } finally {
    child.disconnect();
    await doubles.close();
    await baseline.close();
    await mock.close();
  }
}
