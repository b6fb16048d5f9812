// GET /rest/v1/reservation/{accommodation}: the property's reservations, filtered and paged as {data, page}.
import type { Hono } from 'hono';
import type { ProviderContext } from '../../../core/provider.ts';
import { authorizeCall, requireOwnProperty, type ApiEnv } from './caller.ts';
import { DAY_MS } from '../data/dates.ts';
import { RESERVATION_STATUSES } from '../data/fake-reservations.ts';
import { dayParam, enumParam, intParam, pageUrl } from './query.ts';
import type { OctorateQuirks } from '../quirks.ts';
import { world, type Reservation } from '../data/world.ts';

/** UNK: which date startDate/endDate filter on; CHECKIN by default. */
const TYPES = ['CHECKIN', 'CHECKOUT', 'CREATION'] as const;

const dateOf: Record<(typeof TYPES)[number], (r: Reservation) => number> = {
  CHECKIN: (r) => r.checkinMs,
  CHECKOUT: (r) => r.checkoutMs,
  CREATION: (r) => r.createdMs,
};

/** The reservation as the API writes it: internal fields left out. */
const wire = ({ checkinMs: _a, checkoutMs: _b, createdMs: _c, productId: _d, ...rest }: Reservation) => rest;

export function reservationRoutes(ctx: ProviderContext<OctorateQuirks>, api: Hono<ApiEnv>): void {
  api.get('/v1/reservation/:accommodation', (c) => {
    const caller = authorizeCall(ctx, c, 'property');
    const id = requireOwnProperty(caller, c.req.param('accommodation'));
    // DOC: size 1–200, default 20. UNK: pages count from 1.
    const size = intParam(c, 'size', { min: 1, max: 200, fallback: 20 });
    const page = intParam(c, 'page', { min: 1, fallback: 1 });
    const type = enumParam(c, 'type', TYPES) ?? 'CHECKIN';
    const status = enumParam(c, 'status', RESERVATION_STATUSES);
    const start = dayParam(c, 'startDate', false);
    const end = dayParam(c, 'endDate', false);
    const all = (world(ctx).reservations.get(id) ?? []).filter((r) => {
      const at = dateOf[type](r);
      return (start === undefined || at >= start) && (end === undefined || at < end + DAY_MS) && (status === undefined || r.status === status);
    });
    const totalPages = Math.ceil(all.length / size);
    return c.json({
      data: all.slice((page - 1) * size, page * size).map(wire),
      // DOC: {page, totalPages, self, next}. UNK: next is null on the last page.
      page: { page, totalPages, self: pageUrl(c, page, size), next: page < totalPages ? pageUrl(c, page + 1, size) : null },
    });
  });
}
