// What is happening on the wire during a check: requests in flight, the last real moment anything moved, stop requests.
import { performance } from 'node:perf_hooks';

export interface StopRequest {
  reason: 'request-limit';
  message: string;
}

export interface Activity {
  /** Marks a request as in flight; call the returned function when it is answered. */
  begin(): () => void;
  readonly inFlight: number;
  /** Bumped on every begin and end, so a waiter can tell whether anything moved. */
  readonly version: number;
  /** Real time (performance.now) of the last begin or end. */
  readonly lastAt: number;
  /** Asks every driver of this check to stop: the client is looping. */
  stop(request: StopRequest): void;
  readonly stopped: StopRequest | undefined;
}

export function createActivity(): Activity {
  let inFlight = 0;
  let version = 0;
  let lastAt = performance.now();
  let stopped: StopRequest | undefined;
  const touch = (): void => {
    version++;
    lastAt = performance.now();
  };
  return {
    begin() {
      inFlight++;
      touch();
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        inFlight--;
        touch();
      };
    },
    get inFlight() {
      return inFlight;
    },
    get version() {
      return version;
    },
    get lastAt() {
      return lastAt;
    },
    stop(request) {
      stopped ??= request;
    },
    get stopped() {
      return stopped;
    },
  };
}
