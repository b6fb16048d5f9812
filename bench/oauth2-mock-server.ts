// oauth2-mock-server (a bench-only dev dependency) as a throughput reference: its client-credentials token endpoint on loopback.
import { OAuth2Server } from 'oauth2-mock-server';

export interface MockServerTarget {
  port: number;
  /** Its token endpoint and a client-credentials form body it answers with 200. */
  path: string;
  body: string;
  close(): Promise<void>;
}

export async function startOauth2MockServer(): Promise<MockServerTarget> {
  const server = new OAuth2Server();
  // RS256, its documented default: every token it issues is a signed JWT.
  await server.issuer.keys.generate('RS256');
  await server.start(0, '127.0.0.1');
  const address = server.address();
  return {
    port: address.port,
    path: '/token',
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'ROLE_INTEGRATION' }).toString(),
    close: () => server.stop(),
  };
}
