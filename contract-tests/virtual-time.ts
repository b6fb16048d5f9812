// Virtual time for one check: fake Date and timers, moved timer by timer once the wire is quiet, so no check waits for real.
import FakeTimers, { type Clock as FakeClock } from '@sinonjs/fake-timers';
import { createServer } from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Activity } from './activity.ts';
import type { CheckLimits, Outcome } from './types.ts';

// Captured at load, before any fake is installed: the driver itself must wait in real time.
const realSetTimeout = globalThis.setTimeout;
const realSetImmediate = globalThis.setImmediate;

/** Every check starts at this instant (Monday 5 January 2026, 09:00 UTC), so reports read the same on every run. */
export const VIRTUAL_EPOCH = Date.UTC(2026, 0, 5, 9, 0, 0);

/**
 * Only Date, the four timer functions and AbortSignal.timeout are faked (globals and `node:timers`, `node:timers/promises`, whose
 * ESM named imports are re-synced): setImmediate, nextTick, microtasks and performance stay real, so MSW,
 * undici and the HTTP server keep working.
 */
const FAKED = ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] as const;

/** After any request starts or ends, the wire must stay quiet this long (real ms) before a timer may fire. */
const QUIET_MS = 3;
/**
 * A request in flight this long (real ms) without progress is taken to wait on a virtual timer, and time
 * may move. Requests the provider parks on its clock (slow and hung scenarios) let time move at once;
 * this is the fallback, long enough that a request merely slow in real time does not see its client's
 * time-out fire.
 */
const PATIENCE_MS = 1000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => realSetTimeout(resolve, ms));
const turn = (): Promise<void> => new Promise((resolve) => realSetImmediate(resolve));

export interface VirtualTime {
  /** Virtual epoch ms. */
  now(): number;
  elapsedMs(): number;
  /** Waits (in real time) until nothing is in flight and the wire has been quiet for a moment. */
  settle(): Promise<void>;
  /** Settles `promise`, firing the client's timers in order whenever the wire is quiet. */
  drive<T>(promise: Promise<T>, limits: Pick<CheckLimits, 'operationSeconds' | 'timerSteps' | 'stallMs'>): Promise<Outcome<T>>;
  /** Moves time forward by `ms`, firing every timer due on the way (each after the wire is quiet). */
  advance(ms: number, maxSteps: number): Promise<void>;
  /** Errors thrown by the client's timer callbacks (in production these would crash the process). */
  readonly timerErrors: unknown[];
  uninstall(): void;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (cause: ${error.cause.message})` : '';
    return `${error.name}: ${error.message}${cause}`;
  }
  return String(error);
}

let warmUp: Promise<void> | undefined;

/**
 * Node's fetch (undici) keeps one process-wide tick timer, created with whatever `setTimeout` is global
 * the first time it needs one and refreshed forever after. Created under a fake clock it would die with
 * that clock, and undici's keep-alive and header time-outs with it, for the rest of the process. One real
 * request on loopback before the first install creates it with the real timer. Once per process.
 */
export function warmUpFetch(): Promise<void> {
  warmUp ??= (async () => {
    const server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await (await fetch(`http://127.0.0.1:${port}/`)).text();
    } catch {
      // Another interceptor may refuse loopback; the warm-up is an optimisation, not a requirement.
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  })();
  return warmUp;
}

function alreadyFaked(): boolean {
  return 'clock' in globalThis.setTimeout || 'clock' in globalThis.Date;
}

