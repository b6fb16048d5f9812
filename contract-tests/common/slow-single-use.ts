// Shared check: a single-use value (a code, a rotated refresh token) whose request outlasts the client's own time-out is never presented twice.
import type { JournalEntry } from '../../core/journal.ts';
import type { HarnessOptions } from '../../core/harness.ts';
import type { BaseSettings, CheckContext, ContractCheck, Outcome } from '../types.ts';
import { seconds } from './text.ts';

/** One request carrying a single-use value, answered slowly. */
export interface SlowCase<S extends BaseSettings, O extends object> {
  /** `the code exchange` */
  label: string;
  /** `the code`, `the refresh token` */
  value: string;
  /** Why presenting it again fails, in the provider's words. */
  spent: string;
  /** Sets the scene, makes the request answer slowly (`delayMs`), runs the operation. Undefined when set-up failed (check failed). */
  run(t: CheckContext<S, O>, delayMs: number): Promise<{ since: number; outcome: Outcome } | undefined>;
  /** The requests after `since` that presented the value. */
  presented(t: CheckContext<S, O>, since: number): JournalEntry[];
}

export interface SlowSingleUse<S extends BaseSettings, O extends object> {
  id: string;
  /** The provider's name in messages. */
  name: string;
  rule: string;
  requires: string[];
  harness?: Partial<HarnessOptions>;
  /** The reading of an unknown provider behaviour the harness options switch on, if any. */
  reading?: string;
  cases: Array<SlowCase<S, O>>;
  lines(t: CheckContext<S, O>, entries: JournalEntry[]): string[];
  /** Answer delay, longer than a sensible time-out and shorter than the value's lifetime (default 45 s). */
  delayMs?: number;
}

/** Runs `run` with the provider's slow scenario on (answers after `delayMs`), and switches it off whatever came of it. */
export async function slowly<S extends BaseSettings, O extends object, T>(t: CheckContext<S, O>, provider: string, scenario: string, delayMs: number, run: () => Promise<T>): Promise<T> {
  t.harness.scenarios.apply(scenario, { provider, params: { delayMs } });
  try {
    return await run();
  } finally {
    t.harness.scenarios.clear(scenario, provider);
  }
}

export function slowSingleUse<S extends BaseSettings, O extends object>(spec: SlowSingleUse<S, O>): ContractCheck<S, O> {
  const delayMs = spec.delayMs ?? 45_000;
  return {
    id: spec.id,
    title: `never presents ${spec.cases.map((c) => c.value).join(' or ')} twice when the answer outlasts its own time-out`,
    rule: spec.rule,
    requires: spec.requires,
    harness: spec.harness,
    ...(spec.reading ? { reading: spec.reading } : {}),
    async run(t) {
      for (const c of spec.cases) {
        const done = await c.run(t, delayMs);
        if (!done) return;
        const presented = c.presented(t, done.since);
        if (presented.length <= 1) continue;
        const first = presented[0]!;
        const gaveUp = t.answer(first);
        const why = gaveUp?.abandoned
          ? `the first request outlasted the client’s own time-out (it gave up after ${seconds(gaveUp.at - first.at)}), but ${spec.name} handled it all the same: ${c.spent}`
          : c.spent;
        t.fail(
          `${c.label}: presented ${c.value} ${presented.length} times — ${why}; never retry a request that carries a single-use value: report the failure (a lost answer means starting over)`,
          spec.lines(t, presented),
        );
      }
    },
  };
}
