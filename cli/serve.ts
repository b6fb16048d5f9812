// The serve command's server, run in its own thread (cli/serve-worker.ts) under the heap limits of cli/heap.ts.
import type { ClientInput } from '../core/clients.ts';
import type { LimitsInput } from '../core/limits.ts';
import { createHarness } from '../index.ts';
import { banner, exposedWarning } from '../server/banner.ts';
import { startServer } from '../server/serve.ts';

/** Everything the server thread needs, as plain data (it crosses to the worker). */
export interface ServeJob {
  seed: number;
  clients?: ClientInput[];
  quirks?: Record<string, object>;
  limits: LimitsInput;
  port: number;
  hostname: string;
  https?: { caDir?: string };
  adminToken?: string;
  allowedHosts?: string[];
}

/** Starts the harness and server, prints the banner; returns how to stop it. */
export async function runServe(job: ServeJob): Promise<() => Promise<void>> {
  const harness = createHarness({ seed: job.seed, clients: job.clients, quirks: job.quirks, limits: job.limits });
  const server = await startServer({ harness, port: job.port, hostname: job.hostname, https: job.https, adminToken: job.adminToken, allowedHosts: job.allowedHosts });
  console.log(banner(harness, server));
  if (server.exposed) console.error(exposedWarning(server.address));
  return () => server.close();
}
