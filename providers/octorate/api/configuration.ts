// GET /rest/v1/api/configuration: the application's own settings, for API-operations (apilogin) tokens only.
import type { Hono } from 'hono';
import type { ProviderContext } from '../../../core/provider.ts';
import { authorizeCall, type ApiEnv } from './caller.ts';
import type { OctorateQuirks } from '../quirks.ts';
import { quotaUsed } from './quota.ts';

export function configurationRoutes(ctx: ProviderContext<OctorateQuirks>, api: Hono<ApiEnv>): void {
  api.get('/v1/api/configuration', (c) => {
    const caller = authorizeCall(ctx, c, 'apilogin');
    const { client } = caller;
    // DOC fields {environment, redirectUri[], applicationName, quotaLimit, quotaStatus, permissions{…}}.
    // UNK: the permission names; one flag per emulated resource family.
    return c.json({
      environment: caller.environment.toUpperCase(),
      redirectUri: client.redirectUris,
      applicationName: client.label,
      quotaLimit: ctx.quirks.quotaLimit,
      quotaStatus: quotaUsed(ctx, client.clientId),
      permissions: { accommodation: true, reservation: true, calendar: true, createAccommodation: true },
    });
  });
}
