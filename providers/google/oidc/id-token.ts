// The RS256 id_token Google returns when `openid` was granted: claims as Google fills them, times from the harness clock.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { ClientRecord } from '../../../core/clients.ts';
import type { HarnessEnv, ProviderContext } from '../../../core/provider.ts';
import { EMAIL_SCOPE, PROFILE_SCOPE } from '../data/scopes.ts';
import type { GoogleUser } from '../data/world.ts';
import { ACCOUNTS_HOST } from '../hosts.ts';
import { baseFor } from '../links.ts';
import type { GoogleQuirks } from '../quirks.ts';
import { keyRing } from './keys.ts';

export interface IdTokenInput {
  client: ClientRecord;
  user: GoogleUser;
  scopes: readonly string[];
  accessToken: string;
  nonce?: string;
}

/** OIDC Core §3.1.3.6: the left half of SHA-256 of the access token, base64url. */
const atHash = (accessToken: string): string =>
  createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');

/** DOC: `https://accounts.google.com` (or the bare host, quirk `idTokenIssuer`); the local issuer when reached locally. */
export function issuerFor(ctx: ProviderContext<GoogleQuirks>, c: Context<HarnessEnv>): string {
  const base = baseFor(c, ACCOUNTS_HOST);
  // Scenario `id-token-issuer-without-scheme`: the bare form, which Google's docs tell verifiers to accept too.
  const bare = ctx.quirks.idTokenIssuer === 'bare' || ctx.scenarios.consume('google', 'id-token-issuer-without-scheme') !== undefined;
  return bare && base === `https://${ACCOUNTS_HOST}` ? ACCOUNTS_HOST : base;
}

/**
 * DOC (Google's OpenID Connect guide): iss, azp, aud, sub, hd for Workspace accounts, email and
 * email_verified with the email scope, at_hash, nonce when the authorisation had one, name, picture,
 * given_name and family_name with the profile scope, iat and exp. Numbers from the harness clock
 * (jose's string durations would read the real one).
 */
export async function idToken(ctx: ProviderContext<GoogleQuirks>, c: Context<HarnessEnv>, input: IdTokenInput): Promise<string> {
  const { client, user, scopes } = input;
  const claims: Record<string, unknown> = { azp: client.clientId };
  if (user.hd) claims['hd'] = user.hd;
  if (scopes.includes(EMAIL_SCOPE)) Object.assign(claims, { email: user.email, email_verified: true });
  claims['at_hash'] = atHash(input.accessToken);
  if (input.nonce) claims['nonce'] = input.nonce;
  if (scopes.includes(PROFILE_SCOPE)) {
    Object.assign(claims, { name: `${user.givenName} ${user.familyName}`, picture: user.picture, given_name: user.givenName, family_name: user.familyName });
  }
  const now = ctx.clock.nowSeconds();
  const { current } = await keyRing(ctx);
  const { SignJWT } = await import('jose'); // loaded on the first id_token, off the start path
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: current.kid, typ: 'JWT' })
    .setIssuer(issuerFor(ctx, c))
    .setAudience(client.clientId)
    .setSubject(user.sub)
    .setIssuedAt(now)
    .setExpirationTime(now + ctx.quirks.idTokenLifetimeSeconds)
    .sign(current.privateKey);
}
