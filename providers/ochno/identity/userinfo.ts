// GET /identity/oauth/v2/userinfo: `sub` and/or `email` of the authorised user, according to the granted scopes.
import type { Context } from 'hono';
import { DoubleError } from '../../../core/errors.ts';
import type { HarnessEnv, HostDefinition, ProviderContext } from '../../../core/provider.ts';
import { authorizeBearer } from '../api/caller.ts';
import { world } from '../data/world.ts';
import type { OchnoQuirks } from '../quirks.ts';

/** DOC (seed 000 "Scopes"): sub reads the user's id, email the user's email. INF: a client-credentials token answers for the integration's creator. */
export function userinfo(ctx: ProviderContext<OchnoQuirks>, host: HostDefinition, c: Context<HarnessEnv>): Response {
  const caller = authorizeBearer(ctx, host, c, ['sub', 'email']);
  const user = world(ctx).users.find((u) => u.id === caller.userId);
  if (!user) throw new DoubleError('invalid_token', 'The user of this grant no longer exists.');
  const scopes = caller.token.scopes;
  return c.json({ ...(scopes.includes('sub') ? { sub: user.id } : {}), ...(scopes.includes('email') ? { email: user.email } : {}) });
}
