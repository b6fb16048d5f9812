// One call for unit tests: a harness with every provider, its MSW server, and the test's view of both.
import { setupServer, type SetupServer } from 'msw/node';
import type { Harness, HarnessOptions } from '../core/harness.ts';
import { assertSupportedNode } from '../core/node-support.ts';
import { createHarness } from '../index.ts';
import { mswHandlers } from './handlers.ts';

export interface Doubles extends Harness {
  /** The MSW server intercepting the real provider URLs (not listening until `listen()`). */
  readonly server: SetupServer;
  /** Starts interception; requests to hosts nobody emulates fail loudly (`onUnhandledFrame: 'error'`). */
  listen(): void;
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
  return Object.assign(Object.create(harness) as Harness, harness, {
    server,
    listen: () => server.listen({ onUnhandledFrame: 'error' }),
    close: () => {
      server.close();
      harness.close();
    },
  });
}
