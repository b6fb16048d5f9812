// The contract-suite vocabulary shared by every provider: adapters, suites, checks and their results.
import type { Harness, HarnessOptions } from '../core/harness.ts';
import type { JournalEntry, JournalQuery } from '../core/journal.ts';

/** How requests reach the fakes: MSW on the real https:// URLs, or the HTTP server on a loopback port. */
export type Transport = 'msw' | 'http';

/** What every provider's connection settings carry besides its own URLs and credentials. */
export interface BaseSettings {
  /** Provider id (`oneio`, `octorate`…). */
  provider: string;
  /** The provider environment the client is configured for (`qa`, `prod`, `sandbox`…). */
  environment: string;
}

/** Handed to `create` next to the settings. */
export interface AdapterTools {
  transport: Transport;
  /** Aborted when the check is over: give it to background work (refresh loops, queues) so it stops. */
  signal: AbortSignal;
  /** Adds a note to the check's report (what the adapter saw of its client: a process's stderr, a protocol slip). */
  note?(message: string): void;
}

/**
 * The small piece of code a user writes: build *their* client from the settings the harness hands
 * over, and expose its operations. `S` is the provider's settings type, `O` its operations type
 * (e.g. `OneioSettings` / `OneioOperations`).
 */
export interface ClientAdapter<S extends BaseSettings = BaseSettings, O extends object = object> {
  /** Shown in reports: "billing-sync ONEiO client". */
  name: string;
  /** The provider the adapter is written for; the CLI refuses a mismatch with `--provider`. */
  provider?: string;
  /**
   * How the client's request time-outs run. `virtual` (default): `setTimeout` / `AbortSignal.timeout` in this
   * process, which the suite's virtual time moves. `real`: socket time-outs or another process's clock, which a
   * check cannot wait for — the no-answer checks then note a client that waited for the gateway instead of failing it.
   */
  timeouts?: 'virtual' | 'real';
  /** Builds a fresh client for one check. Called with virtual time already running. */
  create(settings: S, tools: AdapterTools): O | Promise<O>;
  /** Limits this kind of client needs (a separate process starts slower than an in-process client). Optional. */
  limits?: Partial<CheckLimits>;
  /** Releases what `create` built (timers, pools). Optional. */
  close?(client: O): void | Promise<void>;
}

/** Keeps the adapter's types without a cast: `export default defineAdapter<OneioSettings, OneioOperations>({…})`. */
export const defineAdapter = <S extends BaseSettings, O extends object>(adapter: ClientAdapter<S, O>): ClientAdapter<S, O> => adapter;

/** Where the check's harness is reached, for a suite building its settings. */
export interface SuiteConnection {
  harness: Harness;
  transport: Transport;
  /** The URL a client must use for a real host and path under this transport. */
  url(host: string, path?: string): string;
}

/** How far a check may go before the runner stops the client and reports it. */
export interface CheckLimits {
  /** Requests the provider answers in one check; past it the client is stopped as looping. */
  requests: number;
  /** Virtual time one operation may take (retries, back-off), in seconds. */
  operationSeconds: number;
  /** Timer firings per operation. */
  timerSteps: number;
  /** Real milliseconds an operation may sit with nothing in flight and no timer set. */
  stallMs: number;
  /** Real milliseconds for the whole check, a backstop. */
  checkMs: number;
}

/** What an operation came to: the client's own answer, or the runner stopping it. */
export type Outcome<T = unknown> =
  | { kind: 'resolved'; value: T }
  | { kind: 'rejected'; error: unknown; message: string }
  | { kind: 'stopped'; reason: 'request-limit' | 'check-deadline' | 'time-limit' | 'step-limit' | 'stalled'; message: string };

/** How one request ended on the provider's side. */
export interface RequestAnswer {
  /** Clock time (epoch ms) the provider answered: later than the journal entry's `at` when a scenario held it. */
  at: number;
  /** The client had aborted the request (its own time-out) before the answer. */
  abandoned: boolean;
}

export interface CheckContext<S extends BaseSettings, O extends object> {
  readonly harness: Harness;
  readonly settings: S;
  readonly client: O;
  readonly transport: Transport;
  /** Runs client operations with virtual time moving for them; never throws. */
  run<T>(operation: (client: O) => Promise<T>): Promise<Outcome<T>>;
  /** Lets time pass for the client and the provider alike; the client's timers fire on the way. */
  advance(seconds: number): Promise<void>;
  /** Virtual milliseconds since the check started. */
  elapsedMs(): number;
  /** What the provider saw in this check (entries after `since`, a journal `seq`, when given). */
  journal(query?: JournalQuery & { since?: number }): JournalEntry[];
  /** The last journal `seq` so far: pass it as `since` to look at what happens next. */
  mark(): number;
  /** Runs after the provider answered each request (e.g. to revoke a token as soon as it is issued). */
  onAnswered(hook: (entry: JournalEntry) => void): void;
  /** When the provider answered a request, and whether the client had given up on it by then. */
  answer(entry: JournalEntry): RequestAnswer | undefined;
  /** How the client's request time-outs run, as its adapter says (`virtual` unless it says `real`). */
  readonly timeouts: 'virtual' | 'real';
  /** One journal entry as an evidence line: `+3.000s POST host/path [form] → 400 invalid_request`. */
  describe(entry: JournalEntry): string;
  /** Records a failure of this check: what the client did, in the provider's terms. */
  fail(message: string, evidence?: string[]): void;
  /** Records an observation that does not fail the check. */
  note(message: string): void;
  /** Failures recorded so far. */
  readonly failures: readonly Finding[];
}

export interface ContractCheck<S extends BaseSettings = BaseSettings, O extends object = object> {
  /** Stable id, `<provider>.<name>`: CLI filters, JUnit names and reports use it. */
  id: string;
  /** One line: what the client must do. */
  title: string;
  /** One line: what the real provider does, which the check relies on. */
  rule: string;
  /** Checks that must pass first; when one failed this check is reported as blocked. */
  requires?: string[];
  /** The reading of an unknown (UNK) provider behaviour this check runs under, when not the default (see `underReading`). */
  reading?: string;
  /** Harness options for this check (quirk overrides…). */
  harness?: Partial<HarnessOptions>;
  limits?: Partial<CheckLimits>;
  run(t: CheckContext<S, O>): Promise<void>;
}

export interface ContractSuite<S extends BaseSettings = BaseSettings, O extends object = object> {
  provider: string;
  /** `ONEiO` */
  title: string;
  /** The settings handed to the adapter, for one check's harness and transport. */
  settings(connection: SuiteConnection): S;
  checks: readonly ContractCheck<S, O>[];
}

export const defineSuite = <S extends BaseSettings, O extends object>(suite: ContractSuite<S, O>): ContractSuite<S, O> => suite;

export interface Finding {
  message: string;
  /** Journal lines and client errors that show it. */
  evidence: string[];
}

export type CheckStatus = 'passed' | 'failed' | 'blocked';

export interface CheckResult {
  id: string;
  title: string;
  rule: string;
  /** The reading of an unknown provider behaviour the check ran under, when not the default. */
  reading?: string;
  status: CheckStatus;
  findings: Finding[];
  notes: string[];
  /** The failed checks this one needed. */
  blockedBy?: string[];
  /** Requests the provider answered. */
  requests: number;
  virtualSeconds: number;
  durationMs: number;
}

export interface SuiteReport {
  provider: string;
  title: string;
  client: string;
  transport: Transport;
  seed: number;
  /** Real time the run started, ISO 8601. */
  startedAt: string;
  durationMs: number;
  results: CheckResult[];
  counts: Record<CheckStatus, number>;
}
