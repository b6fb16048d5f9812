// GET /rest/v1/accommodation (bare array) and GET /rest/v1/accommodation/{id}: what the token may see.
import type { Hono } from 'hono';
import type { ProviderContext } from '../../../core/provider.ts';
import { authorizeCall, requireOwnProperty, type ApiEnv, type Caller } from './caller.ts';
import { intParam } from './query.ts';
import type { OctorateQuirks } from '../quirks.ts';
import { findProperty, world, type Accommodation } from '../data/world.ts';

/** UNK: the page size of GET accommodation (the doc shows only `page`). */
const LIST_PAGE_SIZE = 100;

/** DOC: a property token sees its property; an apilogin token all of the application's (of its own environment). */
function visible(ctx: ProviderContext<OctorateQuirks>, caller: Caller): Accommodation[] {
  const w = world(ctx);
  if (caller.grant.grant === 'property') {
    const own = findProperty(w, caller.grant.propertyId);
    return own ? [own.accommodation] : [];
  }
  const ids = w.connections.get(caller.client.clientId) ?? new Set<string>();
  return w.properties.filter((p) => ids.has(p.accommodation.id) && p.environment === caller.environment).map((p) => p.accommodation);
}

export function accommodationRoutes(ctx: ProviderContext<OctorateQuirks>, api: Hono<ApiEnv>): void {
  api.get('/v1/accommodation', (c) => {
    const caller = authorizeCall(ctx, c, 'any');
    const page = intParam(c, 'page', { min: 1, fallback: 1 });
    const name = c.req.query('name')?.toLowerCase();
    const mail = c.req.query('mail')?.toLowerCase();
    const list = visible(ctx, caller)
      .filter((a) => !name || a.name.toLowerCase().includes(name))
      .filter((a) => !mail || a.contact.email.toLowerCase() === mail);
    // DOC: a bare JSON array, not wrapped in {data}.
    return c.json(list.slice((page - 1) * LIST_PAGE_SIZE, page * LIST_PAGE_SIZE));
  });

  api.get('/v1/accommodation/:id', (c) => {
    const caller = authorizeCall(ctx, c, 'property');
    const id = requireOwnProperty(caller, c.req.param('id'));
    return c.json(findProperty(world(ctx), id)!.accommodation);
  });
}
