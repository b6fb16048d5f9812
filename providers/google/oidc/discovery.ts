// GET accounts.google.com/.well-known/openid-configuration: Google's OpenID Provider metadata (OIDC Discovery 1.0 §3).
import type { Context } from 'hono';
import type { HarnessEnv } from '../../../core/provider.ts';
import { ACCOUNTS_HOST, AUTHORIZE_PATH, CERTS_HOST, CERTS_PATH, REVOKE_PATH, TOKEN_HOST, TOKEN_PATH, USERINFO_HOST, USERINFO_PATH } from '../hosts.ts';
import { baseFor } from '../links.ts';

/**
 * DOC: Google's document, member for member, less what the fake does not serve (the device flow and the
 * JWT-bearer grant). Response types stay as Google lists them; the fake answers `code` only.
 */
export function discoveryDocument(c: Context<HarnessEnv>): Record<string, unknown> {
  const accounts = baseFor(c, ACCOUNTS_HOST);
  const token = baseFor(c, TOKEN_HOST);
  return {
    issuer: accounts,
    authorization_endpoint: `${accounts}${AUTHORIZE_PATH}`,
    token_endpoint: `${token}${TOKEN_PATH}`,
    userinfo_endpoint: `${baseFor(c, USERINFO_HOST)}${USERINFO_PATH}`,
    revocation_endpoint: `${token}${REVOKE_PATH}`,
    jwks_uri: `${baseFor(c, CERTS_HOST)}${CERTS_PATH}`,
    response_types_supported: ['code', 'token', 'id_token', 'code token', 'code id_token', 'token id_token', 'code token id_token', 'none'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'email', 'profile'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    claims_supported: ['aud', 'email', 'email_verified', 'exp', 'family_name', 'given_name', 'iat', 'iss', 'name', 'picture', 'sub'],
    code_challenge_methods_supported: ['plain', 'S256'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
  };
}
