// Runs a check under another plausible reading of something the provider leaves unknown (UNK), as a check of its own.
import type { HarnessOptions } from '../../core/harness.ts';
import type { BaseSettings, ContractCheck } from '../types.ts';

export interface Reading {
  /** Short name, appended to the check id: `refresh-token@rotating`. */
  name: string;
  /** What the provider does under this reading, and where the doubt comes from (shown in the report). */
  says: string;
  /** Harness options that switch the reading on (quirks). */
  harness: Partial<HarnessOptions>;
}

/**
 * The same check with the provider behaving as `reading` says. It needs the check under the default reading to
 * pass first, so one bug is not reported twice; a client that passes both works whichever reading is true.
 */
export function underReading<S extends BaseSettings, O extends object>(check: ContractCheck<S, O>, reading: Reading): ContractCheck<S, O> {
  return {
    ...check,
    id: `${check.id}@${reading.name}`,
    title: `${check.title} (reading: ${reading.name})`,
    reading: reading.says,
    requires: [...(check.requires ?? []), check.id],
    harness: { ...check.harness, ...reading.harness, quirks: { ...check.harness?.quirks, ...reading.harness.quirks } },
  };
}
