// The webhook delivery log: every attempt of every delivery, bounded in entries and bytes (finished deliveries dropped first).

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryAttempt {
  /** 1 for the first try. */
  n: number;
  /** Clock time (epoch ms) the attempt started. */
  at: number;
  /** The receiver's HTTP status; absent when it never answered. */
  status?: number;
  /** Real milliseconds until the answer (or the failure). */
  latencyMs: number;
  /** Why the attempt failed: a network error, the time-out, a non-2xx status, a scenario. */
  error?: string;
}

export interface Delivery {
  id: string;
  environment: string;
  subscriptionId: string;
  clientId: string;
  event: string;
  hubId: string;
  /** The receiver's origin and path (its query, which may hold secrets, is left out). */
  target: string;
  /** The body as sent (the verification token is never recorded). */
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  /** Clock time of the next retry, while pending. */
  nextAttemptAt: number | null;
}

export interface DeliveryLogLimits {
  maxEntries: number;
  maxBytes: number;
}

export interface DeliveryLog {
  add(delivery: Delivery): void;
  /** Call after a delivery changed (an attempt recorded): its size is measured again and limits enforced. */
  touched(delivery: Delivery): void;
  list(filter?: { environment?: string; subscriptionId?: string; status?: DeliveryStatus }): Delivery[];
  /** Deliveries dropped to stay within the limits since the last clear, and how many of them were still pending. */
  readonly dropped: { finished: number; pending: number };
  readonly bytes: number;
  clear(): void;
}

const sizeOf = (d: Delivery): number => JSON.stringify(d).length;

/** `onDropPending` is told when a still-pending delivery had to go (its retries are cancelled). */
export function createDeliveryLog(limits: DeliveryLogLimits, onDropPending: (d: Delivery) => void): DeliveryLog {
  const entries = new Map<string, { delivery: Delivery; bytes: number }>();
  let bytes = 0;
  const dropped = { finished: 0, pending: 0 };

  const drop = (id: string): void => {
    const entry = entries.get(id)!;
    entries.delete(id);
    bytes -= entry.bytes;
    if (entry.delivery.status === 'pending') {
      dropped.pending++;
      onDropPending(entry.delivery);
    } else dropped.finished++;
  };
  const over = (): boolean => entries.size > limits.maxEntries || bytes > limits.maxBytes;
  const enforce = (keep: string): void => {
    // Finished deliveries first, oldest first; pending ones only if that is not enough. Never the one just added.
    for (const [id, e] of entries) {
      if (!over()) return;
      if (id !== keep && e.delivery.status !== 'pending') drop(id);
    }
    for (const id of [...entries.keys()]) {
      if (!over()) return;
      if (id !== keep) drop(id);
    }
  };

  return {
    add(delivery) {
      const size = sizeOf(delivery);
      entries.set(delivery.id, { delivery, bytes: size });
      bytes += size;
      enforce(delivery.id);
    },
    touched(delivery) {
      const entry = entries.get(delivery.id);
      if (!entry) return;
      const size = sizeOf(delivery);
      bytes += size - entry.bytes;
      entry.bytes = size;
      enforce(delivery.id);
    },
    list(filter = {}) {
      return [...entries.values()]
        .map((e) => e.delivery)
        .filter(
          (d) =>
            (filter.environment === undefined || d.environment === filter.environment) &&
            (filter.subscriptionId === undefined || d.subscriptionId === filter.subscriptionId) &&
            (filter.status === undefined || d.status === filter.status),
        );
    },
    get dropped() {
      return { ...dropped };
    },
    get bytes() {
      return bytes;
    },
    clear() {
      entries.clear();
      bytes = 0;
      dropped.finished = 0;
      dropped.pending = 0;
    },
  };
}
