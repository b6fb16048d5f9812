// The seeded Google OAuth client ("Web application" type) and lookups by client id.
import type { Faker } from '@faker-js/faker';
import type { ClientInput, ClientRecord } from '../../core/clients.ts';
import type { ProviderContext } from '../../core/provider.ts';

export const GOOGLE_ENVIRONMENT = 'production';

/**
 * The seeded client's redirect URIs: an application's own callback, and the callback ChiefOnboarding gives
 * an integration (chiefonboarding.md: `<base>/admin/integrations/oauth/<id>/callback/`), so that its
 * manifests run unchanged against the seeded client.
 */
export const SEEDED_REDIRECT_URIS = [
  'https://app.example.test/google/callback',
  'https://onboarding.example.test/admin/integrations/oauth/1/callback/',
] as const;

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * INF (the look of real credentials): ids `<project number>-<32 chars>.apps.googleusercontent.com`,
 * secrets `GOCSPX-` and 28 base64url characters.
 */
export function googleTestClients(random: Faker): ClientInput[] {
  const project = random.string.numeric({ length: 12, allowLeadingZeros: false });
  return [
    {
      provider: 'google',
      environment: GOOGLE_ENVIRONMENT,
      clientId: `${project}-${random.string.alphanumeric({ length: 32, casing: 'lower' })}.apps.googleusercontent.com`,
      clientSecret: `GOCSPX-${random.string.fromCharacters(BASE64URL, 28)}`,
      redirectUris: [...SEEDED_REDIRECT_URIS],
      label: `${random.company.name()} Onboarding`,
    },
  ];
}

/** A Google client by id (Google has one world, but a client registered under any environment name is found). */
export function findClient(ctx: ProviderContext, clientId: string): ClientRecord | undefined {
  return ctx.clients.find('google', GOOGLE_ENVIRONMENT, clientId) ?? ctx.clients.list('google').find((c) => c.clientId === clientId);
}

/** The client whose id and secret match (constant-time comparison in the registry). */
export function authenticateClient(ctx: ProviderContext, clientId: string, secret: string): ClientRecord | undefined {
  const client = findClient(ctx, clientId);
  return client ? ctx.clients.authenticate('google', client.environment, clientId, secret) : undefined;
}
