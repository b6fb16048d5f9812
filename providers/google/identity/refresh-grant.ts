// grant_type=refresh_token: a new access token (and id_token with openid); never a new refresh token.
import type { Context } from 'hono';
import { DoubleError } from '../../../core/errors.ts';
import type { HarnessEnv, ProviderContext } from '../../../core/provider.ts';
import { checkScopes } from '../data/scopes.ts';
import { forgetConsent, world } from '../data/world.ts';
import type { GoogleQuirks } from '../quirks.ts';
import { issueAccess, tokenResponse } from './grants.ts';
import { authenticate, checkKnown, type TokenParams } from './params.ts';

const KNOWN = ['grant_type', 'refresh_token', 'client_id', 'client_secret', 'scope'] as const;

/** DOC (chiefonboarding.md): the answer for a refresh token that is dead for any reason. */
export const EXPIRED_OR_REVOKED = 'Token has been expired or revoked.';

export async function refreshGrant(ctx: ProviderContext<GoogleQuirks>, c: Context<HarnessEnv>, fields: TokenParams): Promise<Response> {
  checkKnown(ctx, fields, KNOWN);
  const client = authenticate(ctx, c, fields);
  const value = fields.get('refresh_token') ?? '';
  if (!value) throw new DoubleError('invalid_request', 'Missing required parameter: refresh_token', { field: 'refresh_token' });
  const token = ctx.tokens.find(value);
  // INF: an unknown value is a bad request; a token of another client is "unauthorized_client".
  if (!token || token.provider !== 'google' || token.kind !== 'refresh') {
    // A token the harness had to drop for room says so (a harness limit, not Google's behaviour).
    throw new DoubleError('invalid_grant', ctx.tokens.dropped(value, 'google')?.message ?? 'Bad Request', { field: 'refresh_token' });
  }
  if (token.clientId !== client.clientId) throw new DoubleError('unauthorized_client', 'Unauthorized', { field: 'refresh_token' });

  const now = ctx.clock.now();
  const family = token.family ?? '';
  if (ctx.scenarios.consume('google', 'refresh-token-revoked') !== undefined && token.revokedAt === null) {
    // Scenario: the person removed the app under "Third-party apps with account access" (or changed their
    // password). The consent is gone for good: the revocation outlives the scenario.
    revokeConsent(ctx, family, now);
  }
  // DOC: refresh tokens of a "Testing" app die 7 days after the consent (scenario `testing-app-7-day-expiry`).
  const testing = ctx.scenarios.params('google', 'testing-app-7-day-expiry');
  if (testing !== undefined && now - token.issuedAt >= ctx.quirks.testingRefreshTokenLifetimeSeconds * 1000) revokeConsent(ctx, family, now);
  if (ctx.tokens.status(token, now) !== 'valid') throw new DoubleError('invalid_grant', EXPIRED_OR_REVOKED, { field: 'refresh_token' });

  // INF: an optional `scope` narrows the new access token to a subset of the grant (aliases such as `email`
  // expanded, as google-auth sends the scopes its credentials were built with).
  const asked = fields.get('scope');
  let scopes = token.scopes;
  if (asked !== undefined) {
    const { granted: wanted, invalid } = checkScopes(asked);
    const extra = [...invalid, ...wanted.filter((s) => !token.scopes.includes(s))];
    if (wanted.length === 0 || extra.length > 0) throw new DoubleError('invalid_scope', `Some requested scopes were not granted: ${extra.join(' ') || '(none asked)'}`, { field: 'scope' });
    scopes = wanted;
  }
  const grant = { client, sub: token.subject['sub'] ?? '', scopes, family };
  // DOC (chiefonboarding.md): the answer has no new refresh_token; the old one stays good.
  return tokenResponse(ctx, c, grant, { access: issueAccess(ctx, grant) });
}

/** Every token of the consent revoked, and the consent forgotten: the next authorisation is a first one again. */
export function revokeConsent(ctx: ProviderContext<GoogleQuirks>, family: string, now: number): void {
  if (family) ctx.tokens.revokeFamily(family, now);
  forgetConsent(world(ctx), family);
}
