// Seeded Ochno integrations ("Custom Integrations"): full scopes and one without hubs:write on production, one on stage.
import type { Faker } from '@faker-js/faker';
import type { ClientInput } from '../../core/clients.ts';
import { OCHNO_SCOPES } from './scopes.ts';

export const SEEDED_REDIRECT_URIS = {
  production: 'https://app.example.test/ochno/callback',
  stage: 'https://stage.app.example.test/ochno/callback',
} as const;

const secret = (random: Faker): string =>
  // UNK: the look of Ochno secrets. `+`, `/` and `=` break a body built by concatenation instead of form encoding.
  `${random.string.alphanumeric(16)}+${random.string.alphanumeric(12)}/${random.string.alphanumeric(8)}=`;

/** The first integration of an environment is its test client (`harness.credentials('ochno', env)`). */
export function ochnoTestClients(random: Faker): ClientInput[] {
  const id = (prefix: string): string => `${prefix}-${random.string.alphanumeric({ length: 16, casing: 'lower' })}`;
  return [
    {
      provider: 'ochno',
      environment: 'production',
      clientId: id('op'),
      clientSecret: secret(random),
      scopes: [...OCHNO_SCOPES],
      redirectUris: [SEEDED_REDIRECT_URIS.production],
      label: 'Room automation (every scope)',
    },
    {
      provider: 'ochno',
      environment: 'production',
      clientId: id('op'),
      clientSecret: secret(random),
      scopes: OCHNO_SCOPES.filter((s) => s !== 'hubs:write'),
      redirectUris: [SEEDED_REDIRECT_URIS.production],
      label: 'Room dashboard (read-only hubs, no hubs:write)',
    },
    {
      provider: 'ochno',
      environment: 'stage',
      clientId: id('st'),
      clientSecret: secret(random),
      scopes: [...OCHNO_SCOPES],
      redirectUris: [SEEDED_REDIRECT_URIS.stage],
      label: 'Room automation on stage',
    },
  ];
}
