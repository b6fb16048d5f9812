// Google: sign-in and consent, the token service, OpenID Connect, revocation and the Admin SDK directory (chiefonboarding.md "Google").
import { Hono } from 'hono';
import { defineProvider, type HarnessEnv } from '../../core/provider.ts';
import { googleAdminRoutes } from './admin.ts';
import { directoryRoutes } from './api/directory.ts';
import { accountsRoutes } from './authorize/page.ts';
import { googleTestClients } from './clients.ts';
import { seedGoogle } from './data/seed.ts';
import { renderGoogleError, wireOf } from './errors.ts';
import { GOOGLE_HOSTS } from './hosts.ts';
import { tokenHostRoutes } from './identity/host.ts';
import { certsRoutes } from './oidc/certs.ts';
import { userinfoRoutes } from './oidc/userinfo.ts';
import { GOOGLE_QUIRKS, type GoogleQuirks } from './quirks.ts';
import { GOOGLE_SCENARIOS } from './scenarios.ts';

export * from './public.ts';

export const google = defineProvider<GoogleQuirks>({
  id: 'google',
  title: 'Google',
  hosts: GOOGLE_HOSTS,
  quirks: GOOGLE_QUIRKS,
  scenarios: GOOGLE_SCENARIOS,
  testClients: googleTestClients,
  createApp(ctx, host): Hono<HarnessEnv> {
    switch (host.surface) {
      case 'authorize':
        return accountsRoutes(ctx);
      case 'token':
        return tokenHostRoutes(ctx);
      case 'certs':
        return certsRoutes(ctx);
      case 'userinfo':
        return userinfoRoutes(ctx);
      default:
        return directoryRoutes(ctx);
    }
  },
  renderError: renderGoogleError,
  errorType: (error) => wireOf(error).code,
  seedState: seedGoogle,
  adminRoutes: googleAdminRoutes,
});
