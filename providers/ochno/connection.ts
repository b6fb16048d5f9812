// An integration's connection settings (ids, secret, scopes, every URL), for contract suites and tests, on real or local URLs.
import type { Harness } from '../../core/harness.ts';
import { AUTHORIZE_PATH, hostOf, SUBSCRIPTIONS_PATH, TOKEN_PATH, USERINFO_PATH, type OchnoEnvironment } from './hosts.ts';

export interface OchnoConnection {
  environment: OchnoEnvironment;
  clientId: string;
  /** It holds `+`, `/` and `=`: form-encode it. */
  clientSecret: string;
  /** The scopes the integration was granted. */
  grantedScopes: string[];
  /** The registered redirect URI: the authorisation request, the code exchange and every refresh send it unchanged. */
  redirectUri: string;
  /** `https://operated.ochno.com` (or its local form): API paths such as `/api/hubs/v1` go after it. */
  baseUrl: string;
  tokenUrl: string;
  authorizeUrl: string;
  userinfoUrl: string;
  /** `…/subscriptions/v1` (create with a POST to `…/subscriptions/v1/`). */
  subscriptionsUrl: string;
}

export interface ConnectionOptions {
  /** Default `production`. */
  environment?: OchnoEnvironment;
  /** An integration registered in that environment; default the seeded one with every scope. */
  clientId?: string;
  /** Maps a real host to its base URL — pass `server.base` of a started server; default `https://<host>`. */
  base?: (host: string) => string;
}

export function connectionSettings(harness: Harness, options: ConnectionOptions = {}): OchnoConnection {
  const environment = options.environment ?? 'production';
  const client = options.clientId ? harness.clients.find('ochno', environment, options.clientId) : harness.credentials('ochno', environment);
  if (!client) throw new Error(`No Ochno ${environment} integration "${options.clientId}".`);
  const baseUrl = (options.base ?? ((host: string) => `https://${host}`))(hostOf(environment));
  return {
    environment,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    grantedScopes: [...client.scopes],
    redirectUri: client.redirectUris[0] ?? '',
    baseUrl,
    tokenUrl: `${baseUrl}${TOKEN_PATH}`,
    authorizeUrl: `${baseUrl}${AUTHORIZE_PATH}`,
    userinfoUrl: `${baseUrl}${USERINFO_PATH}`,
    subscriptionsUrl: `${baseUrl}${SUBSCRIPTIONS_PATH}`,
  };
}
