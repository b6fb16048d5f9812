// The Octorate example manifest: what the run tells its author, in plain words, under both transports and through `verify --manifest`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../runner.ts';
import { junit, tmp, verify } from '../test-support/cli.ts';
import { manifestAdapter } from './adapter.ts';
import { manifestSuite } from './suite.ts';

const FILE = 'examples/manifests/octorate.json';
const TEXT = readFileSync(join(import.meta.dirname, '../..', FILE), 'utf8');

const NEVER_REFRESHED =
  'warning (line 17, oauth.access_token): Octorate’s token answer has no expires_in (it states the expiry as expireDate), so this token is never refreshed: once it expires every call fails until someone reconnects the integration by hand.';
const GRANT_TYPE =
  'warning (line 24, oauth.access_token.data.grant_type): Octorate needs grant_type=code for the code exchange but the manifest sends grant_type=authorization_code, so Octorate refuses the request. Fix: send "grant_type": "code" in oauth.access_token.data.';

describe.each(['msw', 'http'] as const)('the Octorate example manifest (%s)', (transport) => {
  it('is valid, authorises, and reports the never-refreshed token, the grant_type and why no manifest can exchange an Octorate code', async () => {
    const report = await runSuite(manifestSuite('octorate'), manifestAdapter(TEXT, { file: FILE }), { transport });
    const byId = Object.fromEntries(report.results.map((r) => [r.id, r]));
    expect(report.results.map((r) => `${r.id} ${r.status}`)).toEqual([
      'manifest.valid passed',
      'manifest.authorises passed',
      'manifest.exchanges failed',
      'manifest.uses-token blocked',
      'manifest.refreshes blocked',
      'manifest.exchange-error blocked',
      'manifest.refresh-error blocked',
    ]);
    const notes = byId['manifest.valid']!.notes;
    expect(notes.some((n) => n.startsWith(NEVER_REFRESHED))).toBe(true);
    expect(notes).toContain(GRANT_TYPE);
    const exchange = byId['manifest.exchanges']!;
    expect(exchange.findings[0]!.message).toMatch(
      /^the code exchange failed and the admin sees “Couldn't save token: .*” — cannot pass on ChiefOnboarding: the platform appends the code to the access_token URL \(there is no \{\{ code \}\} for the body\), and Octorate reads identity parameters from the form body only/,
    );
    // The requests made, secrets fingerprinted: the code and the client secret never show.
    expect(exchange.notes.some((n) => /^request: \+0\.000s oauth\.access_token POST https:\/\/api\.octorate\.com\/connect\/rest\/v1\/identity\/token\?code=‹redacted:[0-9a-f]{8}› · application\/x-www-form-urlencoded form\(client_id, client_secret, redirect_uri, grant_type\) → 400$/.test(n))).toBe(true);
  });
});

describe('oauth-doubles verify --manifest', () => {
  it('prints the same report as other clients with the diagnostics, and writes them into the JUnit XML', async () => {
    const out = join(tmp('verify-manifest'), 'octorate.xml');
    const run = await verify(['--provider', 'octorate', '--manifest', FILE, '--junit', out]);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain(`ChiefOnboarding manifest on Octorate contract checks — client "ChiefOnboarding manifest ${FILE}", transport msw`);
    expect(run.stdout).toContain(`note: ${GRANT_TYPE}`);
    expect(run.stdout).toMatch(/^2 passed, 1 failed, 4 blocked$/m);
    const { cases } = junit(out);
    expect(cases.map((c) => c.name.split(':')[0])).toEqual([
      'manifest.valid',
      'manifest.authorises',
      'manifest.exchanges',
      'manifest.uses-token',
      'manifest.refreshes',
      'manifest.exchange-error',
      'manifest.refresh-error',
    ]);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toContain('so this token is never refreshed');
    expect(xml).toContain('Octorate needs grant_type=code for the code exchange');
    expect(xml).not.toMatch(/client_secret=[^‹&]/);
  });

  it('refuses a manifest that cannot run with the key and the line, and exit code 2', async () => {
    const dir = tmp('verify-manifest');
    const bad = join(dir, 'bad.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bad, '{\n  "oauth": {\n    "authenticate_url": "https://admin.octorate.com/x",\n    "access_token": { "url": "https://api.octorate.com/t", "data": { "s": "{{ SECRET }}" } }\n  }\n}\n');
    const run = await verify(['--provider', 'octorate', '--manifest', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `oauth-doubles verify: ${bad}: line 4, oauth.access_token.data.s: {{ SECRET }} refers to "SECRET", which has no value: the platform would render it as an empty string. Values set: CLIENT_ID, CLIENT_SECRET, PROPERTY_ID, redirect_url.\n`,
    );
    const fixed = await verify(['--provider', 'octorate', '--manifest', bad, '--value', 'SECRET=x', '--check', 'manifest.valid']);
    expect(fixed.stdout).toContain('FAIL  manifest.valid');
    expect(fixed.stdout).toMatch(/refused \(line 2, oauth\): refresh is missing/);
  });
});
