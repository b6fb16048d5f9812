// A library variant as contract-suite adapters: the library asks for tokens, the reference clients keep them, renew and retry.
import { OctorateClient } from '../octorate/reference-client.ts';
import type { OctorateAdapter } from '../octorate/settings.ts';
import { OneioClient } from '../oneio/reference-client.ts';
import type { OneioAdapter } from '../oneio/settings.ts';
import { defineAdapter } from '../types.ts';
import type { LibraryVariant } from './libraries.ts';

export function oneioAdapter(variant: LibraryVariant & Required<Pick<LibraryVariant, 'oneio'>>): OneioAdapter {
  return defineAdapter({
    name: `${variant.library} (${variant.config})`,
    provider: 'oneio',
    create(settings) {
      const client = new OneioClient({ ...settings, requestToken: variant.oneio });
      return { deliver: (message) => client.deliver(message) };
    },
  });
}

export function octorateAdapter(variant: LibraryVariant & Required<Pick<LibraryVariant, 'octorate'>>): OctorateAdapter {
  return defineAdapter({
    name: `${variant.library} (${variant.config})`,
    provider: 'octorate',
    create(settings) {
      const client = new OctorateClient({ ...settings, identityRequest: variant.octorate });
      return {
        authorizationUrl: () => client.authorizationUrl(),
        handleCallback: (url) => client.handleCallback(url),
        reservations: (id) => client.reservations(id),
        configuration: () => client.configuration(),
      };
    },
  });
}
