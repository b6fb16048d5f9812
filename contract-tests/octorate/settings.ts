// What an Octorate client is given (application credentials, redirect URI, every URL) and what it must offer.
import { connectionSettings, type OctorateConnection, type OctorateEnvironment } from '../../providers/octorate/index.ts';
import type { BaseSettings, ClientAdapter, SuiteConnection } from '../types.ts';

/** The application's connection as the provider hands it out (credentials, redirect URI, every URL), tagged for the suite. */
export interface OctorateSettings extends BaseSettings, OctorateConnection {
  provider: 'octorate';
  /** The application's environment: the suite plays the seeded PRODUCTION application. */
  environment: OctorateEnvironment;
}

/**
 * What the suite asks of a user's Octorate client. The harness plays the hotelier in between:
 * it opens the URL from `authorizationUrl`, grants one property on Octorate's page and hands the
 * redirect back to `handleCallback`, as the browser would hit the application's callback route.
 */
export interface OctorateOperations {
  /** A new authorisation: make a fresh `state`, remember it, and return the admin.octorate.com URL to send the hotelier to. */
  authorizationUrl(): string | Promise<string>;
  /**
   * The browser came back to the redirect URI with this URL (`?code=…&state=…`). Verify the state
   * (reject, without calling Octorate, when it is missing, unknown or already used), then exchange
   * the code server to server. Resolve once connected; reject when the connection failed.
   */
  handleCallback(callbackUrl: string): Promise<unknown>;
  /** GET `/reservation/{propertyId}` with the connected property's token; resolve with the body, reject when it failed. */
  reservations(propertyId: string): Promise<unknown>;
  /** GET `/api/configuration` with the application's API-operations (apilogin) token; resolve with the body. */
  configuration(): Promise<unknown>;
}

export type OctorateAdapter = ClientAdapter<OctorateSettings, OctorateOperations>;

/** The seeded PRODUCTION application, with every URL as the transport reaches it. */
export function octorateSettings(connection: SuiteConnection): OctorateSettings {
  return { provider: 'octorate', ...connectionSettings(connection.harness, { environment: 'production', base: (host) => connection.url(host) }) };
}
