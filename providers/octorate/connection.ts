// A client's connection settings (ids, secret, every URL), for contract suites and tests, on real or local URLs.
import type { ClientRecord } from '../../core/clients.ts';
import type { Harness } from '../../core/harness.ts';
import type { OctorateEnvironment } from './clients.ts';
import { API_PREFIX, AUTHORIZE_PATH, OCTORATE_ADMIN_HOST, OCTORATE_API_HOST } from './hosts.ts';

export interface OctorateConnection {
  environment: OctorateEnvironment;
  /** The application's client_id. */
  clientId: string;
  /** The application's client_secret (it holds `+`, `/` and `=`: form-encode it). */
  clientSecret: string;
  /** The first registered redirect URI: send it, unchanged, to the authorisation page and to /identity/token. */
  redirectUri: string;
  /** `…admin.octorate.com/octobook/identity/oauth.xhtml`: where the hotelier grants access. */
  authorizeUrl: string;
  /** `…/connect/rest/v1/identity/token`: exchanges the code (grant_type=code). */
  tokenUrl: string;
  /** `…/connect/rest/v1/identity/refresh`: a refresh token buys a new property token. */
  refreshUrl: string;
  /** `…/connect/rest/v1/identity/apilogin`: client credentials buy an API-operations token. */
  apiLoginUrl: string;
  /** `…/connect/rest/v1`: resource paths such as `/reservation/{id}` or `/accommodation` go after it. */
  apiBaseUrl: string;
  /** `…/connect/rest/v2`. */
  apiV2BaseUrl: string;
}

export interface ConnectionOptions {
  /** Default `production`. */
  environment?: OctorateEnvironment;
  /** A client registered in that environment; default the seeded test application. */
  clientId?: string;
  /** Maps a real host to its base URL — pass `server.base` of a started server; default `https://<host>`. */
  base?: (host: string) => string;
}

export function connectionSettings(harness: Harness, options: ConnectionOptions = {}): OctorateConnection {
  const environment = options.environment ?? 'production';
  const client: ClientRecord | undefined = options.clientId
    ? harness.clients.find('octorate', environment, options.clientId)
    : harness.credentials('octorate', environment);
  if (!client) throw new Error(`No Octorate ${environment} application "${options.clientId}".`);
  const base = options.base ?? ((host: string) => `https://${host}`);
  const api = `${base(OCTORATE_API_HOST)}${API_PREFIX}`;
  return {
    environment,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUri: client.redirectUris[0] ?? '',
    authorizeUrl: `${base(OCTORATE_ADMIN_HOST)}${AUTHORIZE_PATH}`,
    tokenUrl: `${api}/v1/identity/token`,
    refreshUrl: `${api}/v1/identity/refresh`,
    apiLoginUrl: `${api}/v1/identity/apilogin`,
    apiBaseUrl: `${api}/v1`,
    apiV2BaseUrl: `${api}/v2`,
  };
}
