// oauth2.googleapis.com: /token (authorization_code and refresh_token), /revoke and /tokeninfo.
import { Hono } from 'hono';
import { DoubleError } from '../../../core/errors.ts';
import type { HarnessEnv, ProviderContext } from '../../../core/provider.ts';
import { methodNotAllowed } from '../../../core/routes.ts';
import { REVOKE_PATH, TOKEN_PATH, TOKENINFO_PATH } from '../hosts.ts';
import type { GoogleQuirks } from '../quirks.ts';
import { exchangeCode } from './code-grant.ts';
import { tokenParams } from './params.ts';
import { refreshGrant } from './refresh-grant.ts';
import { revokeToken } from './revoke.ts';
import { tokenInfo } from './tokeninfo.ts';

export function tokenHostRoutes(ctx: ProviderContext<GoogleQuirks>): Hono<HarnessEnv> {
  const app = new Hono<HarnessEnv>();

  app.post(TOKEN_PATH, (c) => {
    const fields = tokenParams(ctx, c, 'Google’s token endpoint');
    const grantType = fields.get('grant_type') ?? '';
    if (grantType === 'authorization_code') return exchangeCode(ctx, c, fields);
    if (grantType === 'refresh_token') return refreshGrant(ctx, c, fields);
    // DOC: Google's text for a missing or unknown grant type.
    throw new DoubleError('unsupported_grant_type', `Invalid grant_type: ${grantType}`, { field: 'grant_type' });
  });
  app.all(TOKEN_PATH, methodNotAllowed(['POST']));

  app.post(REVOKE_PATH, (c) => revokeToken(ctx, c, tokenParams(ctx, c, 'Google’s revocation endpoint')));
  app.all(REVOKE_PATH, methodNotAllowed(['POST']));

  app.on(['GET', 'POST'], TOKENINFO_PATH, (c) => tokenInfo(ctx, c, tokenParams(ctx, c, 'Google’s tokeninfo endpoint')));
  app.all(TOKENINFO_PATH, methodNotAllowed(['GET', 'POST']));
  return app;
}
