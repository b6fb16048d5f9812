// One Ochno host (production or stage): token endpoint, userinfo, authorisation page, the API and webhook subscriptions.
import { Hono } from 'hono';
import type { HarnessEnv, HostDefinition, ProviderContext } from '../../core/provider.ts';
import { methodNotAllowed } from '../../core/routes.ts';
import { accountRoutes } from './api/accounts.ts';
import { hubRoutes } from './api/hubs.ts';
import { authorizeRoutes } from './authorize/page.ts';
import { SUBSCRIPTIONS_PATH, TOKEN_PATH, USERINFO_PATH } from './hosts.ts';
import { tokenEndpoint } from './identity/grants.ts';
import { userinfo } from './identity/userinfo.ts';
import type { OchnoQuirks } from './quirks.ts';
import { subscriptionRoutes } from './webhooks/subscriptions.ts';

export function ochnoApp(ctx: ProviderContext<OchnoQuirks>, host: HostDefinition): Hono<HarnessEnv> {
  const app = new Hono<HarnessEnv>();
  app.post(TOKEN_PATH, (c) => tokenEndpoint(ctx, host, c));
  app.all(TOKEN_PATH, methodNotAllowed(['POST']));
  app.get(USERINFO_PATH, (c) => userinfo(ctx, host, c));
  app.all(USERINFO_PATH, methodNotAllowed(['GET']));
  authorizeRoutes(ctx, host, app);
  hubRoutes(ctx, host, app);
  accountRoutes(ctx, host, app);
  subscriptionRoutes(ctx, host, app);
  for (const path of ['/api/hubs/v1', '/api/hubs/v1/:hubId', '/api/accounts/v1', '/api/accounts/v1/groups', '/api/spaces/v1']) app.all(path, methodNotAllowed(['GET']));
  for (const path of ['/api/hubs/v1/:hubId/state', '/api/hubs/v1/:hubId/config']) app.all(path, methodNotAllowed(['PUT']));
  app.all(`${SUBSCRIPTIONS_PATH}/`, methodNotAllowed(['POST']));
  app.all(`${SUBSCRIPTIONS_PATH}/:id`, methodNotAllowed(['PATCH', 'DELETE']));
  return app;
}
