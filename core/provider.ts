// What a provider is: its hosts, quirks (as data), scenarios, test clients, routes and wire format for errors.
import type { Faker } from '@faker-js/faker';
import type { Hono } from 'hono';
import type { ScenarioDefinition, ScenarioSet } from './scenario.ts';
import type { ClientInput, ClientRegistry } from './clients.ts';
import type { Clock } from './clock.ts';
import type { Harness } from './harness.ts';
import type { DoubleError } from './errors.ts';
import type { JournalCredential } from './journal.ts';
import type { Redactor } from './redact.ts';
import type { CodeStore } from './state/codes.ts';
import type { InboxStore } from './state/inbox.ts';
import type { TokenStore } from './state/tokens.ts';

/** One real hostname a provider answers on. */
export interface HostDefinition {
  /** The real hostname, e.g. `receiver-authz-test.service-flow.com`. */
  host: string;
  /** Which world of the provider the host belongs to (`qa`, `prod`, `production`…). */
  environment: string;
  /** What the host is for: `token`, `receiver`, `api`, `authorize`… Scenarios target surfaces. */
  surface: string;
  /** The documented entry path, shown in the start-up table (`/oauth2/token`). */
  entryPath: string;
}

/** Per-request values the harness puts on every Hono context. */
export interface HarnessVariables {
  host: HostDefinition;
  /** Where this host is reached by the current request: '' (real host, MSW) or `/<host>` (local prefix). */
  localBase: string;
  /** The request's real https URL, whichever transport carried it. */
  realUrl: string;
  /**
   * Where absolute links to this host start: `https://<host>` when reached on the real host, the
   * transport's own origin + `/<host>` under the local prefix. Never built from the `Host` header.
   */
  linkBase: string;
  bodyText: string;
  bodyTooLarge: boolean;
  answeredBy: string;
  errorCode: string;
  errorType: string;
  credential: JournalCredential | null;
}

/** What a transport tells the harness about itself, per request. */
export interface TransportInfo {
  /** The transport's own origin (`http://127.0.0.1:4010`), for links under the local prefix. */
  localOrigin?: string;
}

// Always an object (the harness passes `{}` when a transport says nothing): hono's Env wants `object`, and a user's
// `exactOptionalPropertyTypes` reads our declarations too.
export type HarnessEnv = { Variables: HarnessVariables; Bindings: TransportInfo };

/** Everything a provider's routes may use: all state and time come from here, never from module scope. */
export interface ProviderContext<Q extends object = object> {
  provider: ProviderDefinition<Q>;
  quirks: Q;
  clock: Clock;
  clients: ClientRegistry;
  tokens: TokenStore;
  codes: CodeStore;
  inbox: InboxStore;
  scenarios: ScenarioSet;
  redactor: Redactor;
  /** This provider's seeded random stream (token values, fake data). */
  random: Faker;
  /** The provider's own state (fake accounts, properties…), emptied on reset before `seedState` runs. */
  state: Map<string, unknown>;
}

export interface ProviderDefinition<Q extends object = object> {
  id: string;
  title: string;
  hosts: HostDefinition[];
  /** Default quirks; a harness may override any of them. */
  quirks: Q;
  scenarios: ScenarioDefinition[];
  /** The seeded test clients of each environment (deterministic for a seed). */
  testClients(random: Faker, quirks: Q): ClientInput[];
  /** The routes of one host, relative to the host's root. */
  createApp(ctx: ProviderContext<Q>, host: HostDefinition): Hono<HarnessEnv>;
  /** The one place where typed errors become this provider's wire format. */
  renderError(error: DoubleError, host: HostDefinition, ctx: ProviderContext<Q>): Response;
  /** The provider's own name for an error as it goes on the wire (`ApiParamsExemption`), for the journal. Optional. */
  errorType?(error: DoubleError): string;
  /** Seeds provider-specific state (fake accounts, properties…) after a reset. Optional. */
  seedState?(ctx: ProviderContext<Q>): void;
  /** Stops the provider's background work (timers, deliveries in flight) before a reset and on close. Optional. */
  dispose?(ctx: ProviderContext<Q>): void;
  /** Provider-specific admin endpoints, served under `/__admin/providers/<id>/`. Optional. */
  adminRoutes?(ctx: ProviderContext<Q>, harness?: Harness): Hono;
}

/** Helps TypeScript infer a provider's quirk type from its definition. */
export const defineProvider = <Q extends object>(definition: ProviderDefinition<Q>): ProviderDefinition<Q> => definition;
