// POST /rest/v1/identity/refresh: a never-expiring refresh token buys a new property access token.
import type { Context } from 'hono';
import { DoubleError } from '../../../core/errors.ts';
import { field } from '../../../core/form.ts';
import type { ProviderContext } from '../../../core/provider.ts';
import type { ApiEnv } from '../api/caller.ts';
import { rejection } from '../errors.ts';
import { grantOf, issuePropertyAccess, issueRefresh } from './grants.ts';
import { authenticatedApplication, identityForm } from './request.ts';
import type { OctorateQuirks } from '../quirks.ts';
import { tokenResponseBody } from './token-response.ts';

/** DOC: client_id, client_secret, refresh_token, optional notes. INF: some clients add grant_type=refresh_token; accepted, ignored. */
const REQUIRED = ['client_id', 'client_secret', 'refresh_token'] as const;
const OPTIONAL = ['notes', 'grant_type'] as const;

export async function refreshToken(ctx: ProviderContext<OctorateQuirks>, c: Context<ApiEnv>): Promise<Response> {
  const fields = identityForm(ctx, c, '/identity/refresh', REQUIRED, OPTIONAL);
  const grantType = fields.get('grant_type');
  if (grantType !== undefined && grantType !== 'refresh_token') {
    throw new DoubleError('unsupported_grant_type', `/identity/refresh takes no grant_type (refresh_token is tolerated); got "${grantType}".`, {
      field: 'grant_type',
    });
  }
  const client = authenticatedApplication(ctx, fields);
  const now = ctx.clock.now();
  const refuse = (message: string): never => {
    throw new DoubleError('invalid_token', message, rejection(ctx.quirks.rejectedRefreshToken, 'refresh_token'));
  };
  const token = ctx.tokens.find(field(fields, 'refresh_token'));
  if (!token || token.provider !== 'octorate' || token.kind !== 'refresh' || token.clientId !== client.clientId) {
    refuse(ctx.tokens.dropped(field(fields, 'refresh_token'), 'octorate')?.message ?? 'The refresh token is not valid for this application.');
  }
  const record = token!;
  if (ctx.scenarios.consume('octorate', 'refresh-token-revoked') !== undefined && record.revokedAt === null) {
    // Scenario: the property owner disconnected the application in Octorate. The grant is gone for good —
    // the revocation outlives the scenario, as a real disconnection would.
    ctx.tokens.revokeFamily(record.family ?? '', now);
    ctx.tokens.revoke(record, now);
  }
  if (ctx.tokens.status(record, now) !== 'valid') refuse('The refresh token was revoked.');

  const grant = grantOf(record);
  if (grant.grant !== 'property') refuse('The refresh token is not a property grant.');
  const family = record.family ?? '';
  if (ctx.quirks.refreshRevokesPreviousAccessTokens) {
    // The family index makes this O(tokens of the grant), whatever else the store holds.
    for (const old of ctx.tokens.family(family)) if (old.kind === 'access') ctx.tokens.revoke(old, now);
  }
  let refresh = record;
  if (ctx.quirks.rotateRefreshToken) {
    refresh = issueRefresh(ctx, client, grant as typeof grant & { grant: 'property' }, family);
    ctx.tokens.revoke(record, now);
  }
  const access = issuePropertyAccess(ctx, client, grant as typeof grant & { grant: 'property' }, family);
  // UNK (octorate.md §3): whether a new refresh_token comes back; default the same one (quirk rotateRefreshToken),
  // or none at all (quirk refreshAnswerHasRefreshToken).
  const shown = ctx.quirks.rotateRefreshToken || ctx.quirks.refreshAnswerHasRefreshToken ? refresh : undefined;
  return c.json(tokenResponseBody(ctx, access, shown), 200, { 'cache-control': 'no-store', pragma: 'no-cache' });
}
