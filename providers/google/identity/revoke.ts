// POST oauth2.googleapis.com/revoke: an access or refresh token ends the whole consent (DOC, Google's guide).
import type { Context } from 'hono';
import { DoubleError } from '../../../core/errors.ts';
import type { HarnessEnv, ProviderContext } from '../../../core/provider.ts';
import type { GoogleQuirks } from '../quirks.ts';
import { NO_CACHE } from '../errors.ts';
import type { TokenParams } from './params.ts';
import { revokeConsent } from './refresh-grant.ts';

/**
 * DOC: `token` in the query string or a form body; 200 when revoked. Revoking an access token revokes
 * its refresh token too, and the other way round. INF: an unknown or dead token is 400 invalid_token.
 */
export function revokeToken(ctx: ProviderContext<GoogleQuirks>, c: Context<HarnessEnv>, fields: TokenParams): Response {
  const value = fields.get('token') ?? '';
  if (!value) throw new DoubleError('invalid_request', 'Missing required parameter: token', { field: 'token' });
  const token = ctx.tokens.find(value);
  const now = ctx.clock.now();
  if (!token || token.provider !== 'google' || ctx.tokens.status(token, now) !== 'valid') {
    throw new DoubleError('invalid_token', 'Token expired or revoked', { field: 'token', status: 400 });
  }
  revokeConsent(ctx, token.family ?? '', now);
  ctx.tokens.revoke(token, now);
  return c.json({}, 200, NO_CACHE);
}