export async function installVirtualTime(activity: Activity): Promise<VirtualTime> {
  await warmUpFetch();
  if (alreadyFaked()) {
    throw new Error(
      'Fake timers are already installed (vi.useFakeTimers?). Contract checks install their own virtual time: call vi.useRealTimers() before running them.',
    );
  }
  const clock: FakeClock = FakeTimers.install({ now: VIRTUAL_EPOCH, toFake: [...FAKED], shouldClearNativeTimers: true });
  // AbortSignal.timeout is how a fetch gets its own time-out; fake-timers leaves it on real time, where a 30 s
  // time-out would never fire inside a check. Its virtual twin aborts with the same TimeoutError.
  const realAbortTimeout = AbortSignal.timeout;
  AbortSignal.timeout = function timeout(ms: number): AbortSignal {
    const controller = new AbortController();
    globalThis.setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
    return controller.signal;
  };
  // fake-timers patches the CommonJS face of node:timers(/promises); `import { setTimeout } from 'node:timers/promises'`
  // in a client reads the ESM face, which only follows after a sync.
  syncBuiltinESMExports();
  const timerErrors: unknown[] = [];

  /** The earliest pending timer's due time. `timerHeap` is internal to fake-timers; `countTimers` is the public fallback. */
  const nextDue = (): number | undefined => {
    const heap = (clock as unknown as { timerHeap?: { peek(): { callAt: number } | undefined } }).timerHeap;
    if (heap) return heap.peek()?.callAt;
    return clock.countTimers() > 0 ? clock.now : undefined;
  };

  const fire = (): void => {
    try {
      clock.next();
    } catch (error) {
      timerErrors.push(error);
    }
  };

  /** Everything in flight waits on the provider's clock: every provider-side request is parked, and no client fetch is still on its way. */
  const onlyParked = (): boolean => activity.atProvider > 0 && activity.parked >= activity.atProvider && activity.atClient <= activity.atProvider;

  const settle = async (): Promise<void> => {
    let seen = activity.version;
    let movedAt = performance.now();
    for (;;) {
      if (activity.stopped) return;
      await turn();
      await turn();
      const now = performance.now();
      if (activity.version !== seen) {
        seen = activity.version;
        movedAt = now;
      }
      const quiet = now - activity.lastAt >= QUIET_MS;
      if (activity.inFlight === 0 ? quiet : (onlyParked() && quiet) || now - movedAt >= PATIENCE_MS) return;
      await sleep(1);
    }
  };

  return {
    now: () => clock.now,
    elapsedMs: () => clock.now - VIRTUAL_EPOCH,
    settle,
    timerErrors,
    async drive<T>(promise: Promise<T>, limits: Pick<CheckLimits, 'operationSeconds' | 'timerSteps' | 'stallMs'>): Promise<Outcome<T>> {
      let outcome: Outcome<T> | undefined;
      promise.then(
        (value) => (outcome = { kind: 'resolved', value }),
        (error: unknown) => (outcome = { kind: 'rejected', error, message: errorMessage(error) }),
      );
      const startedAt = clock.now;
      let steps = 0;
      let idleSince = performance.now();
      let seen = activity.version;
      for (;;) {
        await settle();
        if (outcome) return outcome;
        if (activity.stopped) return { kind: 'stopped', reason: activity.stopped.reason, message: activity.stopped.message };
        const due = nextDue();
        if (due !== undefined) {
          if (due - startedAt > limits.operationSeconds * 1000) {
            return {
              kind: 'stopped',
              reason: 'time-limit',
              message: `still not done after ${limits.operationSeconds} s of virtual time (its next timer was due ${Math.round((due - startedAt) / 1000)} s after it started)`,
            };
          }
          if (++steps > limits.timerSteps) {
            return { kind: 'stopped', reason: 'step-limit', message: `still not done after firing ${limits.timerSteps} of its timers` };
          }
          fire();
          idleSince = performance.now();
          continue;
        }
        if (activity.version !== seen) {
          seen = activity.version;
          idleSince = performance.now();
        }
        if (performance.now() - idleSince > limits.stallMs) {
          return {
            kind: 'stopped',
            reason: 'stalled',
            message: `neither finished, made a request nor set a timer for ${limits.stallMs} ms of real time (a timer created before the suite started, or a promise nobody resolves?)`,
          };
        }
        await sleep(2);
      }
    },
    async advance(ms: number, maxSteps: number) {
      const target = clock.now + ms;
      let steps = 0;
      for (;;) {
        await settle();
        if (activity.stopped) {
          // The client was stopped: its timers must not run any more (each would only add a hanging request).
          clock.setSystemTime(target);
          return;
        }
        const due = nextDue();
        if (due === undefined || due > target) break;
        if (++steps > maxSteps) {
          // A busy interval timer: run the rest without waiting for the wire between firings.
          try {
            clock.tick(target - clock.now);
          } catch (error) {
            timerErrors.push(error);
          }
          break;
        }
        fire();
      }
      try {
        if (clock.now < target) clock.tick(target - clock.now);
      } catch (error) {
        timerErrors.push(error);
      }
      await settle();
    },
    uninstall() {
      AbortSignal.timeout = realAbortTimeout;
      clock.uninstall();
      syncBuiltinESMExports();
    },
  };
}
