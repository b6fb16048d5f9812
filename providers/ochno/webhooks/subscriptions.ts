// /subscriptions/v1: create (event[], webhookUrl, verificationToken), extend with PATCH, remove with DELETE; they lapse unless extended.
import type { Context, Hono } from 'hono';
import { DoubleError } from '../../../core/errors.ts';
import type { HarnessEnv, HostDefinition, ProviderContext } from '../../../core/provider.ts';
import { lazySchema } from '../../../core/zod.ts';
import { authorizeBearer, type Caller } from '../api/caller.ts';
import { jsonBody } from '../api/json-body.ts';
import { world, type Subscription } from '../data/world.ts';
import { SUBSCRIPTIONS_PATH } from '../hosts.ts';
import type { OchnoQuirks } from '../quirks.ts';
import { liveSubscriptions, WEBHOOK_EVENTS } from './events.ts';

type Ctx = ProviderContext<OchnoQuirks>;

/** UNK: how many live subscriptions one integration may hold. */
const MAX_PER_INTEGRATION = 50;

const CreateBody = lazySchema((z) => {
  const httpUrl = z.string().max(2048).refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'webhookUrl must be an absolute http(s) URL');

  /** DOC (demo): `{"event": [...], "webhookUrl": "…", "verificationToken": "…"}`. */
  return z.strictObject({
    event: z.array(z.enum(WEBHOOK_EVENTS, { error: `each event must be one of ${WEBHOOK_EVENTS.join(', ')}` })).min(1, 'event must list at least one event'),
    webhookUrl: httpUrl,
    verificationToken: z.string().min(1, 'verificationToken must not be empty').max(512),
  });
});

/** INF: subscriptions are read by integrations holding a hubs scope (the events are hub data). */
const SCOPES = ['hubs:read', 'hubs:write'];

const view = (s: Subscription) => ({ id: s.id, event: s.events, webhookUrl: s.webhookUrl, expiresAt: new Date(s.expiresAt).toISOString() });

function ownSubscription(ctx: Ctx, caller: Caller, id: string): Subscription {
  const live = liveSubscriptions(ctx).find((s) => s.id === id);
  if (!live || live.clientId !== caller.token.clientId || live.environment !== caller.token.environment) {
    throw new DoubleError('not_found', `No live subscription "${id}": it was deleted, or it lapsed because it was not extended (PATCH) in time — create a new one.`, {
      field: 'id',
    });
  }
  return live;
}

export function subscriptionRoutes(ctx: Ctx, host: HostDefinition, api: Hono<HarnessEnv>): void {
  const create = async (c: Context<HarnessEnv>): Promise<Response> => {
    const caller = authorizeBearer(ctx, host, c, SCOPES);
    const body = await jsonBody(c, CreateBody, `POST ${SUBSCRIPTIONS_PATH}/`);
    const mine = liveSubscriptions(ctx).filter((s) => s.clientId === caller.token.clientId && s.environment === host.environment);
    if (mine.length >= MAX_PER_INTEGRATION) {
      throw new DoubleError('invalid_request', `The integration already holds ${MAX_PER_INTEGRATION} live subscriptions; delete some first.`);
    }
    const w = world(ctx);
    const now = ctx.clock.now();
    const subscription: Subscription = {
      id: ctx.random.string.uuid(),
      environment: host.environment as Subscription['environment'],
      clientId: caller.token.clientId,
      accountId: caller.accountId,
      events: [...new Set(body.event)],
      webhookUrl: body.webhookUrl,
      verificationToken: body.verificationToken,
      createdAt: now,
      expiresAt: now + ctx.quirks.subscriptionLifetimeSeconds * 1000,
    };
    w.subscriptions.set(subscription.id, subscription);
    // DOC (demo): the answer is `{"id": "…"}`; UNK: 201 and the expiry alongside.
    return c.json({ id: subscription.id, expiresAt: new Date(subscription.expiresAt).toISOString() }, 201);
  };
  api.post(`${SUBSCRIPTIONS_PATH}/`, create);
  api.post(SUBSCRIPTIONS_PATH, create);

  // DOC (demo): PATCH extends it (the demo does so every 100 minutes). UNK: by a whole lifetime from now.
  api.patch(`${SUBSCRIPTIONS_PATH}/:id`, (c) => {
    const caller = authorizeBearer(ctx, host, c, SCOPES);
    const subscription = ownSubscription(ctx, caller, c.req.param('id'));
    subscription.expiresAt = ctx.clock.now() + ctx.quirks.subscriptionLifetimeSeconds * 1000;
    return c.json(view(subscription));
  });
  api.delete(`${SUBSCRIPTIONS_PATH}/:id`, (c) => {
    const caller = authorizeBearer(ctx, host, c, SCOPES);
    const subscription = ownSubscription(ctx, caller, c.req.param('id'));
    world(ctx).subscriptions.delete(subscription.id);
    return c.body(null, 204);
  });
}
