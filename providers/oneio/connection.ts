// A ONEiO endpoint user's connection settings (username, password, every URL of one environment), on real or local URLs.
import type { ClientRecord } from '../../core/clients.ts';
import type { Harness } from '../../core/harness.ts';
import { ONEIO_HOSTS } from './hosts.ts';

export type OneioEnvironment = 'qa' | 'prod';

export interface OneioConnection {
  environment: OneioEnvironment;
  /** The endpoint user's username (`client_id` in the token request). */
  clientId: string;
  /** The endpoint user's password (`client_secret`; it holds `+`, `&` and `=`: form-encode it). */
  clientSecret: string;
  /** `…/oauth2/token`: the client-credentials token resource. */
  tokenUrl: string;
  /** `…/api/v2`: the REST receiver that takes JSON with a Bearer token. */
  receiverUrl: string;
  /** `…/api`: the same receiver with HTTP Basic authentication (seed 001). */
  basicReceiverUrl: string;
}

export interface OneioConnectionOptions {
  /** Default `qa`. */
  environment?: OneioEnvironment;
  /** An endpoint user registered in that environment; default the seeded test user. */
  clientId?: string;
  /** Maps a real host to its base URL — pass `server.base` of a started server; default `https://<host>`. */
  base?: (host: string) => string;
}

function hostOf(environment: OneioEnvironment, surface: 'token' | 'receiver'): string {
  const found = ONEIO_HOSTS.find((h) => h.environment === environment && h.surface === surface);
  if (!found) throw new Error(`ONEiO has no ${surface} host in ${environment}.`);
  return found.host;
}

export function connectionSettings(harness: Harness, options: OneioConnectionOptions = {}): OneioConnection {
  const environment = options.environment ?? 'qa';
  const user: ClientRecord | undefined = options.clientId
    ? harness.clients.find('oneio', environment, options.clientId)
    : harness.credentials('oneio', environment);
  if (!user) throw new Error(`No ONEiO ${environment} endpoint user "${options.clientId}".`);
  const base = options.base ?? ((host: string) => `https://${host}`);
  const receiver = base(hostOf(environment, 'receiver'));
  return {
    environment,
    clientId: user.clientId,
    clientSecret: user.clientSecret,
    tokenUrl: `${base(hostOf(environment, 'token'))}/oauth2/token`,
    receiverUrl: `${receiver}/api/v2`,
    basicReceiverUrl: `${receiver}/api`,
  };
}
