// Seeded ONEiO endpoint credentials: one username/password pair per environment.
import type { Faker } from '@faker-js/faker';
import type { ClientInput } from '../../core/clients.ts';

/**
 * The password carries `+`, `&` and `=`: characters a real password may hold and that break a form
 * body built by string concatenation instead of form encoding.
 */
export function oneioTestClients(random: Faker): ClientInput[] {
  return (['qa', 'prod'] as const).map((environment) => ({
    provider: 'oneio',
    environment,
    clientId: `${environment}-${random.internet.username().toLowerCase().replace(/[^a-z0-9]+/g, '.')}`,
    clientSecret: `${random.string.alphanumeric(10)}+${random.string.alphanumeric(6)}&${random.string.alphanumeric(6)}=`,
    label: `ONEiO ${environment.toUpperCase()} endpoint user`,
  }));
}
