// Ochno Operated: scoped client credentials, rotating refresh, code flow with codeVerifier, hubs API, webhooks (shared/providers/ochno.md, seed 000).
import { defineProvider } from '../../core/provider.ts';
import { ochnoAdminRoutes } from './admin.ts';
import { ochnoApp } from './app.ts';
import { ochnoTestClients } from './clients.ts';
import { seedOchno } from './data/seed.ts';
import { renderOchnoError } from './errors.ts';
import { OCHNO_HOSTS } from './hosts.ts';
import { OCHNO_QUIRKS } from './quirks.ts';
import { OCHNO_SCENARIOS } from './scenarios.ts';
import { dispatcher, stopWebhooks } from './webhooks/state.ts';

export * from './public.ts';

export const ochno = defineProvider({
  id: 'ochno',
  title: 'Ochno Operated',
  hosts: OCHNO_HOSTS,
  quirks: OCHNO_QUIRKS,
  scenarios: OCHNO_SCENARIOS,
  testClients: ochnoTestClients,
  createApp: ochnoApp,
  renderError: (error, _host, ctx) => renderOchnoError(error, ctx.quirks),
  seedState(ctx) {
    seedOchno(ctx);
    dispatcher(ctx);
  },
  dispose: stopWebhooks,
  adminRoutes: ochnoAdminRoutes,
});
