// Realistic fake accommodations and their room types, drawn from a seeded faker (ctx.random).
import type { Faker } from '@faker-js/faker';
import type { OctorateEnvironment } from '../clients.ts';
import type { Accommodation, Product } from './world.ts';

interface Region {
  country: string;
  currency: string;
  timeZone: string;
  phone: string;
  zip: string;
  /** How a street address reads: `{name}` and `{n}` are filled in. */
  street: string;
  cities: ReadonlyArray<readonly [string, number, number]>;
}

/** Country, currency, time zone, phone and postcode formats, and a few real cities (with coordinates) that belong together. */
const REGIONS: readonly Region[] = [
  { country: 'IT', street: 'Via {name} {n}', currency: 'EUR', timeZone: 'Europe/Rome', phone: '+39 3## ### ####', zip: '#####', cities: [['Roma', 41.9028, 12.4964], ['Firenze', 43.7696, 11.2558], ['Venezia', 45.4408, 12.3155], ['Napoli', 40.8518, 14.2681], ['Lecce', 40.3515, 18.175]] },
  { country: 'ES', street: 'Calle {name} {n}', currency: 'EUR', timeZone: 'Europe/Madrid', phone: '+34 6## ### ###', zip: '#####', cities: [['Sevilla', 37.3891, -5.9845], ['Valencia', 39.4699, -0.3763], ['Granada', 37.1773, -3.5986]] },
  { country: 'FR', street: '{n} rue {name}', currency: 'EUR', timeZone: 'Europe/Paris', phone: '+33 6 ## ## ## ##', zip: '#####', cities: [['Nice', 43.7102, 7.262], ['Lyon', 45.764, 4.8357], ['Bordeaux', 44.8378, -0.5792]] },
  { country: 'PT', street: 'Rua {name} {n}', currency: 'EUR', timeZone: 'Europe/Lisbon', phone: '+351 9## ### ###', zip: '####-###', cities: [['Lisboa', 38.7223, -9.1393], ['Porto', 41.1579, -8.6291]] },
  { country: 'GB', street: '{n} {name} Street', currency: 'GBP', timeZone: 'Europe/London', phone: '+44 7### ######', zip: 'EH# #??', cities: [['Edinburgh', 55.9533, -3.1883], ['Bath', 51.3811, -2.359]] },
  { country: 'CH', street: '{name}strasse {n}', currency: 'CHF', timeZone: 'Europe/Zurich', phone: '+41 7# ### ## ##', zip: '####', cities: [['Lugano', 46.0037, 8.9511], ['Zermatt', 46.0207, 7.7491]] },
];

/** UNK: Octorate's category vocabulary; the name prefix matches the category. "B&B" also exercises HTML escaping. */
const KINDS = [
  { category: 'HOTEL', prefix: 'Hotel' },
  { category: 'BED_AND_BREAKFAST', prefix: 'B&B' },
  { category: 'APARTMENT', prefix: 'Residence' },
  { category: 'FARMHOUSE', prefix: 'Agriturismo' },
] as const;

const ROOM_TYPES = ['Double Room', 'Twin Room', 'Single Room', 'Junior Suite', 'Family Room', 'Superior Double', 'Apartment 4 pax'];

export interface AccommodationSeed {
  id: string;
  environment: OctorateEnvironment;
  name?: string;
  contact?: Partial<Accommodation['contact']>;
  location?: Partial<Accommodation['location']>;
  currency?: string;
  timeZone?: string;
  propertyCategory?: string;
}

export function fakeAccommodation(random: Faker, seed: AccommodationSeed): Accommodation {
  const region = random.helpers.arrayElement(REGIONS);
  const [city, latitude, longitude] = random.helpers.arrayElement(region.cities);
  const jitter = (): number => random.number.float({ min: -0.03, max: 0.03, fractionDigits: 6 });
  const kind = random.helpers.arrayElement(KINDS);
  const givenName = random.person.firstName();
  const familyName = random.person.lastName();
  const name = seed.name ?? `${kind.prefix} ${random.person.lastName()}`;
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return {
    id: seed.id,
    name,
    currency: seed.currency ?? region.currency,
    timeZone: seed.timeZone ?? region.timeZone,
    contact: {
      email: `info@${slug}.example.test`,
      givenName,
      familyName,
      phone: random.helpers.replaceSymbols(region.phone),
      ...seed.contact,
    },
    location: {
      address: region.street.replace('{name}', random.person.lastName()).replace('{n}', String(random.number.int({ min: 1, max: 120 }))),
      city,
      country: region.country,
      latitude: Math.round((latitude + jitter()) * 1e6) / 1e6,
      longitude: Math.round((longitude + jitter()) * 1e6) / 1e6,
      zipCode: random.helpers.replaceSymbols(region.zip),
      ...seed.location,
    },
    propertyCategory: seed.propertyCategory ?? kind.category,
    // DOC: `sandboxProperty` marks properties of the SANDBOX world.
    sandboxProperty: seed.environment === 'sandbox',
  };
}

export function fakeProducts(random: Faker, firstId: number): Product[] {
  const names = random.helpers.arrayElements(ROOM_TYPES, { min: 2, max: 6 });
  return names.map((name, i) => ({
    id: String(firstId + i),
    name,
    basePrice: random.number.int({ min: 6, max: 40 }) * 5,
    units: random.number.int({ min: 1, max: 12 }),
  }));
}
