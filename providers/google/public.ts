// `oauth-doubles/google`: what a Google client under test needs from code — approval, connection settings, hosts and scopes.
export { approveAuthorization, authorizationQuery, type ApproveOptions, type AuthorizationFields } from './authorize/approve.ts';
export { connectionSettings, type GoogleConnection, type ConnectionOptions } from './connection.ts';
export { SEEDED_REDIRECT_URIS } from './clients.ts';
export {
  GOOGLE_HOSTS, GOOGLE_ISSUER, ACCOUNTS_HOST, TOKEN_HOST, CERTS_HOST, USERINFO_HOST, ADMIN_HOST, AUTHORIZE_PATH, TOKEN_PATH, REVOKE_PATH,
  CERTS_PATH, USERINFO_PATH, DIRECTORY_USERS_PATH, DISCOVERY_PATH,
} from './hosts.ts';
export { OPENID, EMAIL_SCOPE, PROFILE_SCOPE, DIRECTORY_USER_SCOPE, DIRECTORY_USER_READONLY_SCOPE } from './data/scopes.ts';
export type { GoogleUser, DirectoryUser } from './data/world.ts';
export type { GoogleQuirks } from './quirks.ts';
