// `oauth-doubles verify` for real: the report, the exit code, and JUnit XML that parses and says what failed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oneioSuite } from './oneio/suite.ts';
import { junit, tmp, verify } from './test-support/cli.ts';

const REFERENCE = 'contract-tests/oneio/reference-adapter.ts';
const BROKEN = 'contract-tests/fixtures/json-token-adapter.ts';
const CHECKS = oneioSuite.checks.map((c) => c.id);
const N = CHECKS.length;
/** A suite through a child process takes seconds; on a busy machine, more. */
const SLOW = { timeout: 90_000 };

describe('oauth-doubles verify', () => {
  it('prints a passing report for the reference client, exits 0 and writes clean JUnit XML', SLOW, async () => {
    const out = join(tmp('verify'), 'reports/oneio.xml');
    const run = await verify(['--provider', 'oneio', '--client', REFERENCE, '--junit', out]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('ONEiO contract checks — client "oauth-doubles reference ONEiO client", transport msw');
    expect(run.stdout.match(/^PASS {2}oneio\.[a-z0-9@-]+ — /gm)).toHaveLength(N);
    expect(run.stdout).toMatch(new RegExp(`^${N} passed, 0 failed$`, 'm'));
    const { suites, suite, cases } = junit(out);
    expect(suites).toMatchObject({ tests: String(N), failures: '0', errors: '0', skipped: '0' });
    expect(suite.name).toBe('ONEiO contract — oauth-doubles reference ONEiO client (msw)');
    expect(cases.map((c) => c.name.split(':')[0])).toEqual(CHECKS);
    expect(cases.every((c) => c.failure === undefined && c.skipped === undefined)).toBe(true);
  });

  it('runs over the HTTP transport too (the compiled bin: npm run test:consumer)', SLOW, async () => {
    const run = await verify(['--provider', 'oneio', '--client', REFERENCE, '--transport', 'http']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('transport http');
    expect(run.stdout).toMatch(new RegExp(`^${N} passed, 0 failed$`, 'm'));
  });

  it('names the failed check and its cause, exits 1, and puts failure and skipped checks in the JUnit XML', SLOW, async () => {
    const out = join(tmp('verify'), 'broken.xml');
    const run = await verify(['--provider', 'oneio', '--client', BROKEN, '--junit', out]);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain('FAIL  oneio.token-form');
    expect(run.stdout).toContain('sent a JSON body to the token endpoint; ONEiO accepts only application/x-www-form-urlencoded (it answered 400 invalid_request)');
    expect(run.stdout).toContain('BLOCK oneio.token-reuse');
    expect(run.stdout).toMatch(new RegExp(`^2 passed, 1 failed, ${N - 3} blocked$`, 'm'));
    const { suites, cases } = junit(out);
    expect(suites).toMatchObject({ tests: String(N), failures: '1', skipped: String(N - 3) });
    const failed = cases.find((c) => c.name.startsWith('oneio.token-form:'))!;
    expect(failed.failure!.type).toBe('ContractCheckFailed');
    expect(failed.failure!.message).toContain('sent a JSON body to the token endpoint');
    expect(failed.failure!['#text']).toContain('POST https://receiver-authz-test.service-flow.com/oauth2/token · application/json JSON body');
    expect(cases.filter((c) => c.skipped !== undefined).map((c) => c.name.split(':')[0])).toContain('oneio.token-html');
  });

  it('lists the checks, runs a chosen one with what it needs, and refuses bad usage with exit code 2', SLOW, async () => {
    const [list, one, noClient, badCheck, badProvider, notAnAdapter] = await Promise.all([
      verify(['--provider', 'oneio', '--list']),
      verify(['--provider', 'oneio', '--client', REFERENCE, '--check', 'oneio.token-html']),
      verify(['--provider', 'oneio']),
      verify(['--provider', 'oneio', '--client', REFERENCE, '--check', 'oneio.nope']),
      verify(['--provider', 'nobody', '--client', REFERENCE]),
      verify(['--provider', 'oneio', '--client', 'contract-tests/oneio/settings.ts']),
    ]);
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n')).toHaveLength(N);
    expect(one.code, one.stdout + one.stderr).toBe(0);
    expect(one.stdout.match(/^PASS {2}\S+/gm)).toEqual(['PASS  oneio.token-form', 'PASS  oneio.receiver-bearer-json', 'PASS  oneio.token-html']);
    expect(noClient).toMatchObject({ code: 2, stderr: expect.stringContaining('--client (an adapter module), --command (a client program) or --manifest (an integration manifest) is required') });
    expect(badCheck).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown check oneio.nope') });
    expect(badProvider).toMatchObject({ code: 2, stderr: expect.stringContaining('no contract suite for provider "nobody"; available: oneio') });
    expect(notAnAdapter).toMatchObject({ code: 2, stderr: expect.stringContaining('must default-export an adapter') });
  });
});
