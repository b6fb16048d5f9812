// Hub changes as webhook events: which subscriptions are live, the payload shapes of ochno.md, and changes a test can trigger.
import type { ProviderContext } from '../../../core/provider.ts';
import { DoubleError } from '../../../core/errors.ts';
import { PORTS } from '../data/seed.ts';
import { world, type Hub, type Subscription } from '../data/world.ts';
import type { OchnoQuirks } from '../quirks.ts';
import { dispatcher } from './state.ts';

/** DOC (Ochno's demo): the events a subscription may ask for. */
export const WEBHOOK_EVENTS = ['hub:state:change', 'hub:config:change', 'hub:con:change', 'hub:charging', 'hub:temp'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

type Ctx = ProviderContext<OchnoQuirks>;

/** Subscriptions whose lifetime has not run out. Scenario `subscription-expired` lets every one lapse now, for good. */
export function liveSubscriptions(ctx: Ctx): Subscription[] {
  const w = world(ctx);
  const now = ctx.clock.now();
  if (ctx.scenarios.consume('ochno', 'subscription-expired') !== undefined) for (const s of w.subscriptions.values()) s.expiresAt = Math.min(s.expiresAt, now);
  for (const [id, s] of w.subscriptions) if (s.expiresAt <= now) w.subscriptions.delete(id);
  return [...w.subscriptions.values()];
}

/**
 * DOC (demo): `{"event", "hubId" | "serialNumber", "data": {...}}` (quirk `webhookHubKey`). Every live
 * subscription of the hub's account that asked for the event gets a delivery; none of this waits for them.
 */
export function hubEvent(ctx: Ctx, hub: Hub, event: WebhookEvent, data: Record<string, unknown>): number {
  const entry = world(ctx).hubs.get(hub.id);
  if (!entry) return 0;
  const key = ctx.quirks.webhookHubKey;
  const payload = { event, [key]: key === 'hubId' ? hub.id : hub.serialNumber, data };
  const targets = liveSubscriptions(ctx).filter((s) => s.environment === entry.environment && s.accountId === entry.accountId && s.events.includes(event));
  for (const subscription of targets) dispatcher(ctx).enqueue(subscription, payload, hub.id);
  return targets.length;
}

/** A change on the hardware side, as a test or the admin API triggers it. */
export type HubChange =
  | { kind: 'offline' }
  | { kind: 'online' }
  | { kind: 'input-connected'; port: number }
  | { kind: 'input-disconnected'; port: number }
  | { kind: 'port-changed'; port: number }
  | { kind: 'charging'; port: number; watts?: number }
  | { kind: 'temperature'; celsius: number };

export const HUB_CHANGES = ['offline', 'online', 'input-connected', 'input-disconnected', 'port-changed', 'charging', 'temperature'] as const;

function portOf(change: { port: number }, min: number): number {
  if (!Number.isInteger(change.port) || change.port < min || change.port > PORTS) {
    throw new DoubleError('invalid_request', `port must be a whole number ${min}–${PORTS}; got ${change.port}.`, { field: 'port' });
  }
  return change.port;
}

/** Applies the change to the hub (a later GET shows it) and notifies subscribers; returns the number of deliveries queued. */
export function applyHubChange(ctx: Ctx, hubId: string, change: HubChange): number {
  const hub = world(ctx).hubs.get(hubId)?.hub;
  if (!hub) throw new DoubleError('not_found', `No Ochno hub "${hubId}".`, { field: 'hubId' });
  const d = hub.data;
  switch (change.kind) {
    case 'offline':
    case 'online':
      d.presence = change.kind === 'online';
      // INF: presence travels as a connection change, without the full state (the receiver re-reads the hub).
      return hubEvent(ctx, hub, 'hub:con:change', { presence: d.presence });
    case 'input-connected':
    case 'input-disconnected': {
      const port = portOf(change, 1);
      d.state.connected[port - 1] = change.kind === 'input-connected' ? 1 : 0;
      d.connections[port - 1]!.type = change.kind === 'input-connected' ? 'usb-c' : 'none';
      // DOC (demo): hub:con:change carries no full state.
      return hubEvent(ctx, hub, 'hub:con:change', { port, connected: change.kind === 'input-connected' });
    }
    case 'port-changed':
      d.state.active = portOf(change, 0);
      return hubEvent(ctx, hub, 'hub:state:change', { newState: structuredClone(d.state) });
    case 'charging': {
      const port = portOf(change, 1);
      const watts = change.watts ?? 60;
      d.connections[port - 1]!.charging = watts > 0;
      d.connections[port - 1]!.watts = watts;
      return hubEvent(ctx, hub, 'hub:charging', { port, charging: watts > 0, watts });
    }
    case 'temperature':
      if (!Number.isFinite(change.celsius)) throw new DoubleError('invalid_request', 'celsius must be a number.', { field: 'celsius' });
      d.temperature = change.celsius;
      return hubEvent(ctx, hub, 'hub:temp', { temperature: change.celsius });
    default:
      throw new DoubleError('invalid_request', `Unknown hub change; one of ${HUB_CHANGES.join(', ')}.`, { field: 'kind' });
  }
}
