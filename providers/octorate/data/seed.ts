// seedState: the test users, their properties (PRODUCTION and SANDBOX), reservations and the seeded applications' grants.
import type { ProviderContext } from '../../../core/provider.ts';
import { applicationEnvironment, type OctorateEnvironment } from '../clients.ts';
import { dayStart } from './dates.ts';
import { fakeAccommodation, fakeProducts } from './fake-property.ts';
import { fakeReservations } from './fake-reservations.ts';
import type { OctorateQuirks } from '../quirks.ts';
import { connect, setWorld, type OctorateUser, type OctorateWorld, type Property } from './world.ts';

/** Per test user, the environments of the properties they own. */
const PORTFOLIOS: OctorateEnvironment[][] = [
  ['production', 'production'],
  ['production', 'sandbox'],
  ['sandbox'],
];

/**
 * Deterministic per seed: every value comes from ctx.random, reseeded before this runs. Dates are laid
 * around the UTC day of the harness clock at seeding, so reservations stay near "now" for any test day.
 */
export function seedOctorate(ctx: ProviderContext<OctorateQuirks>): void {
  const random = ctx.random;
  const anchor = dayStart(ctx.clock.now());
  const w: OctorateWorld = {
    salt: random.number.int({ min: 1, max: 2 ** 31 - 1 }),
    users: [],
    properties: [],
    reservations: new Map(),
    connections: new Map(),
    quota: new Map(),
    nextPropertyId: random.number.int({ min: 100_000, max: 800_000 }),
  };
  let nextProductId = random.number.int({ min: 10_000, max: 80_000 });
  let nextReservationId = random.number.int({ min: 1_000_000, max: 8_000_000 });

  PORTFOLIOS.forEach((environments, index) => {
    const user = fakeUser(ctx, String(5000 + index * 7 + random.number.int({ min: 0, max: 6 })));
    w.users.push(user);
    for (const environment of environments) {
      const id = String(w.nextPropertyId++);
      const products = fakeProducts(random, nextProductId);
      nextProductId += products.length;
      const property: Property = {
        accommodation: fakeAccommodation(random, { id, environment, contact: { email: user.email, givenName: user.givenName, familyName: user.familyName } }),
        environment,
        ownerId: user.id,
        products,
        createdBy: null,
      };
      w.properties.push(property);
      const count = random.number.int({ min: 30, max: 60 });
      w.reservations.set(id, fakeReservations(random, products, anchor, count, nextReservationId));
      nextReservationId += count;
    }
  });

  // The seeded applications already hold grants from the first user of their environment (as if given
  // earlier), so an apilogin token lists something; other properties are granted on the authorisation page.
  for (const client of ctx.clients.list('octorate').filter((c) => c.origin === 'seed')) {
    const environment = applicationEnvironment(client);
    const owner = w.users.find((u) => w.properties.some((p) => p.ownerId === u.id && p.environment === environment));
    for (const p of w.properties) if (p.ownerId === owner?.id && p.environment === environment) connect(w, client.clientId, p.accommodation.id);
  }
  setWorld(ctx, w);
}

export function fakeUser(ctx: ProviderContext<OctorateQuirks>, id: string, email?: string): OctorateUser {
  const givenName = ctx.random.person.firstName();
  const familyName = ctx.random.person.lastName();
  const address = email ?? `${givenName}.${familyName}`.toLowerCase().replace(/[^a-z.]+/g, '') + '@example.test';
  return { id, username: address.split('@')[0]!, email: address, givenName, familyName };
}
