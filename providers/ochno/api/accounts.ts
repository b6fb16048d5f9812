// /api/accounts/v1, /api/accounts/v1/groups and /api/spaces/v1 (accounts:read): what the token's account may see, as bare arrays.
import type { Hono } from 'hono';
import type { HarnessEnv, HostDefinition, ProviderContext } from '../../../core/provider.ts';
import { world } from '../data/world.ts';
import type { OchnoQuirks } from '../quirks.ts';
import { authorizeBearer } from './caller.ts';

const READ = ['accounts:read', 'accounts:write'];

export function accountRoutes(ctx: ProviderContext<OchnoQuirks>, host: HostDefinition, api: Hono<HarnessEnv>): void {
  api.get('/api/accounts/v1', (c) => {
    const { accountId } = authorizeBearer(ctx, host, c, READ);
    return c.json(world(ctx).accounts.filter((a) => a.id === accountId).map(({ environment: _e, ...a }) => a));
  });
  api.get('/api/accounts/v1/groups', (c) => {
    const { accountId } = authorizeBearer(ctx, host, c, READ);
    return c.json(world(ctx).groups.filter((g) => g.accountIds.includes(accountId)).map(({ environment: _e, ...g }) => g));
  });
  // INF (ochno.md table): spaces need accounts:read.
  api.get('/api/spaces/v1', (c) => {
    const { accountId } = authorizeBearer(ctx, host, c, READ);
    return c.json(world(ctx).spaces.filter((s) => s.accountId === accountId));
  });
}
