// openidconnect.googleapis.com/v1/userinfo (and www.googleapis.com/oauth2/v3/userinfo): the account's claims, by the token's scopes.
import { Hono } from 'hono';
import { DoubleError } from '../../../core/errors.ts';
import type { HarnessEnv, ProviderContext } from '../../../core/provider.ts';
import { methodNotAllowed } from '../../../core/routes.ts';
import { bearerToken } from '../api/bearer.ts';
import { EMAIL_SCOPE, OPENID, PROFILE_SCOPE } from '../data/scopes.ts';
import { findUser, world } from '../data/world.ts';
import { USERINFO_PATH } from '../hosts.ts';
import type { GoogleQuirks } from '../quirks.ts';

/** INF: this host answers a missing or bad token with 401 invalid_request "Invalid Credentials". */
const TEXTS = { missing: 'Invalid Credentials', invalid: 'Invalid Credentials', oauthError: 'invalid_request' };

export function userinfoRoutes(ctx: ProviderContext<GoogleQuirks>, path = USERINFO_PATH): Hono<HarnessEnv> {
  const app = new Hono<HarnessEnv>();
  app.on(['GET', 'POST'], path, (c) => {
    const token = bearerToken(ctx, c, TEXTS);
    const scopes = token.scopes;
    if (![OPENID, EMAIL_SCOPE, PROFILE_SCOPE].some((s) => scopes.includes(s))) {
      // UNK: a token without openid, email or profile; refused (the stricter reading).
      throw new DoubleError('insufficient_scope', 'The access token carries none of openid, email, profile.', { providerType: 'insufficient_scope' });
    }
    const user = findUser(world(ctx), token.subject['sub'] ?? '');
    if (!user) throw new DoubleError('invalid_token', 'Invalid Credentials');
    // DOC (OIDC Core §5.3.2 as Google fills it): sub always; profile claims with profile; email claims with email.
    const body: Record<string, unknown> = { sub: user.sub };
    if (scopes.includes(PROFILE_SCOPE)) {
      Object.assign(body, { name: `${user.givenName} ${user.familyName}`, given_name: user.givenName, family_name: user.familyName, picture: user.picture });
    }
    if (scopes.includes(EMAIL_SCOPE)) Object.assign(body, { email: user.email, email_verified: true });
    if (user.hd) body['hd'] = user.hd;
    return c.json(body, 200, { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate', pragma: 'no-cache' });
  });
  app.all(path, methodNotAllowed(['GET', 'POST']));
  return app;
}
