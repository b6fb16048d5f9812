// The harness clock: real time by default, movable by tests, and following vitest's fake timers.

/** Milliseconds since the epoch, read through the clock so that tests can move time. */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
  /** Current time in whole epoch seconds (what JWT `iat`/`exp` and `expires_in` arithmetic use). */
  nowSeconds(): number;
  /** Moves time forward (or back, with a negative number) by this many seconds. */
  advance(seconds: number): void;
  /** Jumps to an absolute time. */
  set(at: number | Date): void;
  /** Returns to the time source without any offset (real time, or the fake timers' time). */
  reset(): void;
  /** How far this clock stands from its source, in milliseconds. */
  offsetMs(): number;
  /**
   * Calls `listener` after every `advance`, `set` and `reset` (not as real time passes), so work scheduled
   * in clock time (webhook retries) can run when a test moves time. Returns the unsubscribe function.
   */
  onChange?(listener: () => void): () => void;
  /**
   * Waits `ms` of timer time (the global setTimeout at call time, so fake timers move it), ending early
   * when `signal` aborts; resolves true if the time passed, false if aborted. A harness's owner may wrap
   * it to learn that a request is waiting on the clock (the contract runner then moves time at once).
   */
  sleep?(ms: number, signal?: AbortSignal): Promise<boolean>;
}

/** The plain `Clock.sleep`: a timer looked up at call time, cancelled by the signal. */
export function sleepOnTimers(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface ClockOptions {
  /** Start at this instant (the clock then runs on from it, or stays there when `frozen`). */
  start?: number | Date;
  /** Time stands still except when a test moves it. Default false. */
  frozen?: boolean;
}

const toMs = (at: number | Date): number => (typeof at === 'number' ? at : at.getTime());

/** The times a harness clock may show: 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z (four-digit years, non-negative epochs). */
export const CLOCK_MIN_MS = 0;
export const CLOCK_MAX_MS = 253_402_300_799_999;

const inRange = (ms: number): boolean => Number.isFinite(ms) && ms >= CLOCK_MIN_MS && ms <= CLOCK_MAX_MS;
const RANGE = '1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z';

/**
 * Reads `Date.now` at each call (never a reference captured at load), so `vi.useFakeTimers()` /
 * `vi.setSystemTime()` move this clock too; `advance()` adds an offset on top of that source.
 */
export function createClock(options: ClockOptions = {}): Clock {
  const source = (): number => Date.now();
  if (options.start !== undefined && !inRange(toMs(options.start))) throw new RangeError(`The clock's start must be a time from ${RANGE}`);
  let frozenAt: number | undefined = options.frozen ? toMs(options.start ?? source()) : undefined;
  const initialOffset = !options.frozen && options.start !== undefined ? toMs(options.start) - source() : 0;
  const initialFrozenAt = frozenAt;
  let offset = initialOffset;

  const now = (): number => (frozenAt !== undefined ? frozenAt : source() + offset);
  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const listener of [...listeners]) listener();
  };
  return {
    now,
    nowSeconds: () => Math.floor(now() / 1000),
    // Checked before anything changes: a refused value leaves the clock as it was.
    advance(seconds) {
      if (!Number.isFinite(seconds)) throw new RangeError(`clock.advance needs a finite number of seconds, got ${seconds}`);
      const ms = Math.round(seconds * 1000);
      if (!inRange(now() + ms)) throw new RangeError(`clock.advance(${seconds}) would leave the clock's range (${RANGE})`);
      if (frozenAt !== undefined) frozenAt += ms;
      else offset += ms;
      changed();
    },
    set(at) {
      const target = toMs(at);
      if (!inRange(target)) throw new RangeError(`clock.set needs a time from ${RANGE}, got ${typeof at === 'number' ? at : String(at)}`);
      if (frozenAt !== undefined) frozenAt = target;
      else offset = target - source();
      changed();
    },
    reset() {
      frozenAt = initialFrozenAt;
      offset = initialOffset;
      changed();
    },
    offsetMs: () => (frozenAt !== undefined ? frozenAt - source() : offset),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sleep: sleepOnTimers,
  };
}
