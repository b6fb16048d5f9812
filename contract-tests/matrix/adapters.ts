// A library variant as contract-suite adapters: the library asks for tokens, the reference clients keep them, renew and retry.
import { OchnoClient } from '../ochno/reference-client.ts';
import type { OchnoAdapter } from '../ochno/settings.ts';
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

export function ochnoAdapter(variant: LibraryVariant & Required<Pick<LibraryVariant, 'ochno'>>): OchnoAdapter {
  const clients = new WeakMap<object, OchnoClient>();
  return defineAdapter({
    name: `${variant.library} (${variant.config})`,
    provider: 'ochno',
    create(settings) {
      const events: unknown[] = [];
      const client = new OchnoClient({ ...settings, onEvent: (event) => events.push(event), tokenRequest: variant.ochno });
      const operations = {
        hubs: () => client.hubs(),
        setActivePort: (hubId: string, port: number) => client.setActivePort(hubId, port),
        authorizationUrl: () => client.authorizationUrl(),
        handleCallback: (url: string) => client.handleCallback(url),
        userinfo: () => client.userinfo(),
        subscribe: () => client.subscribe(),
        handleWebhook: (request: Request) => client.handleWebhook(request),
        events: () => events,
      };
      clients.set(operations, client);
      return operations;
    },
    close: (operations) => clients.get(operations)?.close(),
  });
}
