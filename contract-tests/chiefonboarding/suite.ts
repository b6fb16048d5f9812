// The manifest contract suite for one provider: the checks a ChiefOnboarding manifest must pass, in the order they run.
import { defineSuite, type ContractSuite } from '../types.ts';
import { authorises } from './checks/authorises.ts';
import { exchangeError } from './checks/exchange-error.ts';
import { exchanges } from './checks/exchanges.ts';
import { refreshError } from './checks/refresh-error.ts';
import { refreshes } from './checks/refreshes.ts';
import { usesToken } from './checks/uses-token.ts';
import { valid } from './checks/valid.ts';
import { MANIFEST_PROFILES } from './profiles/index.ts';
import { manifestSettings, type ManifestOperations, type ManifestProfile, type ManifestSettings } from './settings.ts';

export type ManifestSuite = ContractSuite<ManifestSettings, ManifestOperations>;

export function profileFor(provider: string): ManifestProfile {
  const profile = MANIFEST_PROFILES[provider];
  if (!profile) throw new Error(`No manifest suite for provider "${provider}"; available: ${Object.keys(MANIFEST_PROFILES).join(', ')}.`);
  return profile;
}

/** The suite that runs a manifest against `provider`'s fake. */
export function manifestSuite(provider: string): ManifestSuite {
  const profile = profileFor(provider);
  return defineSuite<ManifestSettings, ManifestOperations>({
    provider: profile.provider,
    title: `ChiefOnboarding manifest on ${profile.title}`,
    settings: (connection) => manifestSettings(profile, connection),
    checks: [valid(), authorises(profile), exchanges(profile), usesToken(profile), refreshes(profile), exchangeError(profile), refreshError(profile)],
  });
}
