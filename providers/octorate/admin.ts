// Octorate's extras of the admin API (/__admin/providers/octorate/…): approve an authorisation, list the fake users and properties.
import { Hono } from 'hono';
import { adminJson, adminRefusal } from '../../core/admin-json.ts';
import type { ProviderContext } from '../../core/provider.ts';
import { lazySchema } from '../../core/zod.ts';
import { decide, defaultProperty } from './authorize/decision.ts';
import { checkAuthorizeRequest } from './authorize/request.ts';
import type { OctorateQuirks } from './quirks.ts';
import { world } from './data/world.ts';

const AuthorizeBody = lazySchema((z) =>
  z.strictObject({
    clientId: z.string().min(1),
    redirectUri: z.string().min(1),
    state: z.string().optional(),
    propertyId: z.string().optional(),
    userEmail: z.string().optional(),
    decision: z.enum(['approve', 'deny']).optional(),
  }),
);

export function octorateAdminRoutes(ctx: ProviderContext<OctorateQuirks>): Hono {
  const app = new Hono();

  // The same checks and the same code issuing as the page's form (authorize-request.ts, authorize-decision.ts).
  app.post('/authorize', async (c) => {
    const body = await adminJson(c, AuthorizeBody);
    if (body instanceof Response) return body;
    try {
      const request = checkAuthorizeRequest(ctx, { clientId: body.clientId, redirectUri: body.redirectUri, state: body.state });
      const approve = (body.decision ?? 'approve') === 'approve';
      const propertyId = body.propertyId ?? (approve ? defaultProperty(ctx, request, body.userEmail)?.accommodation.id : undefined);
      return c.json({ redirectUrl: decide(ctx, request, { approve, propertyId, userEmail: body.userEmail }) });
    } catch (error) {
      return adminRefusal(c, error);
    }
  });

  app.get('/users', (c) => c.json(world(ctx).users));
  app.get('/properties', (c) =>
    c.json(world(ctx).properties.map((p) => ({ ...p.accommodation, environment: p.environment, ownerId: p.ownerId, products: p.products }))),
  );
  return app;
}
