// What a ONEiO client is given (URLs per environment, endpoint credentials) and what it must offer (deliver a message).
import { ONEIO_HOSTS } from '../../providers/oneio/hosts.ts';
import type { BaseSettings, ClientAdapter, SuiteConnection } from '../types.ts';

export type OneioEnvironment = 'qa' | 'prod';

export interface OneioEndpoints {
  /** `…/oauth2/token`: the client-credentials token resource. */
  tokenUrl: string;
  /** `…/api/v2`: the REST receiver that takes JSON with a Bearer token. */
  receiverUrl: string;
}

export interface OneioSettings extends BaseSettings, OneioEndpoints {
  provider: 'oneio';
  /** The environment the client is configured for; `tokenUrl` and `receiverUrl` are its endpoints. */
  environment: OneioEnvironment;
  /** The ONEiO endpoint user's username. */
  clientId: string;
  /** The ONEiO endpoint user's password (it holds `+`, `&` and `=`: form-encode it). */
  clientSecret: string;
  /** Every environment's endpoints, for clients that keep a table of hosts and pick one by environment. */
  endpoints: Record<OneioEnvironment, OneioEndpoints>;
}

export interface OneioOperations {
  /**
   * Delivers one JSON message to the receiver. Resolve once ONEiO has accepted it; reject when the
   * client gives up (the check then knows the message was reported as failed, not lost).
   */
  deliver(message: Record<string, unknown>): Promise<unknown>;
}

export type OneioAdapter = ClientAdapter<OneioSettings, OneioOperations>;

/** The real host of a surface in an environment, from the provider's own host table. */
export function oneioHost(environment: OneioEnvironment, surface: 'token' | 'receiver'): string {
  const host = ONEIO_HOSTS.find((h) => h.environment === environment && h.surface === surface);
  if (!host) throw new Error(`ONEiO has no ${surface} host in ${environment}.`);
  return host.host;
}

function endpoints(connection: SuiteConnection, environment: OneioEnvironment): OneioEndpoints {
  return {
    tokenUrl: connection.url(oneioHost(environment, 'token'), '/oauth2/token'),
    receiverUrl: connection.url(oneioHost(environment, 'receiver'), '/api/v2'),
  };
}

/** A QA client with the seeded QA endpoint user, as the contract suite runs it. */
export function oneioSettings(connection: SuiteConnection): OneioSettings {
  const user = connection.harness.credentials('oneio', 'qa');
  const all = { qa: endpoints(connection, 'qa'), prod: endpoints(connection, 'prod') };
  return {
    provider: 'oneio',
    environment: 'qa',
    ...all.qa,
    clientId: user.clientId,
    clientSecret: user.clientSecret,
    endpoints: all,
  };
}
