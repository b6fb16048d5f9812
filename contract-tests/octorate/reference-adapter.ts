// The adapter for the reference client: copy it, and build your own Octorate client where it builds OctorateClient.
import { defineAdapter } from '../types.ts';
import { OctorateClient } from './reference-client.ts';
import type { OctorateOperations, OctorateSettings } from './settings.ts';

export default defineAdapter<OctorateSettings, OctorateOperations>({
  name: 'oauth-doubles reference Octorate client',
  provider: 'octorate',
  create(settings) {
    // Only the URLs it is given, never a host of its own.
    const client = new OctorateClient({
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      redirectUri: settings.redirectUri,
      authorizeUrl: settings.authorizeUrl,
      tokenUrl: settings.tokenUrl,
      refreshUrl: settings.refreshUrl,
      apiLoginUrl: settings.apiLoginUrl,
      apiBaseUrl: settings.apiBaseUrl,
    });
    return {
      authorizationUrl: () => client.authorizationUrl(),
      handleCallback: (callbackUrl) => client.handleCallback(callbackUrl),
      reservations: (propertyId) => client.reservations(propertyId),
      configuration: () => client.configuration(),
    };
  },
});
