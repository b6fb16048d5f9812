// `verify --manifest`: a ChiefOnboarding manifest file becomes the client under test of its provider's manifest suite.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createHarness } from '../index.ts';
import { manifestAdapter } from '../contract-tests/chiefonboarding/adapter.ts';
import { ManifestIntegration } from '../contract-tests/chiefonboarding/interpreter/integration.ts';
import { loadManifest } from '../contract-tests/chiefonboarding/manifest/load.ts';
import { ManifestError } from '../contract-tests/chiefonboarding/manifest/source.ts';
import { MANIFEST_PROFILES } from '../contract-tests/chiefonboarding/profiles/index.ts';
import { manifestSettings, type ManifestAdapter } from '../contract-tests/chiefonboarding/settings.ts';
import { manifestSuite, type ManifestSuite } from '../contract-tests/chiefonboarding/suite.ts';

export const MANIFEST_USAGE = `  --manifest   a ChiefOnboarding integration manifest (a JSON file, or only its "oauth": {…} part) to run
               as the client, instead of --client; --provider names the fake it runs against: ${Object.keys(MANIFEST_PROFILES).join(', ')}
  --value      NAME=VALUE: a value the manifest's templates use besides CLIENT_ID and CLIENT_SECRET,
               which the suite fills in with the fake's test application; repeatable`;

/** The manifest cannot be run: a message naming the file, key and line, printed without the usage text. */
export class ManifestInputError extends Error {}

function parseValues(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new ManifestInputError(`--value must be NAME=VALUE, got "${pair}".`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

/** Reads and checks the manifest up front (templates against the values the suite will give), so a broken file fails before any check. */
export async function manifestTarget(file: string, provider: string, valuePairs: string[] = []): Promise<{ suite: ManifestSuite; adapter: ManifestAdapter }> {
  const profile = MANIFEST_PROFILES[provider];
  if (!profile) throw new ManifestInputError(`no manifest suite for provider "${provider}"; available: ${Object.keys(MANIFEST_PROFILES).join(', ')}.`);
  const values = parseValues(valuePairs);
  let text: string;
  try {
    text = await readFile(resolve(process.cwd(), file), 'utf8');
  } catch (error) {
    throw new ManifestInputError(`cannot read the manifest ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const loaded = loadManifest(text, file);
    const harness = createHarness();
    const settings = manifestSettings(profile, { harness, transport: 'msw', url: (host, path = '') => `https://${host}${path}` });
    new ManifestIntegration(loaded, { values: { ...settings.values, ...values }, redirectUrl: settings.redirectUrl, hints: settings.hints });
    return { suite: manifestSuite(provider), adapter: manifestAdapter(loaded, { values }) };
  } catch (error) {
    if (error instanceof ManifestError) throw new ManifestInputError(error.message);
    throw error;
  }
}
