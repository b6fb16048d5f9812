// POST /rest/v2/accommodation (apilogin only, JSON): creates a property and answers with a refresh token for it.
import type { Hono } from 'hono';
import { DoubleError } from '../../../core/errors.ts';
import { mediaType } from '../../../core/form.ts';
import type { ProviderContext } from '../../../core/provider.ts';
import { lazySchema } from '../../../core/zod.ts';
import { authorizeCall, type ApiEnv } from './caller.ts';
import { fakeAccommodation, fakeProducts } from '../data/fake-property.ts';
import { issueRefresh } from '../identity/grants.ts';
import type { OctorateQuirks } from '../quirks.ts';
import { fakeUser } from '../data/seed.ts';
import { connect, world } from '../data/world.ts';

/**
 * UNK: Octorate's request schema. The body mirrors the accommodation it creates; unknown members are
 * refused (the stricter reading) with 400 ApiValidationFailed naming the member.
 */
const CreateBody = lazySchema((z) =>
  z.strictObject({
    name: z.string().trim().min(1),
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
    timeZone: z.string().min(1).optional(),
    propertyCategory: z.string().min(1).optional(),
    contact: z.strictObject({
      email: z.email(),
      givenName: z.string().min(1).optional(),
      familyName: z.string().min(1).optional(),
      phone: z.string().min(1).optional(),
    }),
    location: z
      .strictObject({
        address: z.string().optional(),
        city: z.string().optional(),
        country: z.string().regex(/^[A-Z]{2}$/).optional(),
        zipCode: z.string().optional(),
        latitude: z.number().min(-90).max(90).optional(),
        longitude: z.number().min(-180).max(180).optional(),
      })
      .optional(),
  }),
);

export function createAccommodationRoutes(ctx: ProviderContext<OctorateQuirks>, api: Hono<ApiEnv>): void {
  api.post('/v2/accommodation', async (c) => {
    const caller = authorizeCall(ctx, c, 'apilogin');
    const type = mediaType(c.req.header('content-type'));
    if (type !== 'application/json') {
      throw new DoubleError('unsupported_media_type', `POST /rest/v2/accommodation takes a JSON body; the request had ${type || 'no Content-Type'}.`, {
        field: 'Content-Type',
      });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(c.get('bodyText'));
    } catch {
      throw new DoubleError('invalid_request', 'The request body is not valid JSON.', { providerType: 'JsonParseExemption' });
    }
    const parsed = (await CreateBody()).safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : 'body');
      const element = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys].join('.') : path;
      throw new DoubleError('invalid_request', `Invalid accommodation: ${element}: ${issue.message}`, { providerType: 'ApiValidationFailed', field: element });
    }
    const body = parsed.data;
    const w = world(ctx);
    const email = body.contact.email.toLowerCase();
    // DOC: 412 {status: "existing", id} when a property with this email exists.
    const existing = w.properties.find((p) => p.accommodation.contact.email.toLowerCase() === email);
    if (existing) return c.json({ status: 'existing', id: existing.accommodation.id }, 412);

    const id = String(w.nextPropertyId++);
    const owner = fakeUser(ctx, `u${id}`, body.contact.email);
    if (body.contact.givenName) owner.givenName = body.contact.givenName;
    if (body.contact.familyName) owner.familyName = body.contact.familyName;
    w.users.push(owner);
    const accommodation = fakeAccommodation(ctx.random, {
      id,
      environment: caller.environment,
      name: body.name,
      currency: body.currency,
      timeZone: body.timeZone,
      propertyCategory: body.propertyCategory,
      contact: { ...body.contact, givenName: owner.givenName, familyName: owner.familyName },
      location: body.location,
    });
    const products = fakeProducts(ctx.random, Number(id) * 10);
    w.properties.push({ accommodation, environment: caller.environment, ownerId: owner.id, products, createdBy: caller.client.clientId });
    w.reservations.set(id, []);
    connect(w, caller.client.clientId, id);
    // DOC: "that refresh token is then used with /identity/refresh to get a property token".
    const refresh = issueRefresh(ctx, caller.client, { grant: 'property', propertyId: id, userId: owner.id });
    return c.json({ status: 'CREATED_ACCOMMODATION', id, refresh_token: refresh.value }, 200);
  });
}
