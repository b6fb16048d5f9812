// Shared check: operations started together while a token is missing or expired share one renewal (single flight).
import type { JournalEntry } from '../../core/journal.ts';
import type { BaseSettings, CheckContext, ContractCheck } from '../types.ts';
import { errorMessage } from '../virtual-time.ts';

/** One burst of concurrent operations that all need a new token. */
export interface Burst<S extends BaseSettings, O extends object> {
  /** `with no API-operations token yet` */
  label: string;
  /** Makes the burst need a renewal (e.g. lets the token expire). */
  prepare?(t: CheckContext<S, O>): Promise<void>;
  /** The operations started together. */
  operations(t: CheckContext<S, O>): Array<(client: O) => Promise<unknown>>;
  /** The renewal requests the burst made (after `since`). */
  renewals(t: CheckContext<S, O>, since: number): JournalEntry[];
  /** The renewal in messages: `/identity/refresh calls`. */
  renewal: string;
}

export interface SingleRenewal<S extends BaseSettings, O extends object> {
  id: string;
  title: string;
  rule: string;
  requires: string[];
  setUp?(t: CheckContext<S, O>): Promise<boolean>;
  bursts: Array<Burst<S, O>>;
  /** Everything the provider saw after `since`, as evidence. */
  evidence(t: CheckContext<S, O>, since: number): string[];
  lines(t: CheckContext<S, O>, entries: JournalEntry[]): string[];
}

/** `<id>`: each burst of concurrent operations makes at most one renewal, and every operation in it works. */
export function singleRenewal<S extends BaseSettings, O extends object>(spec: SingleRenewal<S, O>): ContractCheck<S, O> {
  return {
    id: spec.id,
    title: spec.title,
    rule: spec.rule,
    requires: spec.requires,
    async run(t) {
      if (spec.setUp && !(await spec.setUp(t))) return;
      for (const burst of spec.bursts) {
        await burst.prepare?.(t);
        const since = t.mark();
        const operations = burst.operations(t);
        const outcome = await t.run((client) => Promise.allSettled(operations.map((op) => op(client))));
        const renewals = burst.renewals(t, since);
        if (outcome.kind !== 'resolved') {
          t.fail(`${burst.label}: the ${operations.length} operations started together never finished — ${outcome.message} (${renewals.length} ${burst.renewal})`, spec.evidence(t, since));
          return;
        }
        if (renewals.length > 1) {
          t.fail(
            `${burst.label}: made ${renewals.length} ${burst.renewal} for ${operations.length} operations started together; let concurrent operations wait on one in-flight renewal (keep its promise and hand it to every caller)`,
            spec.lines(t, renewals),
          );
        }
        const failed = outcome.value.flatMap((settled, i) => (settled.status === 'rejected' ? [`operation ${i + 1}: ${errorMessage(settled.reason)}`] : []));
        if (failed.length > 0) {
          t.fail(`${burst.label}: ${failed.length} of ${operations.length} operations started together failed (${failed[0]})`, spec.evidence(t, since));
        }
      }
    },
  };
}
