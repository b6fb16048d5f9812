// Webhooks from a test's side: trigger hub changes, read every delivery attempt, wait for deliveries, route them elsewhere.
import type { Harness } from '../../../core/harness.ts';
import type { OchnoQuirks } from '../quirks.ts';
import { world, type Hub } from '../data/world.ts';
import type { Delivery, DeliveryStatus } from './delivery-log.ts';
import type { DeliveryTransport } from './dispatcher.ts';
import { applyHubChange, type HubChange } from './events.ts';
import { dispatcher } from './state.ts';

const ochno = (harness: Harness) => harness.context<OchnoQuirks>('ochno');

/** A change on the hardware side (the hub goes offline, an input is connected…): applied, then delivered to subscribers. Returns the deliveries queued. */
export const triggerHubEvent = (harness: Harness, hubId: string, change: HubChange): number => applyHubChange(ochno(harness), hubId, change);

/** Every delivery and its attempts (status, latency, error), oldest first. */
export const webhookDeliveries = (harness: Harness, filter?: { environment?: string; subscriptionId?: string; status?: DeliveryStatus }): Delivery[] =>
  dispatcher(ochno(harness)).log.list(filter);

/** Resolves once no delivery attempt is in flight or due at the harness clock's current time. */
export const webhooksSettled = (harness: Harness): Promise<void> => dispatcher(ochno(harness)).idle();

/** Sends deliveries through `transport` instead of the global fetch (undefined: back to fetch). */
export const routeWebhooks = (harness: Harness, transport: DeliveryTransport | undefined): void => dispatcher(ochno(harness)).route(transport);

/** The hubs of an environment with the account each belongs to. */
export const ochnoHubs = (harness: Harness, environment = 'production'): Array<{ accountId: string; hub: Hub }> =>
  [...world(ochno(harness)).hubs.values()].filter((h) => h.environment === environment).map(({ accountId, hub }) => ({ accountId, hub }));
