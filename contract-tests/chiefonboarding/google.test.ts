// Manifests on the fake Google: the seed's example, unchanged, from the seed's own text; the shipped example; a broken manifest failing each check.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../runner.ts';
import type { SuiteReport } from '../types.ts';
import { describeContract } from '../vitest.ts';
import { manifestAdapter } from './adapter.ts';
import { findSeed, seedExample } from './seed.ts';
import { manifestSuite } from './suite.ts';

const ROOT = join(import.meta.dirname, '../..');
const example = (name: string): string => readFileSync(join(ROOT, 'examples/manifests', name), 'utf8');
const statuses = (report: SuiteReport): Record<string, string> => Object.fromEntries(report.results.map((r) => [r.id, r.status]));
const result = (report: SuiteReport, id: string) => report.results.find((r) => r.id === id)!;

const seedPath = findSeed();

describe.runIf(seedPath !== undefined || process.env['CI'])('the seed’s Google example, from the seed’s own text', () => {
  const seedText = (): string => {
    if (!seedPath) throw new Error('shared/seeds/002_581087e08131f371.txt is not beside the repository: CI must lay shared/ next to the clone');
    return readFileSync(seedPath, 'utf8');
  };

  it('is shipped unchanged as examples/manifests/google-seed.json', () => {
    expect(example('google-seed.json')).toBe(seedExample(seedText()).example);
  });

  it.each(['msw', 'http'] as const)('authorises, exchanges, uses the token and refreshes against the fake Google (%s)', async (transport) => {
    const report = await runSuite(manifestSuite('google'), manifestAdapter(seedExample(seedText()).manifest, { file: '002_581087e08131f371.txt' }), { transport });
    expect(statuses(report)).toEqual({
      'manifest.valid': 'passed',
      'manifest.authorises': 'passed',
      'manifest.exchanges': 'passed',
      'manifest.uses-token': 'passed',
      'manifest.refreshes': 'passed',
      // The example lists no status_code: an error answer is saved as the token, or merged into it.
      'manifest.exchange-error': 'failed',
      'manifest.refresh-error': 'failed',
    });
    const refresh = result(report, 'manifest.refreshes').notes.filter((n) => n.startsWith('request: '));
    expect(refresh).toContain('request: +3600.000s oauth.refresh POST https://oauth2.googleapis.com/token → 200');
    // Lines are the seed's own: the access_token object starts on its line 38.
    expect(result(report, 'manifest.valid').notes).toContain(
      'warning (line 38, oauth.access_token): oauth.access_token lists no status_code, so the platform treats any answer as success: an error answer (400 invalid_grant, 401, 503…) would be saved as the token. Fix: add "status_code": [200] to oauth.access_token.',
    );
    expect(result(report, 'manifest.exchange-error').findings[0]!.message).toMatch(
      /^Google refused a bad code with 400 invalid_grant, and the platform saved the error body as the token \(saved keys: error, error_description\) and showed the integration as connected: add "status_code": \[200\] to oauth\.access_token$/,
    );
    expect(result(report, 'manifest.refresh-error').findings[0]!.message).toMatch(/^Google refused the refresh \(400 invalid_grant\) and the platform merged the error into the saved token .*add "status_code": \[200\] to oauth\.refresh$/);
    expect(JSON.stringify(report)).not.toMatch(/GOCSPX-/);
  });
});

// The shipped full example passes every check, as a user's vitest file would run it.
describeContract(manifestSuite('google'), manifestAdapter(example('google.json'), { file: 'examples/manifests/google.json' }), { transport: 'msw' });
describeContract(manifestSuite('google'), manifestAdapter(example('google.json'), { file: 'examples/manifests/google.json' }), { transport: 'http' });

describe('a manifest that gets one thing wrong fails exactly that check, saying why', () => {
  const base = (): Record<string, any> => JSON.parse(example('google.json')) as Record<string, any>;
  const run = (manifest: object, checks: string[]) =>
    runSuite(manifestSuite('google'), manifestAdapter(JSON.stringify(manifest, null, 2), { file: 'broken.json' }), { checks });

  it('manifest.valid: no refresh', async () => {
    const m = base();
    delete m['oauth'].refresh;
    const report = await run(m, ['manifest.valid']);
    expect(result(report, 'manifest.valid').findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/^refused \(line \d+, oauth\): refresh is missing\. The documentation says the token is then treated as permanent, but the platform’s validator requires oauth\.refresh/),
    ]);
  });

  it('manifest.authorises: a redirect_uri that is not the integration’s', async () => {
    const m = base();
    m['oauth'].authenticate_url = m['oauth'].authenticate_url.replace('{{ redirect_url }}', 'https://onboarding.example.test/callback');
    const report = await run(m, ['manifest.authorises']);
    expect(statuses(report)['manifest.authorises']).toBe('failed');
    expect(result(report, 'manifest.authorises').findings[0]!.message).toMatch(/^Google’s authorisation page refused the URL from oauth\.authenticate_url — .*redirect_uri_mismatch/);
  });

  it('manifest.exchanges: Octorate’s grant_type copied into a Google manifest', async () => {
    const m = base();
    m['oauth'].access_token.data.grant_type = 'code';
    const report = await run(m, ['manifest.exchanges']);
    const r = result(report, 'manifest.exchanges');
    expect(r.status).toBe('failed');
    expect(r.findings[0]!.message).toMatch(/^the code exchange failed and the admin sees “Couldn't save token: \{"error":"unsupported_grant_type"/);
    expect(r.notes.some((n) => n.includes('Google needs grant_type=authorization_code for the code exchange but the manifest sends grant_type=code'))).toBe(true);
  });

  it('manifest.uses-token: a header that reads a field the token answer does not have', async () => {
    const m = base();
    m['execute'][0].headers.Authorization = 'Bearer {{ oauth.token }}';
    delete m['execute'][0].status_code;
    const report = await run(m, ['manifest.uses-token']);
    const r = result(report, 'manifest.uses-token');
    expect(r.status).toBe('failed');
    expect(r.findings[0]!.message).toMatch(/^Google’s API refused the call .*: 401/);
    expect(r.notes).toContain(
      'warning (line 17, execute[0].headers.Authorization): {{ oauth.token }} has no value: the saved token answer has no "token", so the platform sends an empty string. Fix: make sure the provider\'s token answer carries token.',
    );
  });

  it('manifest.refreshes: a refresh with the wrong grant_type', async () => {
    const m = base();
    m['oauth'].refresh.data.grant_type = 'refresh';
    const report = await run(m, ['manifest.refreshes']);
    const r = result(report, 'manifest.refreshes');
    expect(r.status).toBe('failed');
    expect(r.findings[0]!.message).toMatch(/^the refresh was refused: 400 unsupported_grant_type/);
  });
});
