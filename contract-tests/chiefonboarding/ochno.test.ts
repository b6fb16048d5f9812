// The Ochno code-flow example manifest: authorised (with a fixed PKCE pair, and told why that protects nothing), then the exchange no manifest can make.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../runner.ts';
import { manifestAdapter } from './adapter.ts';
import { manifestSuite } from './suite.ts';

const FILE = 'examples/manifests/ochno.json';
const TEXT = readFileSync(join(import.meta.dirname, '../..', FILE), 'utf8');

describe.each(['msw', 'http'] as const)('the Ochno example manifest (%s)', (transport) => {
  it('authorises on Ochno’s page and names the platform behaviour that makes the exchange impossible', async () => {
    const report = await runSuite(manifestSuite('ochno'), manifestAdapter(TEXT, { file: FILE }), { transport });
    expect(report.results.map((r) => `${r.id} ${r.status}`).slice(0, 3)).toEqual(['manifest.valid passed', 'manifest.authorises passed', 'manifest.exchanges failed']);
    const [valid, , exchanges] = report.results;
    expect(valid!.notes.some((n) => n.startsWith('warning (line 15, oauth.authenticate_url): authenticate_url carries a fixed code_challenge'))).toBe(true);
    expect(exchanges!.findings[0]!.message).toMatch(
      /^the code exchange failed and the admin sees “Couldn't save token: \{"error":"invalid_request",.*not in the query string \(got \\"code\\"\)\.*"\}” — cannot pass on ChiefOnboarding: the platform appends the code to the access_token URL/,
    );
  });
});
