// Ochno's extras of the admin API (/__admin/providers/ochno/…): approve an authorisation, hubs, trigger hub events, deliveries, subscriptions.
import { Hono, type Context } from 'hono';
import { adminJson } from '../../core/admin-json.ts';
import { isDoubleError } from '../../core/errors.ts';
import type { Harness } from '../../core/harness.ts';
import type { ProviderContext } from '../../core/provider.ts';
import { lazySchema } from '../../core/zod.ts';
import { approveAuthorization } from './authorize/approve.ts';
import { world } from './data/world.ts';
import type { OchnoQuirks } from './quirks.ts';
import { applyHubChange, HUB_CHANGES, liveSubscriptions, type HubChange } from './webhooks/events.ts';
import { dispatcher } from './webhooks/state.ts';

const AuthorizeBody = lazySchema((z) =>
  z.strictObject({
    url: z.url({ protocol: /^https?$/ }),
    userEmail: z.string().optional(),
    accountId: z.string().optional(),
    decision: z.enum(['approve', 'deny']).optional(),
  }),
);
const EventBody = lazySchema((z) =>
  z.strictObject({
    kind: z.enum(HUB_CHANGES),
    port: z.number().int().optional(),
    watts: z.number().finite().optional(),
    celsius: z.number().finite().optional(),
  }),
);

const problem = (c: Context, description: string, status: 400 | 404 = 400) =>
  c.json({ error: status === 404 ? 'not_found' : 'invalid_request', error_description: description }, status);

export function ochnoAdminRoutes(ctx: ProviderContext<OchnoQuirks>, harness?: Harness): Hono {
  const app = new Hono();

  // The same page and form a person uses, driven through the harness (authorize/approve.ts).
  app.post('/authorize', async (c) => {
    const parsed = await adminJson(c, AuthorizeBody);
    if (parsed instanceof Response) return parsed;
    if (!harness) return problem(c, 'Approval is served by the admin API of a running harness.');
    try {
      return c.json({ redirectUrl: await approveAuthorization(harness, parsed) });
    } catch (error) {
      return problem(c, (error as Error).message);
    }
  });

  app.get('/hubs', (c) => {
    const environment = c.req.query('environment') ?? 'production';
    return c.json([...world(ctx).hubs.values()].filter((h) => h.environment === environment).map(({ accountId, hub }) => ({ accountId, ...hub })));
  });
  app.post('/hubs/:hubId/events', async (c) => {
    const parsed = await adminJson(c, EventBody);
    if (parsed instanceof Response) return parsed;
    try {
      return c.json({ deliveries: applyHubChange(ctx, c.req.param('hubId'), parsed as HubChange) }, 202);
    } catch (error) {
      if (isDoubleError(error)) return problem(c, error.description, error.code === 'not_found' ? 404 : 400);
      throw error;
    }
  });

  app.get('/deliveries', (c) => {
    const { environment, subscriptionId, status } = c.req.query();
    const log = dispatcher(ctx).log;
    const wanted = status === 'pending' || status === 'delivered' || status === 'failed' ? status : undefined;
    return c.json({ deliveries: log.list({ environment, subscriptionId, status: wanted }), dropped: log.dropped, bytes: log.bytes });
  });
  app.get('/subscriptions', (c) =>
    c.json(
      liveSubscriptions(ctx).map(({ verificationToken: _secret, ...s }) => ({ ...s, createdAt: new Date(s.createdAt).toISOString(), expiresAt: new Date(s.expiresAt).toISOString() })),
    ),
  );
  return app;
}
