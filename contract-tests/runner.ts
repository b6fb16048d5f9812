// The generic runner: per check a fresh harness, transport and virtual time; drives the user's adapter and collects findings.
import { syncBuiltinESMExports } from 'node:module';
import { performance } from 'node:perf_hooks';
import { createClock, sleepOnTimers, type Clock } from '../core/clock.ts';
import { assertSupportedNode } from '../core/node-support.ts';
import { ALL_PROVIDERS, createHarness } from '../index.ts';
import { createActivity, type Phase, type StopRequest } from './activity.ts';
import type { JournalEntry } from '../core/journal.ts';
import { describeEntry, secretScrubber } from './evidence.ts';
import { openTransport, type CheckTransport } from './transport.ts';
import type {
  BaseSettings,
  CheckContext,
  CheckLimits,
  CheckResult,
  CheckStatus,
  ClientAdapter,
  ContractCheck,
  ContractSuite,
  Finding,
  SuiteReport,
  Transport,
} from './types.ts';
import { errorMessage, installVirtualTime, VIRTUAL_EPOCH, type VirtualTime } from './virtual-time.ts';

export interface RunOptions {
  /** Default `msw`. */
  transport?: Transport;
  /** Seed for test credentials and tokens (default 1). */
  seed?: number;
  /** Ids of the checks to run (default: all). Checks they require run too. */
  checks?: string[];
  limits?: Partial<CheckLimits>;
  /** Called as each check finishes. */
  onResult?(result: CheckResult): void;
}

export const DEFAULT_LIMITS: CheckLimits = {
  requests: 100,
  operationSeconds: 6 * 3600,
  timerSteps: 5000,
  stallMs: 3000,
  checkMs: 15_000,
};

/** Real time, captured before any check fakes it. */
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const RealDate = Date;

/** The checks to run, in suite order, with every check they require; unknown ids are refused. */
export function selectChecks<S extends BaseSettings, O extends object>(suite: ContractSuite<S, O>, ids?: string[]): ContractCheck<S, O>[] {
  if (!ids || ids.length === 0) return [...suite.checks];
  const known = new Map(suite.checks.map((c) => [c.id, c]));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new Error(`Unknown check${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}. ${suite.title} has: ${[...known.keys()].join(', ')}.`);
  }
  const wanted = new Set<string>();
  const add = (id: string): void => {
    if (wanted.has(id)) return;
    wanted.add(id);
    for (const dep of known.get(id)?.requires ?? []) add(dep);
  };
  ids.forEach(add);
  return suite.checks.filter((c) => wanted.has(c.id));
}

export interface ContractSession<S extends BaseSettings, O extends object> {
  /** Runs one check (its requirements must have run before, or it runs regardless). */
  run(check: ContractCheck<S, O>): Promise<CheckResult>;
  readonly results: ReadonlyMap<string, CheckResult>;
  /** The report of every check run so far. */
  report(): SuiteReport;
  /** Frees transports kept open by stopped clients. */
  close(): Promise<void>;
}

/** Requests per `METHOD path`, most first: `97 × POST /oauth2/token, 3 × POST /api/v2`. */
function tally(entries: JournalEntry[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(`${e.method} ${e.path}`, (counts.get(`${e.method} ${e.path}`) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([what, n]) => `${n} × ${what}`).join(', ');
}

/** The finding for a client the request cap stopped: where the requests came from, and the last of them. */
function stoppedLoop(stop: StopRequest, waits: number[], journal: JournalEntry[], describe?: (entry: JournalEntry) => string): Finding {
  const last = journal.slice(-6);
  const evidence = [`requests in this check: ${tally(journal)}`, ...(describe ? last.map(describe) : [])];
  if (stop.during === 'waiting') {
    const wait = waits.at(-1);
    return {
      message: `the client was ${stop.message} while no operation of it was running: its own timers kept calling the provider${wait !== undefined ? ` during a ${wait} s wait of the check` : ''} (a background refresh or poll loop that neither backs off nor stops); bound background work, back off when it fails, and stop it on tools.signal — the check’s other findings may follow from this`,
      evidence,
    };
  }
  return { message: `the client was ${stop.message}: it kept sending requests`, evidence };
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | 'deadline'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = realSetTimeout(() => resolve('deadline'), ms);
  });
  return Promise.race([promise, deadline]).finally(() => realClearTimeout(timer));
}

