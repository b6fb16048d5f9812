// A client's connection settings (id, secret, every URL), for contract suites and tests, on real or local URLs.
import type { ClientRecord } from '../../core/clients.ts';
import type { Harness } from '../../core/harness.ts';
import { GOOGLE_ENVIRONMENT } from './clients.ts';
import {
  ACCOUNTS_HOST, ADMIN_HOST, AUTHORIZE_PATH, CERTS_HOST, CERTS_PATH, DIRECTORY_USERS_PATH, DISCOVERY_PATH, REVOKE_PATH, TOKEN_HOST,
  TOKEN_PATH, TOKENINFO_PATH, USERINFO_HOST, USERINFO_PATH,
} from './hosts.ts';

export interface GoogleConnection {
  clientId: string;
  clientSecret: string;
  /** The first registered redirect URI (the seeded client also has ChiefOnboarding's callback, see `redirectUris`). */
  redirectUri: string;
  redirectUris: string[];
  /** The OpenID issuer: `https://accounts.google.com`, or the local prefix of a started server. */
  issuer: string;
  discoveryUrl: string;
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  tokenInfoUrl: string;
  jwksUrl: string;
  userinfoUrl: string;
  /** `…/admin/directory/v1/users` (needs the admin.directory.user scope and a Workspace admin). */
  directoryUsersUrl: string;
}

export interface ConnectionOptions {
  /** A registered Google client; default the seeded test client. */
  clientId?: string;
  /** Maps a real host to its base URL — pass `server.base` of a started server; default `https://<host>`. */
  base?: (host: string) => string;
}

export function connectionSettings(harness: Harness, options: ConnectionOptions = {}): GoogleConnection {
  const client: ClientRecord | undefined = options.clientId
    ? harness.clients.list('google').find((c) => c.clientId === options.clientId)
    : harness.credentials('google', GOOGLE_ENVIRONMENT);
  if (!client) throw new Error(`No Google client "${options.clientId}".`);
  const base = options.base ?? ((host: string) => `https://${host}`);
  const accounts = base(ACCOUNTS_HOST);
  const token = base(TOKEN_HOST);
  return {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUri: client.redirectUris[0] ?? '',
    redirectUris: [...client.redirectUris],
    issuer: accounts,
    discoveryUrl: `${accounts}${DISCOVERY_PATH}`,
    authorizeUrl: `${accounts}${AUTHORIZE_PATH}`,
    tokenUrl: `${token}${TOKEN_PATH}`,
    revokeUrl: `${token}${REVOKE_PATH}`,
    tokenInfoUrl: `${token}${TOKENINFO_PATH}`,
    jwksUrl: `${base(CERTS_HOST)}${CERTS_PATH}`,
    userinfoUrl: `${base(USERINFO_HOST)}${USERINFO_PATH}`,
    directoryUsersUrl: `${base(ADMIN_HOST)}${DIRECTORY_USERS_PATH}`,
  };
}
