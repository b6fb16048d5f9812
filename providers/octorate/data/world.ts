// Octorate's fake data for one harness: users, properties, reservations, which application may see which property, quotas.
import type { ProviderContext } from '../../../core/provider.ts';
import type { OctorateEnvironment } from '../clients.ts';

/** A person who can sign in on the authorisation page (GET user/info answers with name, email, username). */
export interface OctorateUser {
  id: string;
  username: string;
  email: string;
  givenName: string;
  familyName: string;
}

/** A sellable room type; the calendar lists one entry per product. */
export interface Product {
  id: string;
  name: string;
  basePrice: number;
  units: number;
}

/** DOC (octorate.md, GET accommodation): the accommodation as the API returns it. */
export interface Accommodation {
  id: string;
  name: string;
  currency: string;
  timeZone: string;
  contact: { email: string; givenName: string; familyName: string; phone: string };
  location: { address: string; city: string; country: string; latitude: number; longitude: number; zipCode: string };
  propertyCategory: string;
  sandboxProperty: boolean;
}

export interface Property {
  accommodation: Accommodation;
  environment: OctorateEnvironment;
  ownerId: string;
  products: Product[];
  /** The application that created it through POST /rest/v2/accommodation, if any. */
  createdBy: string | null;
}

/** DOC (octorate.md, GET reservation): one reservation as the API returns it. */
export interface Reservation {
  id: number;
  refer: string;
  status: string;
  checkin: string;
  checkout: string;
  guests: Array<{ givenName: string; familyName: string; type: string }>;
  roomGross: number;
  totalGuest: number;
  channelName: string;
  /** Not on the wire: for filtering and the calendar's availability. */
  productId: string;
  checkinMs: number;
  checkoutMs: number;
  createdMs: number;
}

export interface OctorateWorld {
  /** Drawn from the seeded stream: makes calendar values deterministic without consuming randomness per request. */
  salt: number;
  users: OctorateUser[];
  properties: Property[];
  reservations: Map<string, Reservation[]>;
  /** Properties an application may reach with an apilogin token: granted on the authorisation page or created by it. */
  connections: Map<string, Set<string>>;
  /** API calls per application in the current quota window. */
  quota: Map<string, { windowStart: number; used: number }>;
  nextPropertyId: number;
}

/** The world lives in the harness's per-provider state slot; `seedState` puts a fresh one there on every reset. */
const WORLD = 'world';

export function world(ctx: ProviderContext<any>): OctorateWorld {
  const found = ctx.state.get(WORLD) as OctorateWorld | undefined;
  if (!found) throw new Error('Octorate state was not seeded for this harness.');
  return found;
}

export function setWorld(ctx: ProviderContext<any>, value: OctorateWorld): void {
  ctx.state.set(WORLD, value);
}

export const findProperty = (w: OctorateWorld, id: string): Property | undefined => w.properties.find((p) => p.accommodation.id === id);
export const findUser = (w: OctorateWorld, id: string): OctorateUser | undefined => w.users.find((u) => u.id === id);

export function connect(w: OctorateWorld, clientId: string, propertyId: string): void {
  const set = w.connections.get(clientId) ?? new Set<string>();
  set.add(propertyId);
  w.connections.set(clientId, set);
}
