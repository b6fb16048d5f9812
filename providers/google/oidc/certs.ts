// www.googleapis.com: the JWKS that verifies id_tokens (DOC: Google's `jwks_uri`), and the older userinfo and tokeninfo URLs.
import { Hono } from 'hono';
import type { HarnessEnv, ProviderContext } from '../../../core/provider.ts';
import { methodNotAllowed } from '../../../core/routes.ts';
import { CERTS_PATH, LEGACY_TOKENINFO_PATH, LEGACY_USERINFO_PATH } from '../hosts.ts';
import { tokenParams } from '../identity/params.ts';
import { tokenInfo } from '../identity/tokeninfo.ts';
import { userinfoRoutes } from './userinfo.ts';
import type { GoogleQuirks } from '../quirks.ts';
import { keyRing } from './keys.ts';

export function certsRoutes(ctx: ProviderContext<GoogleQuirks>): Hono<HarnessEnv> {
  const app = new Hono<HarnessEnv>();
  app.get(CERTS_PATH, async (c) => {
    const ring = await keyRing(ctx);
    // INF: Google serves its keys publicly cacheable for some hours; clients are expected to refetch on an unknown kid.
    return c.json({ keys: ring.published.map((k) => k.jwk) }, 200, { 'cache-control': 'public, max-age=21600, must-revalidate, no-transform' });
  });
  app.all(CERTS_PATH, methodNotAllowed(['GET']));
  app.route('/', userinfoRoutes(ctx, LEGACY_USERINFO_PATH));
  app.on(['GET', 'POST'], LEGACY_TOKENINFO_PATH, (c) => tokenInfo(ctx, c, tokenParams(ctx, c, 'Google’s tokeninfo endpoint')));
  app.all(LEGACY_TOKENINFO_PATH, methodNotAllowed(['GET', 'POST']));
  return app;
}
