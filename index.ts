// The public entry point: a harness with every provider, plus the building blocks.
import { createHarness as createBareHarness, type Harness, type HarnessOptions } from './core/harness.ts';
import { ALL_PROVIDERS } from './providers/index.ts';

export type { Harness, HarnessOptions, StoreReport } from './core/harness.ts';
export { DEFAULT_LIMITS, type HarnessLimits, type LimitsInput, type StoreLimit } from './core/limits.ts';
export { createClock, type Clock, type ClockOptions } from './core/clock.ts';
export { DoubleError, type DoubleErrorCode } from './core/errors.ts';
export type { JournalEntry, JournalPage } from './core/journal.ts';
export type { InboxMessage, InboxPage } from './core/state/inbox.ts';
export type { ClientInput, ClientRecord } from './core/clients.ts';
export { ALL_PROVIDERS } from './providers/index.ts';

/** A harness with every emulated provider unless `providers` is given. */
export function createHarness(options: Partial<HarnessOptions> = {}): Harness {
  return createBareHarness({ ...options, providers: options.providers ?? ALL_PROVIDERS });
}
