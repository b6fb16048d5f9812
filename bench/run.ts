// `npm run bench [-- part…]`: HTTP server vs node:http, MSW doubles vs a static handler, cold start vs oauth2-mock-server; tables to stdout, JSON to bench/results/.
import { fork } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { benchColdStart, formatColdStart, type ColdStartOptions } from './cold-start.ts';
import { benchHttp, type HttpOptions } from './http.ts';
import type { MswOptions, MswResult } from './msw.ts';
import { report, TARGETS } from './report.ts';

// Short interleaved rounds track the machine's noise; sized to stay under ~60 s. BENCH_ROUNDS / BENCH_ROUND_MS override for experiments.
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
const roundMs = Number(process.env.BENCH_ROUND_MS ?? 1000);
const httpOptions: HttpOptions = { rounds, roundMs, warmupMs: 1500, connections: 16 };
const mswOptions: MswOptions = { budgetMs: rounds * roundMs, warmupMs: 1000, block: 40 };
const coldStartOptions: ColdStartOptions = { runs: Number(process.env.BENCH_COLD_RUNS ?? 10) };

// Parts to run: all by default, or those named on the command line (`npm run bench -- cold-start`).
const PARTS = ['throughput', 'cold-start'] as const;
const named = process.argv.slice(2);
const unknown = named.filter((part) => !(PARTS as readonly string[]).includes(part));
if (unknown.length > 0) throw new Error(`unknown bench part ${unknown.join(', ')}; parts: ${PARTS.join(', ')}`);
const wants = (part: (typeof PARTS)[number]): boolean => named.length === 0 || named.includes(part);

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
const http = wants('throughput') ? await benchHttp(httpOptions) : undefined;
const msw = wants('throughput') ? await benchMsw(mswOptions) : undefined;
const coldStart = wants('cold-start') ? await benchColdStart(coldStartOptions) : undefined;
const seconds = (performance.now() - started) / 1000;
const header =
  `oauth-doubles bench — node ${process.version}, ${availableParallelism()} CPUs, ${rounds} rounds × ${roundMs / 1000} s, ` +
  `${httpOptions.connections} connections; MSW: alternating blocks of ${mswOptions.block}; medians; ${seconds.toFixed(1)} s`;
if (http && msw) console.log(report(header, http, msw));
if (coldStart) console.log(formatColdStart(coldStart, coldStartOptions));

const dir = new URL('./results/', import.meta.url);
await mkdir(dir, { recursive: true });
const json = {
  at: new Date().toISOString(),
  node: process.version,
  cpus: availableParallelism(),
  seconds,
  targets: TARGETS,
  options: { http: httpOptions, msw: mswOptions, coldStart: coldStartOptions },
  http,
  msw,
  coldStart,
};
await writeFile(new URL('latest.json', dir), `${JSON.stringify(json, null, 2)}\n`);
console.log('results: bench/results/latest.json');
