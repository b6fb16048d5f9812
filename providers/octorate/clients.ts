// Seeded Octorate applications (one PRODUCTION, one SANDBOX) and lookups of an application whatever its environment.
import type { Faker } from '@faker-js/faker';
import type { ClientInput, ClientRecord } from '../../core/clients.ts';
import type { ProviderContext } from '../../core/provider.ts';

/** DOC: an application is SANDBOX or PRODUCTION; clients carry it lower-case as their harness environment. */
export type OctorateEnvironment = 'production' | 'sandbox';
export const OCTORATE_ENVIRONMENTS: readonly OctorateEnvironment[] = ['production', 'sandbox'];

export const SEEDED_REDIRECT_URIS: Record<OctorateEnvironment, string> = {
  production: 'https://app.example.test/octorate/callback',
  sandbox: 'https://sandbox.app.example.test/octorate/callback',
};

/**
 * UNK: the look of Octorate client ids and secrets. The secret carries `+`, `/` and `=` so a client that
 * builds form bodies by concatenation instead of form encoding (the tutorial uses --data-urlencode) fails.
 */
export function octorateTestClients(random: Faker): ClientInput[] {
  return OCTORATE_ENVIRONMENTS.map((environment) => ({
    provider: 'octorate',
    environment,
    clientId: `${environment === 'sandbox' ? 'sbx' : 'prd'}-${random.string.alphanumeric({ length: 12, casing: 'lower' })}`,
    clientSecret: `${random.string.alphanumeric(14)}+${random.string.alphanumeric(10)}/${random.string.alphanumeric(10)}=`,
    redirectUris: [SEEDED_REDIRECT_URIS[environment]],
    label: `${random.company.name()} ${environment === 'sandbox' ? 'Sandbox' : 'Channel'} App`,
  }));
}

/** The application's environment; clients registered with anything else are not Octorate applications. */
export function applicationEnvironment(client: ClientRecord): OctorateEnvironment | undefined {
  const env = client.environment.toLowerCase();
  return env === 'production' || env === 'sandbox' ? env : undefined;
}

/** An application by client id, in whichever environment it was registered (both share one host). */
export function findApplication(ctx: ProviderContext, clientId: string): ClientRecord | undefined {
  return ctx.clients.list('octorate').find((c) => c.clientId === clientId && applicationEnvironment(c) !== undefined);
}

/** The application whose id and secret match (constant-time secret comparison in the registry). */
export function authenticateApplication(ctx: ProviderContext, clientId: string, secret: string): ClientRecord | undefined {
  const candidate = findApplication(ctx, clientId);
  return candidate ? ctx.clients.authenticate('octorate', candidate.environment, clientId, secret) : undefined;
}
