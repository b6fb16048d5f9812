// `npm run bench`: HTTP server vs node:http, then MSW doubles vs a static handler; table to stdout, JSON to bench/results/.
import { fork } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { benchHttp, type HttpOptions } from './http.ts';
import type { MswOptions, MswResult } from './msw.ts';
import { report, TARGETS } from './report.ts';

// Short interleaved rounds track the machine's noise; sized to stay under ~60 s. BENCH_ROUNDS / BENCH_ROUND_MS override for experiments.
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
const roundMs = Number(process.env.BENCH_ROUND_MS ?? 1000);
const httpOptions: HttpOptions = { rounds, roundMs, warmupMs: 1500, connections: 16 };
const mswOptions: MswOptions = { budgetMs: rounds * roundMs, warmupMs: 1000, block: 40 };

// A safety net: the bench must stop by itself even if a server or child hangs.
setTimeout(() => {
  console.error('bench: timed out');
  process.exit(2);
}, 180_000).unref();

/** MSW patches fetch and node:http globally, so it runs in a fresh child process of its own. */
function benchMsw(options: MswOptions): Promise<MswResult> {
  const child = fork(new URL('./msw.ts', import.meta.url), [], { execArgv: ['--import', import.meta.resolve('tsx')], stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { result?: MswResult; error?: string }) => (m.result ? resolve(m.result) : reject(new Error(m.error))));
    child.once('exit', (code) => reject(new Error(`MSW bench child exited with ${code}`)));
    child.send(options);
  });
}

const started = performance.now();
const http = await benchHttp(httpOptions);
const msw = await benchMsw(mswOptions);
const seconds = (performance.now() - started) / 1000;
const header =
  `oauth-doubles bench — node ${process.version}, ${availableParallelism()} CPUs, ${rounds} rounds × ${roundMs / 1000} s, ` +
  `${httpOptions.connections} connections; MSW: alternating blocks of ${mswOptions.block}; medians; ${seconds.toFixed(1)} s`;
console.log(report(header, http, msw));

const dir = new URL('./results/', import.meta.url);
await mkdir(dir, { recursive: true });
const json = { at: new Date().toISOString(), node: process.version, cpus: availableParallelism(), seconds, targets: TARGETS, options: { http: httpOptions, msw: mswOptions }, http, msw };
await writeFile(new URL('latest.json', dir), `${JSON.stringify(json, null, 2)}\n`);
console.log('results: bench/results/latest.json');
