// GET or POST oauth2.googleapis.com/tokeninfo?access_token=…: what an access token grants, as Google's debugging endpoint shows it.
import type { Context } from 'hono';
import { DoubleError } from '../../../core/errors.ts';
import type { HarnessEnv, ProviderContext } from '../../../core/provider.ts';
import { EMAIL_SCOPE } from '../data/scopes.ts';
import { findUser, world } from '../data/world.ts';
import type { GoogleQuirks } from '../quirks.ts';
import type { TokenParams } from './params.ts';

/** DOC: string-valued fields (`exp`, `expires_in`, `email_verified` included); 400 invalid_token "Invalid Value" otherwise. */
export function tokenInfo(ctx: ProviderContext<GoogleQuirks>, c: Context<HarnessEnv>, fields: TokenParams): Response {
  const value = fields.get('access_token') ?? '';
  const token = value ? ctx.tokens.find(value) : undefined;
  const now = ctx.clock.now();
  if (!token || token.provider !== 'google' || token.kind !== 'access' || ctx.tokens.status(token, now) !== 'valid') {
    throw new DoubleError('invalid_token', 'Invalid Value', { field: 'access_token', status: 400 });
  }
  const user = findUser(world(ctx), token.subject['sub'] ?? '');
  const expiresAt = token.expiresAt ?? now;
  const body: Record<string, string> = {
    azp: token.clientId,
    aud: token.clientId,
    sub: token.subject['sub'] ?? '',
    scope: token.scopes.join(' '),
    exp: String(Math.floor(expiresAt / 1000)),
    expires_in: String(Math.max(0, Math.floor((expiresAt - now) / 1000))),
  };
  if (user && token.scopes.includes(EMAIL_SCOPE)) Object.assign(body, { email: user.email, email_verified: 'true' });
  body['access_type'] = ctx.tokens.family(token.family ?? '').some((t) => t.kind === 'refresh') ? 'offline' : 'online';
  return c.json(body, 200, { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate' });
}
