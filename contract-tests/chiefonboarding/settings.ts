// What a manifest run is given (the admin's values, the callback URL, the way to real hosts) and what each provider contributes to the suite.
import type { ClientRecord } from '../../core/clients.ts';
import type { Harness } from '../../core/harness.ts';
import type { JournalEntry } from '../../core/journal.ts';
import type { BaseSettings, ClientAdapter, SuiteConnection } from '../types.ts';
import type { ManifestIntegration } from './interpreter/integration.ts';
import type { ProviderHints } from './interpreter/hints.ts';
import type { RequestObject } from './manifest/schema.ts';

/** The platform's callback route for integration 1 (`<BASE_URL>/admin/integrations/oauth/<pk>/callback/`), registered at each fake. */
export const CALLBACK_URL = 'https://onboarding.example.test/admin/integrations/oauth/1/callback/';

export interface ManifestSettings extends BaseSettings {
  /** What the admin typed into the integration's form: CLIENT_ID, CLIENT_SECRET, and what the provider's example needs. */
  values: Record<string, string>;
  /** `{{ redirect_url }}`. */
  redirectUrl: string;
  /** A real provider URL as this transport reaches it. */
  resolveUrl(url: string): string;
  hints: ProviderHints;
}

/** The client under test is the interpreter itself, running one manifest. */
export type ManifestOperations = ManifestIntegration;
export type ManifestAdapter = ClientAdapter<ManifestSettings, ManifestOperations>;

/** What one provider contributes to the manifest suite. */
export interface ManifestProfile {
  provider: string;
  title: string;
  environment: string;
  hints: ProviderHints;
  /** The application the admin registered at the provider, with the platform's callback URL among its redirect URIs. */
  application(harness: Harness): ClientRecord;
  /** Values besides CLIENT_ID and CLIENT_SECRET that the provider's example manifests use. */
  values?(harness: Harness): Record<string, string>;
  /** `https://host/path` of the provider's authorisation page. */
  authorizePage: string;
  /** The user approves on the provider's page what the URL asks for; resolves with the redirect back, throws with the page's message. */
  approve(harness: Harness, authorizeUrl: string): Promise<string>;
  /** A call with the token, for a manifest with no `execute`. */
  probe: RequestObject;
  /** The journal entries that are API calls with the token (not identity calls). */
  isApiCall(entry: JournalEntry): boolean;
  /** Identity calls: the code exchange and the refresh. */
  tokenCall(entry: JournalEntry): 'exchange' | 'refresh' | undefined;
  /** Why a refused code exchange can never pass on this platform, when the provider's rules make it so. */
  exchangeLimit?(entry: JournalEntry): string | undefined;
}

/** Re-registers the seeded application with the platform's callback URL added: same id and secret, so reports still scrub it. */
export function withCallback(harness: Harness, client: ClientRecord): ClientRecord {
  if (client.redirectUris.includes(CALLBACK_URL)) return client;
  return harness.clients.register({ ...client, redirectUris: [...client.redirectUris, CALLBACK_URL] }, client.origin);
}

export function manifestSettings(profile: ManifestProfile, connection: SuiteConnection): ManifestSettings {
  const client = profile.application(connection.harness);
  const hosts = new Set(connection.harness.hosts.map((h) => h.host));
  return {
    provider: profile.provider,
    environment: profile.environment,
    values: { CLIENT_ID: client.clientId, CLIENT_SECRET: client.clientSecret, ...profile.values?.(connection.harness) },
    redirectUrl: CALLBACK_URL,
    resolveUrl(url) {
      const parsed = new URL(url);
      if (parsed.protocol !== 'https:' || !hosts.has(parsed.hostname)) return url;
      // The raw text after the host, so that what the manifest wrote (unencoded code and all) is what arrives.
      const rest = url.slice(url.indexOf(parsed.hostname) + parsed.hostname.length).replace(/^:443/, '');
      return connection.url(parsed.hostname, rest);
    },
    hints: profile.hints,
  };
}
