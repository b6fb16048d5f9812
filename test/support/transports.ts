// Two harnesses alike, one reached through harness.fetch (the MSW path) and one through the HTTP server, for describe.each.
import { afterAll, beforeAll } from 'vitest';
import type { Harness } from '../../core/harness.ts';
import { createHarness } from '../../index.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';

export interface Transport {
  name: string;
  harness: Harness;
  /** `https://` or `http://127.0.0.1:<port>/`, put before `<host>/<path>`. */
  readonly base: string;
  send(request: Request): Promise<Response>;
}

/** Registers the server's start and stop hooks in the calling file; the server's base is known once it has started. */
export function bothTransports(seed: number): Transport[] {
  const server: { running?: RunningServer } = {};
  const direct = createHarness({ seed });
  const viaServer = createHarness({ seed });
  beforeAll(async () => {
    server.running = await startServer({ harness: viaServer, port: 0 });
  });
  afterAll(async () => {
    await server.running?.close();
  });
  return [
    { name: 'harness.fetch (MSW path)', harness: direct, base: 'https://', send: (r) => direct.fetch(r) },
    {
      name: 'HTTP server',
      harness: viaServer,
      get base() {
        return `${server.running!.url}/`;
      },
      send: (r) => fetch(r),
    },
  ];
}
