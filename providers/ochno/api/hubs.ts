// /api/hubs/v1: list and read hubs (hubs:read); change their config and active port (hubs:write), which notifies subscribers.
import type { Hono } from 'hono';
import type { Zod } from '../../../core/zod.ts';
import { DoubleError } from '../../../core/errors.ts';
import type { HarnessEnv, HostDefinition, ProviderContext } from '../../../core/provider.ts';
import { lazySchema } from '../../../core/zod.ts';
import { PORTS } from '../data/seed.ts';
import { hubsOf, world, type Hub } from '../data/world.ts';
import type { OchnoQuirks } from '../quirks.ts';
import { hubEvent } from '../webhooks/events.ts';
import { authorizeBearer, type Caller } from './caller.ts';
import { jsonBody } from './json-body.ts';

type Ctx = ProviderContext<OchnoQuirks>;

const port = (z: Zod, min: number) =>
  z
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(min, `must be ${min}–${PORTS}${min === 0 ? ' (0 turns the output off)' : ''}`)
    .max(PORTS, `must be ${min}–${PORTS}: the hub has ${PORTS} ports`);

/** INF (ochno.md): `{"activeport": n}`, 0 turns the output off. */
const StateBody = lazySchema((z) => z.strictObject({ activeport: port(z, 0) }));
/** INF: the config object of the hub shape; any subset of its fields, nothing else. */
const ConfigBody = lazySchema((z) =>
  z
    .strictObject({
      defaultport: port(z, 0).optional(),
      hdmiceccontrol: z.boolean().optional(),
      autoswitchconnect: z.boolean().optional(),
      inactivedisabled: z.boolean().optional(),
    })
    .refine((v) => Object.keys(v).length > 0, 'send at least one of defaultport, hdmiceccontrol, autoswitchconnect, inactivedisabled'),
);

/** A hub the caller's account holds, or 404 (another account's hub is not visible either). */
function ownHub(ctx: Ctx, caller: Caller, id: string, environment: string): Hub {
  const entry = world(ctx).hubs.get(id);
  if (!entry || entry.accountId !== caller.accountId || entry.environment !== environment) {
    throw new DoubleError('not_found', `No hub "${id}" in the account this token was granted for.`, { field: 'hubId' });
  }
  return entry.hub;
}

export function hubRoutes(ctx: Ctx, host: HostDefinition, api: Hono<HarnessEnv>): void {
  // INF: lists are bare JSON arrays.
  api.get('/api/hubs/v1', (c) => c.json(hubsOf(world(ctx), authorizeBearer(ctx, host, c, ['hubs:read']).accountId)));
  api.get('/api/hubs/v1/:hubId', (c) => {
    const caller = authorizeBearer(ctx, host, c, ['hubs:read']);
    return c.json(ownHub(ctx, caller, c.req.param('hubId'), host.environment));
  });

  api.put('/api/hubs/v1/:hubId/state', async (c) => {
    const caller = authorizeBearer(ctx, host, c, ['hubs:write']);
    const hub = ownHub(ctx, caller, c.req.param('hubId'), host.environment);
    const body = await jsonBody(c, StateBody, 'PUT /api/hubs/v1/{id}/state');
    const changed = hub.data.state.active !== body.activeport;
    hub.data.state.active = body.activeport;
    if (changed) hubEvent(ctx, hub, 'hub:state:change', { newState: structuredClone(hub.data.state) });
    return c.json(hub);
  });

  api.put('/api/hubs/v1/:hubId/config', async (c) => {
    const caller = authorizeBearer(ctx, host, c, ['hubs:write']);
    const hub = ownHub(ctx, caller, c.req.param('hubId'), host.environment);
    const body = await jsonBody(c, ConfigBody, 'PUT /api/hubs/v1/{id}/config');
    const config = hub.data.config;
    if (body.defaultport !== undefined) config.defaultport = body.defaultport;
    if (body.hdmiceccontrol !== undefined) config.hdmiceccontrol = body.hdmiceccontrol;
    if (body.autoswitchconnect !== undefined) config.autoswitchconnect = body.autoswitchconnect;
    if (body.inactivedisabled !== undefined) config.inactivedisabled = body.inactivedisabled;
    hubEvent(ctx, hub, 'hub:config:change', { newConfig: structuredClone(config) });
    return c.json(hub);
  });
}
