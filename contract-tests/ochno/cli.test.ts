// `oauth-doubles verify --provider ochno` for real: the report, the exit code, and JUnit XML that says what failed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { junit, tmp, verify } from '../test-support/cli.ts';

const REFERENCE = 'contract-tests/ochno/reference-adapter.ts';
const BROKEN = 'contract-tests/ochno/fixtures/json-token-adapter.ts';
const CHECKS = [
  'ochno.token-form',
  'ochno.scopes',
  'ochno.pkce-code-verifier',
  'ochno.state-csrf',
  'ochno.refresh-redirect-uri',
  'ochno.refresh-rotation',
  'ochno.token-expiry',
  'ochno.retry-on-401',
  'ochno.single-flight',
  'ochno.insufficient-scope',
  'ochno.subscription-renewal',
  'ochno.webhook-receiver',
  'ochno.token-reuse',
  'ochno.user-token-lifetime',
  'ochno.refresh-token-lifetime',
  'ochno.api-unavailable',
  'ochno.subscription-lost',
  'ochno.token-refused',
  'ochno.token-unavailable',
  'ochno.token-rate-limited',
  'ochno.token-malformed',
  'ochno.token-slow',
  'ochno.token-no-answer',
  'ochno.refresh-refused',
  'ochno.refresh-unavailable',
  'ochno.refresh-rate-limited',
  'ochno.refresh-no-answer',
  'ochno.slow-single-use',
  'ochno.token-reuse@access-expires-in',
  'ochno.token-reuse@no-expiry-field',
  'ochno.token-expiry@no-expiry-field',
];

describe('oauth-doubles verify --provider ochno', () => {
  it('prints a passing report for the reference client, exits 0 and writes clean JUnit XML', async () => {
    const out = join(tmp('verify-ochno'), 'ochno.xml');
    const run = await verify(['--provider', 'ochno', '--client', REFERENCE, '--junit', out]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Ochno Operated contract checks — client "oauth-doubles reference Ochno client", transport msw');
    expect(run.stdout).toMatch(/^31 passed, 0 failed$/m);
    const { suites, cases } = junit(out);
    expect(suites).toMatchObject({ tests: '31', failures: '0' });
    expect(cases.map((c) => c.name.split(':')[0])).toEqual(CHECKS);
  });

  it('names the failed check and its cause, exits 1, and lists the checks', async () => {
    const [broken, list] = await Promise.all([verify(['--provider', 'ochno', '--client', BROKEN, '--transport', 'http']), verify(['--provider', 'ochno', '--list'])]);
    expect(broken.code, broken.stdout + broken.stderr).toBe(1);
    expect(broken.stdout).toContain('FAIL  ochno.token-form');
    expect(broken.stdout).toContain('sent the token request as application/json (Ochno answered 400 invalid_request)');
    expect(broken.stdout).toMatch(/^0 passed, 1 failed, 30 blocked$/m);
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n').map((l) => l.split('\t')[0])).toEqual(CHECKS);
  });
});
