// The api.octorate.com host: identity calls and API resources under /connect/rest, with Octorate's response headers.
import { Hono } from 'hono';
import type { HarnessEnv, ProviderContext } from '../../../core/provider.ts';
import { methodNotAllowed } from '../../../core/routes.ts';
import { accommodationRoutes } from './accommodation.ts';
import { calendarRoutes } from './calendar.ts';
import { configurationRoutes } from './configuration.ts';
import { createAccommodationRoutes } from './create-accommodation.ts';
import { reservationRoutes } from './reservation.ts';
import { userRoutes } from './user.ts';
import type { ApiEnv } from './caller.ts';
import { API_PREFIX } from '../hosts.ts';
import { apiLogin } from '../identity/apilogin.ts';
import { explainRefusal } from '../identity/explain.ts';
import { refreshToken } from '../identity/refresh.ts';
import { exchangeCode } from '../identity/token.ts';
import type { OctorateQuirks } from '../quirks.ts';

export function apiRoutes(ctx: ProviderContext<OctorateQuirks>): Hono<HarnessEnv> {
  const api = new Hono<ApiEnv>();

  // DOC (octorate.md "Errors"): `request-id` (UUID) on API responses, and `X-RateLimit-Remaining` once the
  // caller's application is known — errors included, since they pass through here after the route threw.
  api.use('*', async (c, next) => {
    c.set('caller', undefined);
    await next();
    c.header('request-id', ctx.random.string.uuid());
    const caller = c.get('caller');
    if (caller) c.header('X-RateLimit-Remaining', String(caller.remaining));
  });

  api.post('/v1/identity/token', (c) => explainRefusal(ctx, c, 'token', () => exchangeCode(ctx, c)));
  api.post('/v1/identity/refresh', (c) => explainRefusal(ctx, c, 'refresh', () => refreshToken(ctx, c)));
  api.post('/v1/identity/apilogin', (c) => explainRefusal(ctx, c, 'apilogin', () => apiLogin(ctx, c)));
  for (const path of ['/v1/identity/token', '/v1/identity/refresh', '/v1/identity/apilogin']) api.all(path, methodNotAllowed(['POST']));

  userRoutes(ctx, api);
  accommodationRoutes(ctx, api);
  reservationRoutes(ctx, api);
  calendarRoutes(ctx, api);
  configurationRoutes(ctx, api);
  createAccommodationRoutes(ctx, api);
  for (const path of ['/v1/user/info', '/v1/accommodation', '/v1/accommodation/:id', '/v1/reservation/:accommodation', '/v1/calendar/:accommodation', '/v1/api/configuration']) {
    api.all(path, methodNotAllowed(['GET']));
  }
  api.all('/v2/accommodation', methodNotAllowed(['POST']));

  const app = new Hono<HarnessEnv>();
  // The API's variables are the harness's plus `caller`; Hono's types cannot widen a mounted app's env.
  app.route(API_PREFIX, api as unknown as Hono<HarnessEnv>);
  return app;
}
