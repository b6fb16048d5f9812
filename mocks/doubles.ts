// One call for unit tests: a harness with every provider, its MSW server, and the test's view of both.
import { setupServer, type SetupServer } from 'msw/node';
import type { Harness, HarnessOptions } from '../core/harness.ts';
import { assertSupportedNode } from '../core/node-support.ts';
import { createHarness } from '../index.ts';
import { mswHandlers } from './handlers.ts';
import { installNetworkGuard, type NetworkGuard } from './network-guard.ts';

export interface ListenOptions {
  /** What MSW does with a request no handler answers (default 'error'). */
  onUnhandledFrame?: 'error' | 'warn' | 'bypass';
  /** Hosts a test may still connect to under 'error' besides loopback (a database, a service of its own). */
  allowHosts?: string[];
}

export interface Doubles extends Harness {
  /** The MSW server intercepting the real provider URLs (not listening until `listen()`). */
  readonly server: SetupServer;
  /**
   * Starts interception; requests to hosts nobody emulates fail loudly (`onUnhandledFrame: 'error'`).
   * While listening, no connection or DNS lookup to an emulated host leaves the process, and with
   * 'error' no connection to any host but loopback and `allowHosts` (see mocks/network-guard.ts).
   */
  listen(options?: ListenOptions): void;
  /** Connections and DNS lookups the network guard refused while listening (each one a request that escaped MSW). */
  readonly escapes: ReadonlyArray<{ host: string; via: 'connect' | 'dns' }>;
  close(): void;
}

/**
 * Typical use:
 *   const doubles = setupDoubles({ seed: 7 });
 *   beforeAll(() => doubles.listen()); afterEach(() => doubles.reset()); afterAll(() => doubles.close());
 */
export function setupDoubles(options: Partial<HarnessOptions> = {}): Doubles {
  assertSupportedNode('setupDoubles()');
  const harness = createHarness(options);
  const server = setupServer(...mswHandlers(harness));
  let guard: NetworkGuard | undefined;
  const doubles = Object.assign(Object.create(harness) as Harness, harness, {
    server,
    listen(listenOptions: ListenOptions = {}) {
      const onUnhandledFrame = listenOptions.onUnhandledFrame ?? 'error';
      // Before MSW patches sockets, so that what MSW passes through to "the real connect" meets the guard.
      guard?.uninstall();
      guard = installNetworkGuard({ emulatedHosts: harness.hosts.map((h) => h.host), strict: onUnhandledFrame === 'error', allowHosts: listenOptions.allowHosts });
      server.listen({ onUnhandledFrame });
    },
    close() {
      server.close();
      guard?.uninstall();
      guard = undefined;
      harness.close();
    },
  });
  // A live view (Object.assign would copy a getter's value once).
  return Object.defineProperty(doubles, 'escapes', { get: () => guard?.refused ?? [], enumerable: true }) as Doubles;
}
