// `oauth-doubles verify --provider octorate` for real: the report, the exit code, and JUnit XML that says what failed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { junit, tmp, verify } from '../test-support/cli.ts';
import { octorateSuite } from './suite.ts';

const REFERENCE = 'contract-tests/octorate/reference-adapter.ts';
const BROKEN = 'contract-tests/octorate/fixtures/authorization-code-adapter.ts';
const CHECKS = octorateSuite.checks.map((c) => c.id);
const N = CHECKS.length;
/** A suite through a child process takes seconds; on a busy machine, more. */
const SLOW = { timeout: 90_000 };

describe('oauth-doubles verify --provider octorate', () => {
  it('prints a passing report for the reference client, exits 0 and writes clean JUnit XML', SLOW, async () => {
    const out = join(tmp('verify-octorate'), 'reports/octorate.xml');
    const run = await verify(['--provider', 'octorate', '--client', REFERENCE, '--junit', out]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Octorate contract checks — client "oauth-doubles reference Octorate client", transport msw');
    expect(run.stdout.match(/^PASS {2}octorate\.[a-z0-9@-]+ — /gm)).toHaveLength(CHECKS.length);
    expect(run.stdout).toMatch(new RegExp(`^${N} passed, 0 failed$`, 'm'));
    const { suites, suite, cases } = junit(out);
    expect(suites).toMatchObject({ tests: String(N), failures: '0', errors: '0', skipped: '0' });
    expect(suite.name).toBe('Octorate contract — oauth-doubles reference Octorate client (msw)');
    expect(cases.map((c) => c.name.split(':')[0])).toEqual(CHECKS);
    expect(cases.every((c) => c.failure === undefined && c.skipped === undefined)).toBe(true);
  });

  it('runs over the HTTP transport too (the compiled bin: npm run test:consumer)', SLOW, async () => {
    const run = await verify(['--provider', 'octorate', '--client', REFERENCE, '--transport', 'http']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('transport http');
    expect(run.stdout).toMatch(new RegExp(`^${N} passed, 0 failed$`, 'm'));
  });

  it('names the failed check and its cause in Octorate’s terms, exits 1, and puts failure and skipped checks in the JUnit XML', SLOW, async () => {
    const out = join(tmp('verify-octorate'), 'broken.xml');
    const run = await verify(['--provider', 'octorate', '--client', BROKEN, '--junit', out]);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain('FAIL  octorate.grant-type-code');
    expect(run.stdout).toContain('sent grant_type=authorization_code to /identity/token; Octorate wants grant_type=code (it answered 400 ApiParamsExemption)');
    expect(run.stdout).toContain('BLOCK octorate.code-exchange');
    expect(run.stdout).toMatch(new RegExp(`^2 passed, 1 failed, ${N - 3} blocked$`, 'm'));
    const { suites, cases } = junit(out);
    expect(suites).toMatchObject({ tests: String(N), failures: '1', skipped: String(N - 3) });
    const failed = cases.find((c) => c.name.startsWith('octorate.grant-type-code:'))!;
    expect(failed.failure!.type).toBe('ContractCheckFailed');
    expect(failed.failure!.message).toContain('Octorate wants grant_type=code');
    expect(failed.failure!['#text']).toContain(
      'POST https://api.octorate.com/connect/rest/v1/identity/token · application/x-www-form-urlencoded form(client_id, client_secret, redirect_uri, grant_type, code) · no Authorization → 400',
    );
    expect(cases.filter((c) => c.skipped !== undefined).map((c) => c.name.split(':')[0])).toEqual(CHECKS.slice(3));
  });

  it('lists the checks, runs a chosen one with what it needs, and refuses bad usage with exit code 2', SLOW, async () => {
    const [list, one, wrongAdapter, badCheck, badProvider] = await Promise.all([
      verify(['--provider', 'octorate', '--list']),
      verify(['--provider', 'octorate', '--client', REFERENCE, '--check', 'octorate.quota']),
      verify(['--provider', 'octorate', '--client', 'contract-tests/oneio/reference-adapter.ts']),
      verify(['--provider', 'octorate', '--client', REFERENCE, '--check', 'octorate.nope']),
      verify(['--provider', 'nobody', '--client', REFERENCE]),
    ]);
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n').map((l) => l.split('\t')[0])).toEqual(CHECKS);
    expect(one.code, one.stdout + one.stderr).toBe(0);
    expect(one.stdout.match(/^PASS {2}\S+/gm)).toEqual([...CHECKS.slice(0, 5), 'octorate.quota'].map((id) => `PASS  ${id}`));
    expect(wrongAdapter).toMatchObject({ code: 2, stderr: expect.stringContaining('is an adapter for "oneio", not "octorate"') });
    expect(badCheck).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown check octorate.nope') });
    expect(badProvider).toMatchObject({ code: 2, stderr: expect.stringContaining('available: oneio, octorate') });
  });
});
