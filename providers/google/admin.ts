// Google's extras of the admin API (/__admin/providers/google/…): approve an authorisation, list the test accounts and the directory.
import { Hono } from 'hono';
import { adminJson, adminRefusal } from '../../core/admin-json.ts';
import type { DoubleError } from '../../core/errors.ts';
import type { ProviderContext } from '../../core/provider.ts';
import { lazySchema } from '../../core/zod.ts';
import { authorizationQuery } from './authorize/approve.ts';
import { decide, silentDecision } from './authorize/decision.ts';
import { checkAuthorizeRequest } from './authorize/request.ts';
import { world } from './data/world.ts';
import type { GoogleQuirks } from './quirks.ts';

const AuthorizeBody = lazySchema((z) => {
  const Decision = {
    userEmail: z.string().optional(),
    decision: z.enum(['approve', 'deny']).optional(),
  };

  return z.union([
    z.strictObject({ url: z.url(), ...Decision }),
    z.strictObject({
      clientId: z.string().min(1),
      redirectUri: z.string().min(1),
      scope: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
      state: z.string().optional(),
      accessType: z.enum(['online', 'offline']).optional(),
      prompt: z.string().optional(),
      nonce: z.string().optional(),
      loginHint: z.string().optional(),
      includeGrantedScopes: z.boolean().optional(),
      hd: z.string().optional(),
      codeChallenge: z.string().optional(),
      codeChallengeMethod: z.enum(['S256', 'plain']).optional(),
      ...Decision,
    }),
  ]);
});

export function googleAdminRoutes(ctx: ProviderContext<GoogleQuirks>): Hono {
  const app = new Hono();

  // The same checks and the same code issuing as the consent page's form.
  app.post('/authorize', async (c) => {
    const body = await adminJson(c, AuthorizeBody);
    if (body instanceof Response) return body;
    try {
      const query = 'url' in body ? new URL(body.url).searchParams : authorizationQuery(body);
      const request = checkAuthorizeRequest(ctx, query);
      const redirectUrl = request.promptNone
        ? silentDecision(ctx, request)
        : decide(ctx, request, { approve: (body.decision ?? 'approve') === 'approve', userEmail: body.userEmail });
      return c.json({ redirectUrl });
    } catch (error) {
      return adminRefusal(c, error, (e: DoubleError) => e.details.providerType ?? e.code);
    }
  });

  app.get('/users', (c) => c.json(world(ctx).users));
  app.get('/directory', (c) => c.json({ domain: world(ctx).domain, customerId: world(ctx).customerId, users: world(ctx).directory }));
  return app;
}
