// Realistic fake reservations of one property around the seed day, drawn from a seeded faker (ctx.random).
import type { Faker } from '@faker-js/faker';
import { DAY_MS, javaZoned } from './dates.ts';
import type { Product, Reservation } from './world.ts';

/** UNK: Octorate's channel and status vocabularies; plausible values. */
const CHANNELS = ['Booking.com', 'Expedia', 'Airbnb', 'Direct', 'Hotelbeds'];
const STATUSES = ['CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'MODIFIED', 'CANCELLED'];
export const RESERVATION_STATUSES = ['CONFIRMED', 'MODIFIED', 'CANCELLED'] as const;

/** `anchor` is the UTC midnight of the seed day; stays spread from 60 days before to 120 days after it. */
export function fakeReservations(random: Faker, products: Product[], anchor: number, count: number, firstId: number): Reservation[] {
  const out: Reservation[] = [];
  for (let i = 0; i < count; i++) {
    const product = random.helpers.arrayElement(products);
    const nights = random.number.int({ min: 1, max: 9 });
    const checkinMs = anchor + random.number.int({ min: -60, max: 120 }) * DAY_MS + 14 * 3_600_000;
    const checkoutMs = checkinMs - 14 * 3_600_000 + nights * DAY_MS + 10 * 3_600_000;
    const totalGuest = random.number.int({ min: 1, max: 4 });
    const guests = Array.from({ length: totalGuest }, (_, g) => ({
      givenName: random.person.firstName(),
      familyName: random.person.lastName(),
      type: g > 0 && random.number.int({ min: 0, max: 3 }) === 0 ? 'CHILD' : 'ADULT',
    }));
    const channelName = random.helpers.arrayElement(CHANNELS);
    out.push({
      id: firstId + i,
      refer: `${channelName.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase()}-${random.string.numeric(10)}`,
      status: random.helpers.arrayElement(STATUSES),
      // INF strong (octorate.md): reservation dates are written `…Z[UTC]`.
      checkin: javaZoned(checkinMs),
      checkout: javaZoned(checkoutMs),
      guests,
      roomGross: Math.round(product.basePrice * nights * (0.85 + random.number.float({ min: 0, max: 0.4 })) * 100) / 100,
      totalGuest,
      channelName,
      productId: product.id,
      checkinMs,
      checkoutMs,
      createdMs: checkinMs - random.number.int({ min: 1, max: 90 }) * DAY_MS,
    });
  }
  return out.sort((a, b) => a.checkinMs - b.checkinMs || a.id - b.id);
}
