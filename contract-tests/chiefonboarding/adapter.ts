// A manifest as a client adapter: the contract runner builds one interpreter per check from the suite's settings.
import { ManifestIntegration } from './interpreter/integration.ts';
import { loadManifest, type LoadedManifest } from './manifest/load.ts';
import type { ManifestAdapter } from './settings.ts';

export interface ManifestAdapterOptions {
  /** Shown in reports and errors; default `manifest`. */
  file?: string;
  /** Values besides those the suite fills in (CLIENT_ID, CLIENT_SECRET…); these win. */
  values?: Record<string, string>;
  /** The new hire an execute runs for. */
  newHire?: Record<string, unknown>;
}

/** Reads the manifest now (ManifestError with key and line if it cannot run) and returns the adapter for runSuite, verify or describeContract. */
export function manifestAdapter(manifest: string | LoadedManifest, options: ManifestAdapterOptions = {}): ManifestAdapter {
  const loaded = typeof manifest === 'string' ? loadManifest(manifest, options.file) : manifest;
  return {
    name: `ChiefOnboarding manifest ${loaded.source.file}`,
    create: (settings) =>
      new ManifestIntegration(loaded, {
        values: { ...settings.values, ...options.values },
        redirectUrl: settings.redirectUrl,
        resolveUrl: settings.resolveUrl,
        hints: settings.hints,
        ...(options.newHire ? { newHire: options.newHire } : {}),
      }),
  };
}
