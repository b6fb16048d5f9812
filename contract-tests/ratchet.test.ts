// The CI ratchet (`verify --expect-failures`, `describeContract({ expectFailures })`) and the JSON report (`verify --json`).
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeExpectations, parseExpectations, ratchetHolds } from './expectations.ts';
import type { JsonReport } from './json-report.ts';
import { tmp, verify } from './test-support/cli.ts';
import type { CheckResult } from './types.ts';

const REFERENCE = 'contract-tests/oneio/reference-adapter.ts';
const RETRY_429 = 'contract-tests/fixtures/retry-429-adapter.ts';

const result = (id: string, status: CheckResult['status']): CheckResult =>
  ({ id, title: id, rule: '', status, findings: [], notes: [], requests: 0, virtualSeconds: 0, durationMs: 0 }) as CheckResult;

describe('expected-failures files', () => {
  it('read one id per line with comments, and refuse a line that is not an id, naming the line', () => {
    const parsed = parseExpectations('# known gaps\n\noneio.rate-limit   # no Retry-After yet\n  octorate.quota\n', 'known.txt');
    expect([...parsed.ids]).toEqual(['oneio.rate-limit', 'octorate.quota']);
    expect(() => parseExpectations('oneio.rate-limit\nrate limit please\n', 'known.txt')).toThrow(
      'known.txt:2: "rate limit please" is not a check id (one id per line, like oneio.rate-limit; # starts a comment).',
    );
  });

  it('judge new failures, listed checks that now pass, stale ids, and leave other providers\' ids alone', () => {
    const report = { provider: 'oneio', results: [result('oneio.a', 'passed'), result('oneio.b', 'failed'), result('oneio.c', 'blocked'), result('oneio.d', 'failed')] };
    const verdict = judgeExpectations(report, parseExpectations('oneio.a\noneio.b\noneio.c\noneio.gone\noctorate.quota\n', 'f'), ['oneio.a', 'oneio.b', 'oneio.c', 'oneio.d']);
    expect(verdict).toEqual({ newFailures: ['oneio.d'], nowPassing: ['oneio.a'], unknown: ['oneio.gone'], expected: ['oneio.b', 'oneio.c'] });
    expect(ratchetHolds(verdict)).toBe(false);
    const holds = judgeExpectations(report, parseExpectations('oneio.b\noneio.c\noneio.d\n', 'f'), ['oneio.a', 'oneio.b', 'oneio.c', 'oneio.d']);
    expect(ratchetHolds(holds)).toBe(true);
  });
});

