// What an Ochno client is given (integration credentials, the scopes it needs, every URL, its webhook URL) and what it must offer.
import { connectionSettings, type OchnoConnection, type OchnoEnvironment } from '../../providers/ochno/public.ts';
import type { BaseSettings, ClientAdapter, SuiteConnection } from '../types.ts';

/** The scopes the suite's client needs for what it does (hubs, a port change, webhooks): no more. */
export const NEEDED_SCOPES = ['hubs:read', 'hubs:write'];
/** What the code flow asks the user for: who they are, and their hubs. */
export const USER_SCOPES = ['sub', 'email', 'hubs:read'];
/** Where the client's webhook handler is reachable: subscriptions point here; the suite hands deliveries to `handleWebhook`. */
export const WEBHOOK_URL = 'https://hooks.app.example.test/ochno/webhook';

export interface OchnoSettings extends BaseSettings, OchnoConnection {
  provider: 'ochno';
  environment: OchnoEnvironment;
  /** Space-separate them in the client-credentials request; ask for nothing else. */
  scopes: string[];
  /** What the authorisation request asks the user for. */
  userScopes: string[];
  /** The URL to subscribe webhooks to. */
  webhookUrl: string;
}

/**
 * What the suite asks of a user's Ochno client. Server to server (client credentials): `hubs`, `setActivePort`,
 * `subscribe`. On behalf of a user (authorisation code with PKCE): `authorizationUrl`, `handleCallback`, `userinfo`.
 * And the webhook receiver: `handleWebhook`, `events`.
 */
export interface OchnoOperations {
  /** GET /api/hubs/v1 with the integration's token; resolve with the array, reject when it failed. */
  hubs(): Promise<unknown>;
  /** PUT /api/hubs/v1/{hubId}/state `{"activeport": port}`; resolve with the hub, reject when it failed. */
  setActivePort(hubId: string, port: number): Promise<unknown>;
  /** A new authorisation: fresh `state` and PKCE pair, remembered; return the URL to send the user to. */
  authorizationUrl(): string | Promise<string>;
  /** The browser came back with this URL: verify the state (refuse without calling Ochno if unknown or used), exchange the code. */
  handleCallback(callbackUrl: string): Promise<unknown>;
  /** GET /identity/oauth/v2/userinfo with the connected user's token; resolve with the body. */
  userinfo(): Promise<unknown>;
  /** POST /subscriptions/v1/ for every hub event to `webhookUrl`, and keep it alive until the client is closed; resolve with its id. */
  subscribe(): Promise<string>;
  /** The client's webhook route: Ochno's POST arrives here; answer as the route would. */
  handleWebhook(request: Request): Promise<Response>;
  /** The events the webhook route accepted (parsed bodies), oldest first. */
  events(): unknown[];
}

export type OchnoAdapter = ClientAdapter<OchnoSettings, OchnoOperations>;

/** The seeded production integration (every scope granted), with every URL as the transport reaches it. */
export function ochnoSettings(connection: SuiteConnection): OchnoSettings {
  return {
    provider: 'ochno',
    ...connectionSettings(connection.harness, { environment: 'production', base: (host) => connection.url(host) }),
    scopes: [...NEEDED_SCOPES],
    userScopes: [...USER_SCOPES],
    webhookUrl: WEBHOOK_URL,
  };
}
