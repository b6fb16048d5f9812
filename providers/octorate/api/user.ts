// GET /rest/v1/user/info: the person who granted the property token (DOC: {name, email, username}).
import type { Hono } from 'hono';
import { DoubleError } from '../../../core/errors.ts';
import type { ProviderContext } from '../../../core/provider.ts';
import { authorizeCall, type ApiEnv } from './caller.ts';
import type { OctorateQuirks } from '../quirks.ts';
import { findUser, world } from '../data/world.ts';

export function userRoutes(ctx: ProviderContext<OctorateQuirks>, api: Hono<ApiEnv>): void {
  api.get('/v1/user/info', (c) => {
    const caller = authorizeCall(ctx, c, 'property');
    const user = caller.grant.grant === 'property' ? findUser(world(ctx), caller.grant.userId) : undefined;
    if (!user) throw new DoubleError('not_found', 'The user of this grant no longer exists.', { providerType: 'ApiResourceMissing' });
    return c.json({ name: `${user.givenName} ${user.familyName}`, email: user.email, username: user.username });
  });
}
