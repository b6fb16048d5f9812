// Google's hosts: sign-in and consent, the token service, signing keys, userinfo and the Admin SDK (chiefonboarding.md "Google").
import type { HostDefinition } from '../../core/provider.ts';

export const ACCOUNTS_HOST = 'accounts.google.com';
export const TOKEN_HOST = 'oauth2.googleapis.com';
export const CERTS_HOST = 'www.googleapis.com';
export const USERINFO_HOST = 'openidconnect.googleapis.com';
export const ADMIN_HOST = 'admin.googleapis.com';

export const AUTHORIZE_PATH = '/o/oauth2/v2/auth';
/** Where the consent page's form posts the person's answer (INF: Google's own consent screens live under /signin/oauth/). */
export const CONSENT_PATH = '/signin/oauth/consent';
export const DISCOVERY_PATH = '/.well-known/openid-configuration';
export const TOKEN_PATH = '/token';
export const REVOKE_PATH = '/revoke';
export const TOKENINFO_PATH = '/tokeninfo';
export const CERTS_PATH = '/oauth2/v3/certs';
export const USERINFO_PATH = '/v1/userinfo';
/** INF: the older userinfo and tokeninfo URLs on www.googleapis.com, still used by many libraries (passport-google-oauth20). */
export const LEGACY_USERINFO_PATH = '/oauth2/v3/userinfo';
export const LEGACY_TOKENINFO_PATH = '/oauth2/v3/tokeninfo';
export const DIRECTORY_USERS_PATH = '/admin/directory/v1/users';

/** DOC: Google's id_token issuer (`iss`), as its discovery document states it. */
export const GOOGLE_ISSUER = `https://${ACCOUNTS_HOST}`;

/** One world: Google has no separate sandbox. */
export const GOOGLE_HOSTS: HostDefinition[] = [
  { host: ACCOUNTS_HOST, environment: 'production', surface: 'authorize', entryPath: AUTHORIZE_PATH },
  { host: TOKEN_HOST, environment: 'production', surface: 'token', entryPath: TOKEN_PATH },
  { host: CERTS_HOST, environment: 'production', surface: 'certs', entryPath: CERTS_PATH },
  { host: USERINFO_HOST, environment: 'production', surface: 'userinfo', entryPath: USERINFO_PATH },
  { host: ADMIN_HOST, environment: 'production', surface: 'directory', entryPath: DIRECTORY_USERS_PATH },
];
