// Registered OAuth clients per provider and environment: seeded test clients plus the user's own.
import { timingSafeEqual } from 'node:crypto';
import { DoubleError } from './errors.ts';
import { redirectUriProblem } from './redirect-uri.ts';
import { secretPieces } from './redact.ts';

export type ClientOrigin = 'seed' | 'config' | 'code' | 'admin';

export interface ClientRecord {
  provider: string;
  environment: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  scopes: string[];
  /** A short human label, shown in the start-up table. */
  label: string;
  origin: ClientOrigin;
}

export type ClientInput = Pick<ClientRecord, 'provider' | 'environment' | 'clientId' | 'clientSecret'> &
  Partial<Pick<ClientRecord, 'redirectUris' | 'scopes' | 'label'>>;

export interface ClientRegistry {
  register(client: ClientInput, origin?: ClientOrigin): ClientRecord;
  find(provider: string, environment: string, clientId: string): ClientRecord | undefined;
  /** The client whose id and secret match, compared in constant time; undefined otherwise. */
  authenticate(provider: string, environment: string, clientId: string, secret: string): ClientRecord | undefined;
  /** A client with this id in another environment of the provider (to say "wrong environment"). */
  elsewhere(provider: string, environment: string, clientId: string): ClientRecord | undefined;
  list(provider?: string, environment?: string): ClientRecord[];
  /** The first seeded client of a provider environment: the test credentials a user starts with. */
  testClient(provider: string, environment: string): ClientRecord;
  /** Whether the text is a registered client secret or a piece of one (O(1), for redaction). */
  isSecret(text: string): boolean;
  /** Forgets every client that did not come from the seed or the config file. */
  resetTo(origins: ClientOrigin[]): void;
}

const key = (provider: string, environment: string, clientId: string): string => `${provider}\u0000${environment}\u0000${clientId}`;

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function createClientRegistry(): ClientRegistry {
  const clients = new Map<string, ClientRecord>();
  // Every registered secret and its pieces, counted (two clients may share one), so redaction needs no scan.
  const secrets = new Map<string, number>();
  const index = (secret: string, delta: 1 | -1): void => {
    for (const text of [secret, ...secretPieces(secret)]) {
      const n = (secrets.get(text) ?? 0) + delta;
      if (n > 0) secrets.set(text, n);
      else secrets.delete(text);
    }
  };
  const forget = (k: string): void => {
    const old = clients.get(k);
    if (old) index(old.clientSecret, -1);
    clients.delete(k);
  };
  const registry: ClientRegistry = {
    register(client, origin = 'code') {
      // Checked here, where every registration passes (seed, config file, code, admin API), before it is kept.
      (client.redirectUris ?? []).forEach((uri, i) => {
        const problem = redirectUriProblem(uri);
        if (problem) throw new DoubleError('invalid_request', `redirectUris[${i}] ${problem}.`, { field: `redirectUris[${i}]` });
      });
      const record: ClientRecord = {
        redirectUris: [],
        scopes: [],
        label: origin === 'seed' ? 'test client' : `${origin} client`,
        ...client,
        origin,
      };
      const k = key(record.provider, record.environment, record.clientId);
      forget(k);
      clients.set(k, record);
      index(record.clientSecret, 1);
      return record;
    },
    find: (provider, environment, clientId) => clients.get(key(provider, environment, clientId)),
    authenticate(provider, environment, clientId, secret) {
      const client = registry.find(provider, environment, clientId);
      return client && sameSecret(client.clientSecret, secret) ? client : undefined;
    },
    elsewhere: (provider, environment, clientId) =>
      [...clients.values()].find((c) => c.provider === provider && c.environment !== environment && c.clientId === clientId),
    list: (provider, environment) =>
      [...clients.values()].filter(
        (c) => (provider === undefined || c.provider === provider) && (environment === undefined || c.environment === environment),
      ),
    testClient(provider, environment) {
      const client = registry.list(provider, environment).find((c) => c.origin === 'seed');
      if (!client) throw new Error(`No test client for ${provider} ${environment}.`);
      return client;
    },
    resetTo(origins) {
      for (const [k, c] of clients) if (!origins.includes(c.origin)) forget(k);
    },
    isSecret: (text) => secrets.has(text),
  };
  return registry;
}
