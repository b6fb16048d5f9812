// The adapter for the reference client: copy it, and build your own Ochno client where it builds OchnoClient.
import { defineAdapter } from '../types.ts';
import { OchnoClient } from './reference-client.ts';
import type { OchnoOperations, OchnoSettings } from './settings.ts';

export default defineAdapter<OchnoSettings, OchnoOperations & { client: OchnoClient }>({
  name: 'oauth-doubles reference Ochno client',
  provider: 'ochno',
  create(settings) {
    const events: unknown[] = [];
    const client = new OchnoClient({ ...settings, onEvent: (event) => events.push(event) });
    return {
      client,
      hubs: () => client.hubs(),
      setActivePort: (hubId, port) => client.setActivePort(hubId, port),
      authorizationUrl: () => client.authorizationUrl(),
      handleCallback: (url) => client.handleCallback(url),
      userinfo: () => client.userinfo(),
      subscribe: () => client.subscribe(),
      handleWebhook: (request) => client.handleWebhook(request),
      events: () => events,
    };
  },
  close: (operations) => operations.client.close(),
});
