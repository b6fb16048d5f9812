// The `oauth-doubles` command: `serve` (default) starts every fake on one loopback port.
import { parseArgs } from 'node:util';
import { assertSupportedNode } from '../core/node-support.ts';
import { Worker } from 'node:worker_threads';
import { PROVIDER_IDS } from '../providers/ids.ts';
import { DEFAULT_LIMITS, LIMIT_FLAGS, type HarnessLimits, type LimitsInput } from '../core/limits.ts';
import { loadConfig } from '../server/config.ts';
import { heapLimits } from './heap.ts';
import type { ServeJob } from './serve.ts';
import { defaultCaDir } from '../server/tls/ca-dir.ts';
import { ADMIN_TOKEN_ENV } from '../server/admin-guard.ts';

const USAGE = `Usage:
  oauth-doubles [serve] [--port N] [--host ADDR] [--seed N] [--config FILE] [--https [--ca-dir DIR]] [--admin-token T] [--allow-host NAME]
  oauth-doubles verify --provider ID --client FILE [options]   (contract suites; see --help there)

  --port    port to listen on (default 4010; 0 picks a free one)
  --host    address to bind (default 127.0.0.1: loopback only)
  --seed    seed for test credentials, tokens and data (default 1)
  --config  JSON file with extra clients, quirk overrides, a seed and store limits
  --https   also serve TLS on the same port and intercept https:// URLs as a proxy, with a local CA
  --ca-dir  where the CA is kept between runs (default ${defaultCaDir()}); implies --https
  --admin-token  bearer token the admin API requires (default $${ADMIN_TOKEN_ENV}); required when --host is not loopback
  --allow-host   a host name, besides loopback and the bound address, the admin API answers to (repeatable)

  Store limits (the oldest or least used go past them, and whoever used them is told so):
  --max-tokens N     tokens per provider (default ${DEFAULT_LIMITS.tokens.count})
  --max-codes N      authorisation codes per provider (default ${DEFAULT_LIMITS.codes.count})
  --max-messages N   messages per receiver inbox (default ${DEFAULT_LIMITS.inbox.count})
  --max-requests N   requests in the journal (default ${DEFAULT_LIMITS.journal.count})
  Byte limits are set in the config file: "limits": {"tokens": {"count": N, "bytes": N}, …}`;

async function serveCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      config: { type: 'string' },
      'max-tokens': { type: 'string' },
      'max-codes': { type: 'string' },
      'max-messages': { type: 'string' },
      'max-requests': { type: 'string' },
      https: { type: 'boolean' },
      'ca-dir': { type: 'string' },
      'admin-token': { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got "${values.port}".`);
  const config = values.config ? await loadConfig(values.config, new Set(PROVIDER_IDS)) : undefined;
  const seed = values.seed !== undefined ? Number(values.seed) : (config?.seed ?? 1);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got "${values.seed}".`);

  const limits: LimitsInput = { ...config?.limits };
  for (const [store, flag] of Object.entries(LIMIT_FLAGS) as [keyof HarnessLimits, string][]) {
    const raw = (values as Record<string, unknown>)[flag.slice(2)];
    if (typeof raw !== 'string') continue;
    const count = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(count) || count < 1) throw new Error(`${flag} must be a whole number ≥ 1, got "${raw}".`);
    limits[store] = { ...limits[store], count };
  }
  const caDir = values['ca-dir'];
  const adminToken = values['admin-token'] ?? (process.env[ADMIN_TOKEN_ENV] || undefined);
  const job: ServeJob = {
    seed,
    ...(config ? { clients: config.clients, quirks: config.quirks } : {}),
    limits,
    port,
    hostname: values.host,
    ...(values.https || caDir !== undefined ? { https: { caDir } } : {}),
    ...(adminToken !== undefined ? { adminToken } : {}),
    ...(values['allow-host'] ? { allowedHosts: values['allow-host'] } : {}),
  };
  await serveInWorker(job);
}

/**
 * Runs the server in a worker thread with heap limits sized from the store limits (see heapLimits): a
 * long-running server then gives back what a burst of traffic made V8 reserve. Signals stop it cleanly.
 */
function serveInWorker(job: ServeJob): Promise<void> {
  // The sources under tsx (npm start), the bundle under dist/.
  const entry = new URL(import.meta.url.endsWith('.ts') ? './serve-worker.ts' : './serve-worker.js', import.meta.url);
  const worker = new Worker(entry, { workerData: job, resourceLimits: heapLimits(job.limits) });
  const stop = (): void => worker.postMessage('stop');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', (error) => {
      const message = error.message;
      reject(
        (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new Error(`the server ran out of its ${heapLimits(job.limits).maxOldGenerationSizeMb} MB heap; lower the store limits (--max-tokens …) or their bytes in the config file. (${message})`)
          : error,
      );
    });
    worker.once('exit', (code) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      // exitCode, not exit(): the worker's last output is still on its way to stdout.
      if (code !== 0 && process.exitCode === undefined) process.exitCode = code === 1 ? 2 : code;
      resolve();
    });
  });
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'verify') {
    assertSupportedNode('the verify command');
    const { verifyCommand } = await import('./verify.ts');
    process.exitCode = await verifyCommand(rest);
    return;
  }
  if (command === 'help' || command === '--help') {
    console.log(USAGE);
    return;
  }
  await serveCommand(command === 'serve' ? rest : argv);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message.startsWith('oauth-doubles') ? message : `oauth-doubles: ${message}`);
  process.exitCode = 2;
});
