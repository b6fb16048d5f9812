// Issuing Google tokens: access tokens (3599 s), refresh tokens (no expiry; 100 per consent), and the token response.
import type { Context } from 'hono';
import type { ClientRecord } from '../../../core/clients.ts';
import type { HarnessEnv, ProviderContext } from '../../../core/provider.ts';
import type { TokenRecord } from '../../../core/state/tokens.ts';
import { OPENID } from '../data/scopes.ts';
import { findUser, world } from '../data/world.ts';
import { NO_CACHE } from '../errors.ts';
import { idToken } from '../oidc/id-token.ts';
import type { GoogleQuirks } from '../quirks.ts';
import { accessTokenValue, refreshTokenValue } from './token-values.ts';

type Ctx = ProviderContext<GoogleQuirks>;

export interface GrantSubject {
  client: ClientRecord;
  sub: string;
  scopes: string[];
  family: string;
}

export function issueAccess(ctx: Ctx, grant: GrantSubject): TokenRecord {
  const now = ctx.clock.now();
  return ctx.tokens.issue({
    value: accessTokenValue(ctx.random),
    kind: 'access',
    provider: 'google',
    environment: grant.client.environment,
    clientId: grant.client.clientId,
    scopes: grant.scopes,
    issuedAt: now,
    expiresAt: now + ctx.quirks.accessTokenLifetimeSeconds * 1000,
    family: grant.family,
    subject: { sub: grant.sub },
  });
}

/**
 * DOC: refresh tokens do not expire by time (apps in "Testing" aside); at most `refreshTokensPerGrant` live
 * ones per account and client — one more silently invalidates the oldest.
 */
export function issueRefresh(ctx: Ctx, grant: GrantSubject): TokenRecord {
  const now = ctx.clock.now();
  // The family index keeps this O(tokens of the consent), whatever else the store holds.
  const live = ctx.tokens.family(grant.family).filter((t) => t.kind === 'refresh' && ctx.tokens.status(t, now) === 'valid');
  for (const old of live.slice(0, Math.max(0, live.length - ctx.quirks.refreshTokensPerGrant + 1))) ctx.tokens.revoke(old, now);
  return ctx.tokens.issue({
    value: refreshTokenValue(ctx.random),
    kind: 'refresh',
    provider: 'google',
    environment: grant.client.environment,
    clientId: grant.client.clientId,
    scopes: grant.scopes,
    issuedAt: now,
    expiresAt: null,
    family: grant.family,
    subject: { sub: grant.sub },
  });
}

/**
 * DOC (chiefonboarding.md; Google's guide): access_token, expires_in, refresh_token (only when one was
 * issued), scope, token_type, and id_token when `openid` was granted — in Google's order.
 */
export async function tokenResponse(
  ctx: Ctx,
  c: Context<HarnessEnv>,
  grant: GrantSubject,
  tokens: { access: TokenRecord; refresh?: TokenRecord; nonce?: string },
): Promise<Response> {
  const { access, refresh, nonce } = tokens;
  const body: Record<string, unknown> = { access_token: access.value, expires_in: ctx.quirks.accessTokenLifetimeSeconds };
  if (refresh) body['refresh_token'] = refresh.value;
  body['scope'] = grant.scopes.join(' ');
  body['token_type'] = 'Bearer';
  const user = findUser(world(ctx), grant.sub);
  if (grant.scopes.includes(OPENID) && user) {
    body['id_token'] = await idToken(ctx, c, { client: grant.client, user, scopes: grant.scopes, accessToken: access.value, nonce });
  }
  return c.json(body, 200, NO_CACHE);
}
