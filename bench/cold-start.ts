// Part (c): cold start, process start to first token answered: the compiled `oauth-doubles` bin against oauth2-mock-server's, alternating runs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHarness } from '../index.ts';
import { median } from './stats.ts';

export interface ColdStartOptions {
  /** Starts of each server, alternating which goes first. */
  runs: number;
}
export interface ColdStartStats {
  /** Median milliseconds from spawn to the first token answer. */
  firstTokenMs: number;
  /** Median milliseconds from spawn to the "listening" line. */
  listeningMs: number;
  runs: number[];
}
export interface ColdStartResult {
  doubles: ColdStartStats;
  baseline: ColdStartStats;
  ratio: number;
  ratios: number[];
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SEED = 1;

interface Contender {
  command: string[];
  /** The first token request, once the server said where it listens. */
  token(url: string): Promise<Response>;
}

function doublesContender(): Contender {
  const bin = join(ROOT, 'bin/oauth-doubles.js');
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does).');
  const { clientId, clientSecret } = createHarness({ seed: SEED }).credentials('oneio', 'qa');
  return {
    command: [process.execPath, bin, '--port', '0', '--seed', String(SEED)],
    token: (url) =>
      fetch(`${url}/receiver-authz-test.service-flow.com/oauth2/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      }),
  };
}

function baselineContender(): Contender {
  // The package's own bin file, next to its main entry (its exports list neither the CLI nor package.json).
  const bin = join(dirname(fileURLToPath(import.meta.resolve('oauth2-mock-server'))), 'oauth2-mock-server.mjs');
  return {
    command: [process.execPath, bin, '-a', '127.0.0.1', '-p', '0'],
    token: (url) =>
      fetch(`${url}/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('bench-client:bench-secret').toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'bench' }),
      }),
  };
}

/** One cold start: spawn, wait for "listening on http://…", ask for a token, stop the process. */
async function coldStart(contender: Contender): Promise<{ listeningMs: number; firstTokenMs: number }> {
  const [command, ...args] = contender.command;
  const started = performance.now();
  const child = spawn(command!, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no "listening" line within 30 s:\n${out}`)), 30_000);
      const read = (chunk: Buffer): void => {
        out += chunk.toString();
        const found = /listening on (http:\/\/[^\s]+?)(?:\s|$)/.exec(out);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.once('exit', (code) => reject(new Error(`${contender.command.join(' ')} exited ${code}:\n${out}`)));
    });
    const listeningMs = performance.now() - started;
    const answer = await contender.token(url);
    const body = (await answer.json()) as { access_token?: string };
    if (answer.status !== 200 || !body.access_token) throw new Error(`${contender.command[1]} answered ${answer.status} ${JSON.stringify(body)}`);
    return { listeningMs, firstTokenMs: performance.now() - started };
  } finally {
    child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)));
  }
}

export async function benchColdStart(options: ColdStartOptions): Promise<ColdStartResult> {
  const contenders = { doubles: doublesContender(), baseline: baselineContender() };
  // One start of each first, unmeasured: it fills the file cache as a user's second start finds it.
  await coldStart(contenders.doubles);
  await coldStart(contenders.baseline);
  const runs = { doubles: [] as { listeningMs: number; firstTokenMs: number }[], baseline: [] as { listeningMs: number; firstTokenMs: number }[] };
  for (let i = 0; i < options.runs; i++) {
    const order = i % 2 === 0 ? (['doubles', 'baseline'] as const) : (['baseline', 'doubles'] as const);
    for (const name of order) runs[name].push(await coldStart(contenders[name]));
  }
  const stats = (list: { listeningMs: number; firstTokenMs: number }[]): ColdStartStats => ({
    firstTokenMs: median(list.map((r) => r.firstTokenMs)),
    listeningMs: median(list.map((r) => r.listeningMs)),
    runs: list.map((r) => r.firstTokenMs),
  });
  const ratios = runs.doubles.map((d, i) => d.firstTokenMs / runs.baseline[i]!.firstTokenMs);
  return { doubles: stats(runs.doubles), baseline: stats(runs.baseline), ratio: median(ratios), ratios };
}

const ms = (value: number): string => `${Math.round(value)}`.padStart(9);

export function formatColdStart(result: ColdStartResult, options: ColdStartOptions): string {
  const ok = result.ratio <= 1;
  return [
    `(c) cold start, spawn → first token   first token ms   listening ms   (${options.runs} alternating starts each, medians)`,
    `  oauth-doubles bin (dist/)     ${ms(result.doubles.firstTokenMs)}        ${ms(result.doubles.listeningMs)}`,
    `  oauth2-mock-server bin        ${ms(result.baseline.firstTokenMs)}        ${ms(result.baseline.listeningMs)}`,
    `  ratio doubles/oauth2-mock-server  ${result.ratio.toFixed(2)}× (runs ${Math.min(...result.ratios).toFixed(2)}–${Math.max(...result.ratios).toFixed(2)})  target ≤ 1×  ${ok ? 'PASS' : 'SHORT'}`,
  ].join('\n');
}
