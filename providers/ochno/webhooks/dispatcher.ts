// Sends webhook deliveries in the background: never inside the request that caused them, retried with back-off in clock time.
import { performance } from 'node:perf_hooks';
import type { ProviderContext } from '../../../core/provider.ts';
import type { Subscription } from '../data/world.ts';
import type { OchnoQuirks } from '../quirks.ts';
import { createDeliveryLog, type Delivery, type DeliveryLog } from './delivery-log.ts';

/** How a delivery leaves: `fetch` looked up at each send (so MSW, or a test's own stub, sees it), unless a test routes it elsewhere. */
export type DeliveryTransport = (request: Request) => Promise<Response>;

export interface WebhookDispatcher {
  readonly log: DeliveryLog;
  /** Queues the first attempt of a delivery to `subscription`; returns at once. */
  enqueue(subscription: Subscription, payload: Record<string, unknown>, hubId: string): Delivery;
  /** Resolves once no attempt is in flight and none is due at the current clock time (later retries do not count). */
  idle(): Promise<void>;
  /** Routes deliveries through `transport` instead of the global fetch (undefined: back to fetch). */
  route(transport: DeliveryTransport | undefined): void;
  /** Cancels every timer, aborts attempts in flight, and stops following the clock. */
  stop(): void;
}

/**
 * Attempts are data (`dueAt` in clock time), so retries follow the harness clock whichever way it moves:
 * - `clock.advance()` / `clock.set()` notify the dispatcher, which runs what became due;
 * - fake timers (vitest's, the contract runner's) move both `Date.now` and the one timer set for the next
 *   due attempt, so the retry fires when the fake time reaches it;
 * - in real time the timer fires when the back-off has passed. The timer is unref'd: it never keeps a
 *   process alive, and `stop()` (harness reset or close) cancels it.
 */
export function createDispatcher(ctx: ProviderContext<OchnoQuirks>): WebhookDispatcher {
  const { clock, quirks } = ctx;
  const due = new Map<string, { delivery: Delivery; subscription: Subscription; at: number }>();
  const inFlight = new Set<Promise<void>>();
  const aborter = new AbortController();
  let transport: DeliveryTransport | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let seq = 0;

  const log = createDeliveryLog({ maxEntries: quirks.deliveryLogMaxEntries, maxBytes: quirks.deliveryLogMaxBytes }, (d) => {
    due.delete(d.id);
  });

  const arm = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (stopped || due.size === 0) return;
    const next = Math.min(...[...due.values()].map((d) => d.at));
    timer = setTimeout(pump, Math.min(2 ** 31 - 1, Math.max(0, next - clock.now())));
    (timer as { unref?: () => void }).unref?.();
  };

  function pump(): void {
    timer = undefined;
    if (stopped) return;
    const now = clock.now();
    for (const [id, item] of due) {
      if (item.at > now) continue;
      due.delete(id);
      const run = attempt(item.delivery, item.subscription).finally(() => inFlight.delete(run));
      inFlight.add(run);
    }
    arm();
  }

  const body = (subscription: Subscription, payload: Record<string, unknown>): string =>
    JSON.stringify(quirks.webhookTokenPlacement === 'body' ? { ...payload, verificationToken: subscription.verificationToken } : payload);

  async function attempt(delivery: Delivery, subscription: Subscription): Promise<void> {
    const n = delivery.attempts.length + 1;
    const at = clock.now();
    const started = performance.now();
    let status: number | undefined;
    let error: string | undefined;
    if (ctx.scenarios.consume('ochno', 'webhook-delivery-fails') !== undefined) {
      error = 'scenario webhook-delivery-fails: Ochno could not deliver (the receiver was not contacted)';
    } else {
      const headers = new Headers({ 'content-type': quirks.webhookContentType, 'user-agent': 'Ochno-Operated-Webhooks' });
      if (quirks.webhookTokenPlacement === 'header') headers.set(quirks.webhookTokenHeader, subscription.verificationToken);
      try {
        const signal = AbortSignal.any([aborter.signal, AbortSignal.timeout(quirks.webhookTimeoutMs)]);
        const request = new Request(subscription.webhookUrl, { method: 'POST', headers, body: body(subscription, delivery.payload), signal });
        const response = await (transport ?? ((r: Request) => globalThis.fetch(r)))(request);
        status = response.status;
        await response.body?.cancel().catch(() => undefined);
        if (status < 200 || status > 299) error = `the receiver answered ${status}`;
      } catch (cause) {
        const e = cause as Error;
        error = e?.name === 'TimeoutError' ? `no answer within ${quirks.webhookTimeoutMs} ms` : `${e?.name ?? 'Error'}: ${e?.message ?? String(cause)}`;
      }
    }
    if (stopped) return;
    delivery.attempts.push({ n, at, ...(status !== undefined ? { status } : {}), latencyMs: Math.round(performance.now() - started), ...(error ? { error } : {}) });
    const backoff = quirks.webhookRetrySeconds[n - 1];
    if (error === undefined) {
      delivery.status = 'delivered';
      delivery.nextAttemptAt = null;
    } else if (backoff === undefined) {
      delivery.status = 'failed';
      delivery.nextAttemptAt = null;
    } else {
      delivery.nextAttemptAt = clock.now() + backoff * 1000;
      due.set(delivery.id, { delivery, subscription, at: delivery.nextAttemptAt });
      arm();
    }
    log.touched(delivery);
  }

  const unfollow = clock.onChange?.(() => {
    if (due.size > 0) queueMicrotask(pump);
  });

  return {
    log,
    enqueue(subscription, payload, hubId) {
      const url = new URL(subscription.webhookUrl);
      const delivery: Delivery = {
        id: `ochno-delivery-${++seq}`,
        environment: subscription.environment,
        subscriptionId: subscription.id,
        clientId: subscription.clientId,
        event: String(payload['event']),
        hubId,
        target: `${url.origin}${url.pathname}`,
        payload,
        status: 'pending',
        attempts: [],
        nextAttemptAt: clock.now(),
      };
      log.add(delivery);
      due.set(delivery.id, { delivery, subscription, at: clock.now() });
      // After the causing request has been answered: a microtask, which no fake timer holds back.
      queueMicrotask(pump);
      return delivery;
    },
    async idle() {
      for (;;) {
        // A microtask turn (no timer: fake timers must not hold it back) lets queued pumps run first.
        await Promise.resolve();
        const now = clock.now();
        if ([...due.values()].some((d) => d.at <= now)) pump();
        if (inFlight.size === 0) return;
        await Promise.allSettled([...inFlight]);
      }
    },
    route(next) {
      transport = next;
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      due.clear();
      aborter.abort();
      unfollow?.();
    },
  };
}
