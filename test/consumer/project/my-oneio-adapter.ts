// A contract adapter in TypeScript, loaded by `oauth-doubles verify` as the user's project writes it.
import { defineAdapter, OneioClient, type OneioOperations, type OneioSettings } from 'oauth-doubles/contract-tests';
import { adapterName, Kind } from './naming';

export default defineAdapter<OneioSettings, OneioOperations>({
  name: adapterName(Kind.Consumer),
  provider: 'oneio',
  create(settings: OneioSettings): OneioOperations {
    const client = new OneioClient({
      tokenUrl: settings.tokenUrl,
      receiverUrl: settings.receiverUrl,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
    });
    return { deliver: (message) => client.deliver(message) };
  },
});
