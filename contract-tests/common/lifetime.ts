// Shared check: a kind of token is used past its lifetime and must be renewed — not sent again and again once expired.
import type { JournalEntry } from '../../core/journal.ts';
import type { HarnessOptions } from '../../core/harness.ts';
import type { BaseSettings, CheckContext, ContractCheck, Outcome } from '../types.ts';

export interface TokenLifetime<S extends BaseSettings, O extends object> {
  id: string;
  /** `the API-operations (apilogin) token` */
  kind: string;
  /** The provider's name in messages. */
  name: string;
  rule: string;
  requires: string[];
  harness?: Partial<HarnessOptions>;
  /** The token's lifetime in this check's harness, in seconds. */
  lifetimeSeconds(t: CheckContext<S, O>): number;
  /** How to renew it, in the provider's words: `call /identity/apilogin again`. */
  renew: string;
  setUp?(t: CheckContext<S, O>): Promise<boolean>;
  /** One operation that uses a token of this kind. */
  operation(t: CheckContext<S, O>, n: number): Promise<Outcome>;
  judge(t: CheckContext<S, O>, outcome: Outcome, n: number, when: string, since: number): boolean;
  /** Calls that carried a token of this kind (after `since`). */
  uses(t: CheckContext<S, O>, since?: number): JournalEntry[];
  /** Requests that renewed it (after `since`). */
  renewals(t: CheckContext<S, O>, since?: number): JournalEntry[];
  lines(t: CheckContext<S, O>, entries: JournalEntry[]): string[];
}

/** Operations after the lifetime has passed, 30 s apart: a client that keeps the expired token sends it every time. */
const AFTER = 3;

/** `<id>`: one operation, the token's lifetime passes, three more; the expired token may be sent once at most, and a new one must come. */
export function tokenLifetime<S extends BaseSettings, O extends object>(spec: TokenLifetime<S, O>): ContractCheck<S, O> {
  return {
    id: spec.id,
    title: `gets a new ${spec.kind} once it has expired instead of sending the expired one again`,
    rule: spec.rule,
    requires: spec.requires,
    harness: spec.harness,
    async run(t) {
      if (spec.setUp && !(await spec.setUp(t))) return;
      let since = t.mark();
      if (!spec.judge(t, await spec.operation(t, 1), 1, `before the ${spec.kind} expired`, since)) return;
      const lifetime = spec.lifetimeSeconds(t);
      await t.advance(lifetime);
      since = t.mark();
      for (let n = 2; n <= AFTER + 1; n++) {
        if (n > 2) await t.advance(30);
        const at = t.mark();
        spec.judge(t, await spec.operation(t, n), n, `operation ${n}, after the ${spec.kind} expired`, at);
      }
      const expired = spec.uses(t, since).filter((e) => e.credential?.expired);
      if (expired.length > 1) {
        t.fail(
          `kept sending the expired ${spec.kind}: ${expired.length} calls with it after its ${lifetime} s lifetime, each refused; ${spec.renew} once it has expired (or just before) instead of sending the old one again`,
          spec.lines(t, expired),
        );
      } else if (expired.length === 1) {
        t.note(`sent the expired ${spec.kind} once and recovered on the refusal; tracking its expiry avoids that round trip`);
      }
      if (!spec.renewals(t, since).some((e) => e.status === 200)) {
        t.fail(`never got a new ${spec.kind} after the first one expired at ${lifetime} s; ${spec.renew}`, spec.lines(t, [...spec.renewals(t), ...spec.uses(t, since)]));
      }
    },
  };
}
