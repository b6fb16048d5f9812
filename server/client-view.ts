// How a registered client is shown outside the harness: seeded test secrets in full, the user's own masked.
import type { ClientRecord } from '../core/clients.ts';

/**
 * Seeded secrets are fakes generated for tests and are the point of the listing; a secret the user
 * registered (config file, code, admin API) is theirs and is never printed back.
 */
export function clientView(client: ClientRecord) {
  return {
    provider: client.provider,
    environment: client.environment,
    clientId: client.clientId,
    clientSecret: client.origin === 'seed' ? client.clientSecret : '(as registered; not shown)',
    redirectUris: client.redirectUris,
    scopes: client.scopes,
    label: client.label,
    origin: client.origin,
  };
}
