// GET /rest/v1/calendar/{accommodation}: availability and rates per product and day, paged over products.
import type { Hono } from 'hono';
import { DoubleError } from '../../../core/errors.ts';
import type { ProviderContext } from '../../../core/provider.ts';
import { authorizeCall, requireOwnProperty, type ApiEnv } from './caller.ts';
import { DAY_MS, javaZoned } from '../data/dates.ts';
import { dayParam, intParam } from './query.ts';
import type { OctorateQuirks } from '../quirks.ts';
import { findProperty, world, type Product, type Reservation } from '../data/world.ts';

/** UNK: the longest range one call may ask for. */
const MAX_DAYS = 366;

/** A stable number in [0, 1) for (salt, product, day): the same calendar for every call and transport. */
function unit(salt: number, key: string): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  return ((Math.imul(h, 0x2c1b3c6d) >>> 0) % 1_000_000) / 1_000_000;
}

function day(salt: number, product: Product, at: number, reservations: Reservation[]) {
  const key = `${product.id}/${at}`;
  const booked = reservations.filter((r) => r.productId === product.id && r.status !== 'CANCELLED' && r.checkinMs < at + DAY_MS && r.checkoutMs > at + 12 * 3_600_000).length;
  const availability = Math.max(0, product.units - booked);
  const weekday = new Date(at).getUTCDay();
  const weekend = weekday === 5 || weekday === 6;
  const stopSells = unit(salt, `${key}/stop`) < 0.03;
  return {
    // UNK: calendar day format; the `…Z[UTC]` form of the other dates (octorate.md).
    date: javaZoned(at),
    availability,
    price: Math.round(product.basePrice * (weekend ? 1.2 : 1) * (0.9 + unit(salt, `${key}/price`) * 0.3)),
    minStay: weekend ? 2 : 1,
    maxStay: 30,
    stopSells,
    closeToArrival: unit(salt, `${key}/cta`) < 0.05,
    closeToDeparture: unit(salt, `${key}/ctd`) < 0.05,
    cutOffDays: 0,
    bookable: availability > 0 && !stopSells,
  };
}

export function calendarRoutes(ctx: ProviderContext<OctorateQuirks>, api: Hono<ApiEnv>): void {
  api.get('/v1/calendar/:accommodation', (c) => {
    const caller = authorizeCall(ctx, c, 'property');
    const id = requireOwnProperty(caller, c.req.param('accommodation'));
    // DOC: size ≤ 20, default 5.
    const size = intParam(c, 'size', { min: 1, max: 20, fallback: 5 });
    const page = intParam(c, 'page', { min: 1, fallback: 1 });
    const from = dayParam(c, 'dateFrom', true)!;
    const to = dayParam(c, 'dateTo', true)!;
    if (to < from) throw new DoubleError('invalid_request', 'dateTo is before dateFrom.', { field: 'dateTo' });
    if ((to - from) / DAY_MS + 1 > MAX_DAYS) throw new DoubleError('invalid_request', `A calendar call covers at most ${MAX_DAYS} days.`, { field: 'dateTo' });
    const w = world(ctx);
    const property = findProperty(w, id)!;
    const wanted = c.req.queries('product[]') ?? [];
    const unknown = wanted.filter((p) => !property.products.some((x) => x.id === p));
    if (unknown.length > 0) throw new DoubleError('invalid_request', `Unknown product ${unknown[0]} for accommodation ${id}.`, { field: 'product[]' });
    const products = property.products.filter((p) => wanted.length === 0 || wanted.includes(p.id));
    const reservations = w.reservations.get(id) ?? [];
    const data = products.slice((page - 1) * size, page * size).map((product) => {
      const days = [];
      for (let at = from; at <= to; at += DAY_MS) days.push(day(w.salt, product, at, reservations));
      return { id: product.id, name: product.name, days };
    });
    return c.json({ data });
  });
}
