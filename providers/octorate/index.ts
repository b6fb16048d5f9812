// Octorate: authorisation-code flow, apilogin, and the property API (shared/providers/octorate.md, seed 003).
import { defineProvider } from '../../core/provider.ts';
import { octorateAdminRoutes } from './admin.ts';
import { apiRoutes } from './api/host.ts';
import { authorizeRoutes } from './authorize/page.ts';
import { octorateTestClients } from './clients.ts';
import { renderOctorateError, wireOf } from './errors.ts';
import { OCTORATE_HOSTS } from './hosts.ts';
import { OCTORATE_QUIRKS } from './quirks.ts';
import { OCTORATE_SCENARIOS } from './scenarios.ts';
import { seedOctorate } from './data/seed.ts';

export type { OctorateQuirks, Rejection } from './quirks.ts';
export type { OctorateEnvironment } from './clients.ts';
export { OCTORATE_HOSTS, OCTORATE_API_HOST, OCTORATE_ADMIN_HOST, API_PREFIX, AUTHORIZE_PATH } from './hosts.ts';
export { approveAuthorization, type ApproveOptions } from './authorize/approve.ts';
export { connectionSettings, type OctorateConnection, type ConnectionOptions } from './connection.ts';

export const octorate = defineProvider({
  id: 'octorate',
  title: 'Octorate',
  hosts: OCTORATE_HOSTS,
  quirks: OCTORATE_QUIRKS,
  scenarios: OCTORATE_SCENARIOS,
  testClients: octorateTestClients,
  createApp: (ctx, host) => (host.surface === 'authorize' ? authorizeRoutes(ctx) : apiRoutes(ctx)),
  renderError: renderOctorateError,
  errorType: (error) => wireOf(error).type,
  seedState: seedOctorate,
  adminRoutes: octorateAdminRoutes,
});
