// The adapter for the reference client: copy it, and build your own ONEiO client where it builds OneioClient.
import { defineAdapter } from '../types.ts';
import { OneioClient } from './reference-client.ts';
import type { OneioOperations, OneioSettings } from './settings.ts';

export default defineAdapter<OneioSettings, OneioOperations>({
  name: 'oauth-doubles reference ONEiO client',
  provider: 'oneio',
  create(settings) {
    // Only the URLs of the configured environment, never a host of its own.
    const client = new OneioClient({
      tokenUrl: settings.tokenUrl,
      receiverUrl: settings.receiverUrl,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
    });
    return { deliver: (message) => client.deliver(message) };
  },
});