export function createSession<S extends BaseSettings, O extends object>(
  suite: ContractSuite<S, O>,
  adapter: ClientAdapter<S, O>,
  options: RunOptions = {},
): ContractSession<S, O> {
  assertSupportedNode('the contract runner');
  const kind: Transport = options.transport ?? 'msw';
  const seed = options.seed ?? 1;
  const results = new Map<string, CheckResult>();
  const kept: CheckTransport[] = [];
  const startedAt = new RealDate().toISOString();
  // Only the suite's provider: seeding every provider's world for each check would cost more than the check.
  const own = ALL_PROVIDERS.filter((p) => p.id === suite.provider);
  const providers = own.length > 0 ? own : ALL_PROVIDERS;
  const started = performance.now();

  async function run(check: ContractCheck<S, O>): Promise<CheckResult> {
    const realStart = performance.now();
    const base = { id: check.id, title: check.title, rule: check.rule, ...(check.reading ? { reading: check.reading } : {}) };
    const blockedBy = (check.requires ?? []).filter((id) => results.has(id) && results.get(id)!.status !== 'passed');
    if (blockedBy.length > 0) {
      const result: CheckResult = { ...base, status: 'blocked', findings: [], notes: [], blockedBy, requests: 0, virtualSeconds: 0, durationMs: 0 };
      results.set(check.id, result);
      return result;
    }

    const limits: CheckLimits = { ...DEFAULT_LIMITS, ...adapter.limits, ...options.limits, ...check.limits };
    const activity = createActivity();
    const findings: Finding[] = [];
    const notes: string[] = [];
    const controller = new AbortController();
    let time: VirtualTime | undefined;
    let transport: CheckTransport | undefined;
    let client: O | undefined;
    let virtualSeconds = 0;
    let scrub = (text: string): string => text;
    /** The seconds of each wait the check made, to say which one a background loop ran in. */
    const waits: number[] = [];
    const inPhase = async <T>(phase: Phase, work: () => Promise<T>): Promise<T> => {
      activity.phase = phase;
      try {
        return await work();
      } finally {
        activity.phase = 'setup';
      }
    };
    let journalOf: (() => JournalEntry[]) | undefined;
    let describeOf: ((entry: JournalEntry) => string) | undefined;
    try {
      time = await installVirtualTime(activity);
      const vt = time;
      // The provider's clock reads the virtual Date; a scenario waiting on it (slow, no answer) parks its request, so time moves at once.
      const clock: Clock = { ...createClock(), sleep: (ms, signal) => sleepOnTimers(ms, signal).finally(activity.park()) };
      const harness = createHarness({ seed, clock, providers, ...check.harness });
      scrub = secretScrubber(harness.clients.list().map((c) => c.clientSecret));
      transport = await openTransport(kind, harness, activity, limits.requests);
      // MSW patches the CommonJS face of node:http(s); a client's `import { request } from 'node:https'` follows after a sync.
      syncBuiltinESMExports();
      const tp = transport;
      const describe = (entry: JournalEntry): string => scrub(describeEntry(entry, VIRTUAL_EPOCH, tp.answer(entry.seq)));
      journalOf = () => harness.journal.entries();
      describeOf = describe;
      const settings = suite.settings({ harness, transport: kind, url: tp.url });
      const created = await vt.drive(Promise.resolve().then(() => adapter.create(settings, { transport: kind, signal: controller.signal, note: (message) => notes.push(message) })), limits);
      if (created.kind !== 'resolved') {
        findings.push({ message: `the adapter could not build the client: ${created.message}`, evidence: [] });
      } else {
        const built = created.value;
        client = built;
        const context: CheckContext<S, O> = {
          harness,
          settings,
          client: built,
          transport: kind,
          run: (operation) => inPhase('operation', () => vt.drive(Promise.resolve().then(() => operation(built)), limits)),
          advance: (seconds) => {
            waits.push(seconds);
            return inPhase('waiting', () => vt.advance(seconds * 1000, limits.timerSteps));
          },
          elapsedMs: () => vt.elapsedMs(),
          journal: ({ since, ...query } = {}) => harness.journal.entries(query).filter((e) => since === undefined || e.seq > since),
          mark: () => harness.journal.entries().at(-1)?.seq ?? 0,
          onAnswered: (hook) => tp.onAnswered(hook),
          answer: (entry) => tp.answer(entry.seq),
          timeouts: adapter.timeouts ?? 'virtual',
          describe,
          fail: (message, evidence = []) => {
            findings.push({ message, evidence });
          },
          note: (message) => {
            notes.push(message);
          },
          failures: findings,
        };
        const finished = await withDeadline(check.run(context), limits.checkMs);
        if (finished === 'deadline') {
          // Stop the drivers, so the check's code left running stops moving time and the client's timers stop firing.
          activity.stop({ reason: 'check-deadline', message: `stopped by the runner after ${limits.checkMs / 1000} s of real time` });
          findings.push({ message: `the check did not finish within ${limits.checkMs / 1000} s of real time`, evidence: [] });
        }
      }
      if (activity.stopped?.reason === 'request-limit') {
        const loop = stoppedLoop(activity.stopped, waits, journalOf?.() ?? [], describeOf);
        // A loop of the client's own timers is the cause of whatever else failed in the meantime: say it first.
        if (activity.stopped.during === 'waiting') findings.unshift(loop);
        else if (findings.length === 0) findings.push(loop);
      }
    } catch (error) {
      findings.push({ message: `the check could not run: ${errorMessage(error)}`, evidence: [] });
    } finally {
      controller.abort();
      if (client !== undefined && adapter.close && time && !activity.stopped) {
        const built = client;
        const closed = await time.drive(Promise.resolve().then(() => adapter.close!(built)), { ...limits, operationSeconds: 60 });
        if (closed.kind !== 'resolved') notes.push(`closing the client did not go cleanly: ${closed.message}`);
      }
      virtualSeconds = time ? time.elapsedMs() / 1000 : 0;
      for (const error of time?.timerErrors ?? []) {
        findings.push({
          message: `a timer callback of the client threw ${errorMessage(error)}; outside the suite an exception thrown from a timer crashes the process`,
          evidence: [],
        });
      }
      time?.uninstall();
      if (transport) {
        await transport.close();
        // MSW restores the node:http functions it patched; make ESM imports of them see the originals again.
        syncBuiltinESMExports();
        kept.push(transport);
        if (transport.direct.length > 0) {
          notes.push(
            `sent ${transport.direct.length} request(s) straight to real provider hosts instead of the URLs in its settings (${[...new Set(transport.direct)].join(', ')}); under the HTTP transport the runner answered them in-process`,
          );
        }
      }
    }

    const status: CheckStatus = findings.length > 0 ? 'failed' : 'passed';
    const result: CheckResult = {
      ...base,
      status,
      findings: findings.map((f) => ({ message: scrub(f.message), evidence: f.evidence.map(scrub) })),
      notes: notes.map(scrub),
      requests: transport?.answered ?? 0,
      virtualSeconds,
      durationMs: performance.now() - realStart,
    };
    results.set(check.id, result);
    return result;
  }

  return {
    run,
    results,
    report() {
      const list = [...results.values()];
      const counts: Record<CheckStatus, number> = { passed: 0, failed: 0, blocked: 0 };
      for (const r of list) counts[r.status]++;
      return {
        provider: suite.provider,
        title: suite.title,
        client: adapter.name,
        transport: kind,
        seed,
        startedAt,
        durationMs: performance.now() - started,
        results: list,
        counts,
      };
    },
    async close() {
      await Promise.all(kept.splice(0).map((t) => t.release()));
    },
  };
}

/** Runs the checks of a suite against an adapter, one after another, and reports every result. */
export async function runSuite<S extends BaseSettings, O extends object>(
  suite: ContractSuite<S, O>,
  adapter: ClientAdapter<S, O>,
  options: RunOptions = {},
): Promise<SuiteReport> {
  const checks = selectChecks(suite, options.checks);
  const session = createSession(suite, adapter, options);
  try {
    for (const check of checks) {
      const result = await session.run(check);
      options.onResult?.(result);
    }
  } finally {
    await session.close();
  }
  return session.report();
}
