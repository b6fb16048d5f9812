// ONEiO: inbound OAuth 2.0 client credentials and the REST receiver (shared/providers/oneio.md, seed 001).
import { defineProvider } from '../../core/provider.ts';
import { rfcErrorResponse } from '../../core/wire/rfc.ts';
import { oneioTestClients } from './clients.ts';
import { ONEIO_HOSTS } from './hosts.ts';
import { ONEIO_QUIRKS } from './quirks.ts';
import { receiverRoutes } from './receiver.ts';
import { ONEIO_SCENARIOS } from './scenarios.ts';
import { tokenRoutes } from './token.ts';

export type { OneioQuirks } from './quirks.ts';

export const oneio = defineProvider({
  id: 'oneio',
  title: 'ONEiO',
  hosts: ONEIO_HOSTS,
  quirks: ONEIO_QUIRKS,
  scenarios: ONEIO_SCENARIOS,
  testClients: oneioTestClients,
  createApp: (ctx, host) => (host.surface === 'token' ? tokenRoutes(ctx, host) : receiverRoutes(ctx, host)),
  // UNK: ONEiO's error bodies are undocumented; RFC 6749 §5.2 / RFC 6750 §3 are the default.
  renderError: (error) => rfcErrorResponse(error, { realm: ONEIO_QUIRKS.realm }),
});
