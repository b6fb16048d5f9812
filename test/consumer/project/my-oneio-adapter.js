// A contract adapter in plain JavaScript: builds the client under test from the settings oauth-doubles hands over.
import { OneioClient } from 'oauth-doubles/contract-tests';

export default {
  name: 'consumer JS adapter',
  provider: 'oneio',
  create(settings) {
    const client = new OneioClient({
      tokenUrl: settings.tokenUrl,
      receiverUrl: settings.receiverUrl,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
    });
    return { deliver: (message) => client.deliver(message) };
  },
};