describe('oauth-doubles verify --expect-failures', () => {
  it('starts a ratchet from today\'s failures, then holds, breaks on a new failure, and breaks when a listed check passes', { timeout: 240_000 }, async () => {
    const dir = tmp('ratchet');
    const file = join(dir, 'known-failures.txt');
    const created = await verify(['--provider', 'oneio', '--client', RETRY_429, '--expect-failures', file, '--update-expected-failures']);
    expect(created.code, created.stdout + created.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^oneio\.rate-limit$/m);

    const empty = join(dir, 'none.txt');
    writeFileSync(empty, '# nothing known to fail\n');
    const stale = join(dir, 'stale.txt');
    writeFileSync(stale, `${readFileSync(file, 'utf8')}oneio.no-such-check\n`);
    const passing = join(dir, 'passing.txt');
    writeFileSync(passing, 'oneio.rate-limit\n');
    const [holds, newFailure, staleRun, nowPasses] = await Promise.all([
      verify(['--provider', 'oneio', '--client', RETRY_429, '--expect-failures', file]),
      verify(['--provider', 'oneio', '--client', RETRY_429, '--expect-failures', empty]),
      verify(['--provider', 'oneio', '--client', RETRY_429, '--expect-failures', stale]),
      verify(['--provider', 'oneio', '--client', REFERENCE, '--expect-failures', passing]),
    ]);
    expect(holds.code, holds.stdout + holds.stderr).toBe(0);
    expect(holds.stdout).toContain('FAIL  oneio.rate-limit');
    expect(holds.stdout).toMatch(/^expected failures \(listed in .*known-failures\.txt\): .*oneio\.rate-limit/m);
    expect(holds.stdout).toContain('ratchet holds: no new failure, nothing listed now passes');

    expect(newFailure.code).toBe(1);
    expect(newFailure.stdout).toMatch(/^NEW FAILURE oneio\.rate-limit: not listed in .*none\.txt; fix the client/m);
    expect(newFailure.stdout).toContain('ratchet broken');

    expect(staleRun.code).toBe(1);
    expect(staleRun.stdout).toMatch(/^UNKNOWN {5}oneio\.no-such-check: listed in .*stale\.txt but the suite has no such check/m);

    expect(nowPasses.code).toBe(1);
    expect(nowPasses.stdout).toMatch(/^NOW PASSES {2}oneio\.rate-limit: remove it from .*passing\.txt so it cannot break again unseen$/m);
  });

  it('writes a versioned JSON report with every check and the ratchet verdict, and refuses a bad list with exit code 2', { timeout: 240_000 }, async () => {
    const dir = tmp('json');
    const list = join(dir, 'known.txt');
    writeFileSync(list, 'oneio.rate-limit\n');
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, 'rate-limit, please\n');
    const out = join(dir, 'out/report.json');
    const [run, badList, missing, updateAlone] = await Promise.all([
      verify(['--provider', 'oneio', '--client', RETRY_429, '--expect-failures', list, '--json', out]),
      verify(['--provider', 'oneio', '--client', REFERENCE, '--expect-failures', bad]),
      verify(['--provider', 'oneio', '--client', REFERENCE, '--expect-failures', join(dir, 'nope.txt')]),
      verify(['--provider', 'oneio', '--client', REFERENCE, '--update-expected-failures']),
    ]);
    expect(run.stdout).toContain('JSON report written to');
    const report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
    expect(report).toMatchObject({ format: 'oauth-doubles/contract-report', version: 1, provider: 'oneio', transport: 'msw', seed: 1, exitCode: run.code });
    const rateLimit = report.results.find((r) => r.id === 'oneio.rate-limit')!;
    expect(rateLimit.status).toBe('failed');
    expect(rateLimit.findings[0]!.message).toContain('before Retry-After had passed');
    expect(report.results.length).toBe(report.counts.passed + report.counts.failed + report.counts.blocked);
    expect(report.expectations).toMatchObject({ file: list, expected: ['oneio.rate-limit'], nowPassing: [], unknown: [] });
    expect(report.expectations!.holds).toBe(report.expectations!.newFailures.length === 0);

    expect(badList).toMatchObject({ code: 2, stderr: expect.stringContaining('bad.txt:1: "rate-limit, please" is not a check id') });
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('create it with --update-expected-failures') });
    expect(updateAlone).toMatchObject({ code: 2, stderr: expect.stringContaining('--update-expected-failures needs --expect-failures FILE') });
  });
});

describe('describeContract({ expectFailures })', () => {
  it('passes a listed check that still fails, fails one that now passes, and fails on a stale id', { timeout: 240_000 }, async () => {
    const out = join(tmp('ratchet-vitest'), 'results.json');
    const vitest = join(import.meta.dirname, '../node_modules/.bin/vitest');
    const config = join(import.meta.dirname, 'fixtures/ratchet.vitest.config.ts');
    await new Promise<void>((done) => {
      execFile(vitest, ['run', '--config', config, '--reporter=json', `--outputFile=${out}`], { cwd: join(import.meta.dirname, '..'), timeout: 60_000 }, () => done());
    });
    const results = JSON.parse(readFileSync(out, 'utf8')) as {
      testResults: Array<{ assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }> }>;
    };
    const tests = results.testResults.flatMap((f) => f.assertionResults);
    const of = (client: string, title: string) => tests.find((t) => t.fullName.includes(client) && t.fullName.includes(title))!;
    expect(of('retry-429 client', 'oneio.rate-limit:').status).toBe('passed');
    const nowPasses = of('reference ONEiO client', 'oneio.rate-limit:');
    expect(nowPasses.status).toBe('failed');
    expect(nowPasses.failureMessages.join('\n')).toContain('oneio.rate-limit now passes: remove it from expectFailures so it cannot break again unseen.');
    const stale = of('retry-429 client', 'name checks that exist');
    expect(stale.status).toBe('failed');
    expect(stale.failureMessages.join('\n')).toContain('oneio.gone: listed in expectFailures but ONEiO has no such check');
  });
});
