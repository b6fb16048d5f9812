// What the shared checks need to know about one token endpoint of a provider: its scenarios, its calls, and an operation that needs it.
import type { JournalEntry } from '../../core/journal.ts';
import type { ScenarioParams } from '../../core/scenario.ts';
import type { BaseSettings, CheckContext, Outcome } from '../types.ts';

/** The situations the shared checks create, by the provider's scenario names (leave one out where the provider has none). */
export interface EndpointScenarios {
  /** The client's credentials are refused (`invalid-credentials`). */
  refused?: string;
  /** 503 on every request (`token-unavailable`). */
  unavailable?: string;
  /** 429 with Retry-After for a window of clock time (`rate-limited`). */
  rateLimited?: string;
  /** 200 with a cut-off JSON body (`token-response-malformed`). */
  malformed?: string;
  /** Answers after a delay of clock time (`slow-token`, parameter `delayMs`). */
  slow?: string;
  /** Never answers until the client gives up (`token-no-answer`, parameter `holdSeconds`). */
  noAnswer?: string;
}

/**
 * One token endpoint as the shared checks see it. `S` and `O` are the provider's settings and operations.
 * A suite builds one per endpoint (ONEiO's token resource; Octorate's /identity/apilogin and /identity/refresh…)
 * and hands it to the check factories of `contract-tests/common/`.
 */
export interface TokenEndpoint<S extends BaseSettings, O extends object> {
  /** Provider id the scenarios are applied for: `oneio`. */
  provider: string;
  /** The provider's name in messages: `ONEiO`. */
  name: string;
  /** The endpoint in messages: `ONEiO’s token endpoint`, `/identity/apilogin`. */
  endpoint: string;
  /** Check ids start with this: `oneio.token` gives `oneio.token-refused`, `oneio.token-no-answer`… */
  idPrefix: string;
  /** What the operation is in messages: `the delivery`, `configuration()`. */
  operationName: string;
  /** Appended when the operation reported success although nothing was done: ` (the message is lost)`. */
  lost?: string;
  /** Checks every shared check of this endpoint needs (a client that cannot get a token at all is judged elsewhere). */
  requires: string[];
  scenarios: EndpointScenarios;
  /** Surfaces to narrow the scenarios to, when they would cover more than the endpoint. */
  surfaces?: string[];
  /** Extra parameters per scenario (e.g. `{ retryAfter: 30 }`). */
  params?: Partial<Record<keyof EndpointScenarios, ScenarioParams>>;
  /** Requests to this endpoint (after `since`). */
  calls(t: CheckContext<S, O>, since?: number): JournalEntry[];
  /** Resource calls after `since` that carried a token the provider never issued, each with what it carried (see `bogusBearer`). */
  bogusCalls(t: CheckContext<S, O>, since: number): Array<{ entry: JournalEntry; what: string }>;
  /** Runs once before the situation: connect, prime… Returns false (having failed the check) when the client could not. */
  setUp?(t: CheckContext<S, O>): Promise<boolean>;
  /** Makes the client's next operation need the endpoint (e.g. lets the token it holds expire). */
  needToken?(t: CheckContext<S, O>): Promise<void>;
  /** One operation that needs a token from the endpoint; `n` tells operations apart. */
  operation(t: CheckContext<S, O>, n: number): Promise<Outcome>;
  /** The operation must have worked: fails the check in the provider's words (returning false) otherwise. */
  judge(t: CheckContext<S, O>, outcome: Outcome, n: number, when: string, since: number): boolean;
  /** Evidence lines for entries (a provider's own formatting, capped). */
  lines(t: CheckContext<S, O>, entries: JournalEntry[]): string[];
}
