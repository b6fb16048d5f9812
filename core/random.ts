// Deterministic randomness: one seeded faker per provider and harness, so credentials and tokens repeat run to run.
import { Faker, base, en } from '@faker-js/faker';

/** Stable 32-bit hash of a string (FNV-1a), so each provider's stream depends only on the seed and its id. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A faker whose values depend only on (seed, stream name): adding a provider never shifts another's values. */
export function seededFaker(seed: number, stream: string): Faker {
  const faker = new Faker({ locale: [en, base] });
  faker.seed([seed, hash(stream)]);
  return faker;
}
