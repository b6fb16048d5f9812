// What is happening on the wire during a check: requests in flight, those parked on the clock, the last real moment anything moved, stop requests.
import { performance } from 'node:perf_hooks';

/** What the check was doing: building the client, running one of its operations, or letting time pass (only the client's own timers run). */
export type Phase = 'setup' | 'operation' | 'waiting';

export interface StopRequest {
  /** The request cap was reached, or the check ran out of real time. */
  reason: 'request-limit' | 'check-deadline';
  message: string;
  /** What the check was doing when the client had to be stopped (filled in by the activity). */
  during?: Phase;
}

/** Where a request is counted: the client's fetch as it leaves, or the provider's side as it is answered. */
export type Side = 'client' | 'provider';

export interface Activity {
  /** Marks a request as in flight on one side; call the returned function when it is answered. */
  begin(side?: Side): () => void;
  readonly inFlight: number;
  /** Requests in flight on the provider's side. */
  readonly atProvider: number;
  /** Requests in flight on the client's side (its fetch calls). */
  readonly atClient: number;
  /** Provider-side requests waiting on the clock (a slow or hung scenario); call the returned function when the wait ends. */
  park(): () => void;
  readonly parked: number;
  /** Bumped on every begin, end, park and unpark, so a waiter can tell whether anything moved. */
  readonly version: number;
  /** Real time (performance.now) of the last change. */
  readonly lastAt: number;
  /** What the check is doing now; set by the runner. */
  phase: Phase;
  /** Asks every driver of this check to stop: the client is looping. */
  stop(request: StopRequest): void;
  readonly stopped: StopRequest | undefined;
}

export function createActivity(): Activity {
  const count: Record<Side, number> = { client: 0, provider: 0 };
  let parked = 0;
  let version = 0;
  let lastAt = performance.now();
  let stopped: StopRequest | undefined;
  const touch = (): void => {
    version++;
    lastAt = performance.now();
  };
  /** +1 now, -1 once when the returned function is called. */
  const hold = (change: (by: number) => void): (() => void) => {
    change(1);
    touch();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      change(-1);
      touch();
    };
  };
  return {
    phase: 'setup',
    begin: (side = 'provider') => hold((by) => (count[side] += by)),
    get inFlight() {
      return count.client + count.provider;
    },
    get atProvider() {
      return count.provider;
    },
    get atClient() {
      return count.client;
    },
    park: () => hold((by) => (parked += by)),
    get parked() {
      return parked;
    },
    get version() {
      return version;
    },
    get lastAt() {
      return lastAt;
    },
    stop(request) {
      stopped ??= { ...request, during: this.phase };
    },
    get stopped() {
      return stopped;
    },
  };
}
