// Client programs in other languages (`verify --command`): the Python and shell reference programs pass, each broken variant fails its check, protocol slips are named.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { octorateSuite } from '../octorate/suite.ts';
import { oneioSuite } from '../oneio/suite.ts';
import { formatReport } from '../report.ts';
import { runSuite } from '../runner.ts';
import { verify } from '../test-support/cli.ts';
import type { BaseSettings, ContractSuite, SuiteReport } from '../types.ts';
import { commandAdapter } from './adapter.ts';

const PROGRAMS = join(import.meta.dirname, '../../examples/programs');
// Debian's interpreter: the machine may put another python3 first on PATH.
const PYTHON = '/usr/bin/python3';
const program = {
  oneio: { python: `${PYTHON} ${PROGRAMS}/oneio_client.py`, shell: `bash ${PROGRAMS}/oneio-client.sh` },
  octorate: { python: `${PYTHON} ${PROGRAMS}/octorate_client.py`, shell: `bash ${PROGRAMS}/octorate-client.sh` },
} as const;

const run = (suite: ContractSuite<any, any>, command: string, env: Record<string, string> = {}, checks?: string[], stallMs?: number): Promise<SuiteReport> =>
  runSuite(suite as ContractSuite<BaseSettings, object>, commandAdapter(command, { env }), {
    transport: 'http',
    ...(checks ? { checks } : {}),
    ...(stallMs ? { limits: { stallMs } } : {}),
  });

const failed = (report: SuiteReport): string[] => report.results.filter((r) => r.status === 'failed').map((r) => r.id);

describe('reference client programs pass every check, on virtual time', () => {
  for (const [provider, suite] of [['oneio', oneioSuite], ['octorate', octorateSuite]] as const) {
    for (const language of ['python', 'shell'] as const) {
      it(`the ${language} ${provider} program`, { timeout: 300_000 }, async () => {
        const report = await run(suite, program[provider][language]);
        expect(report.counts, formatReport(report)).toMatchObject({ failed: 0, blocked: 0 });
        expect(report.results.length).toBe(suite.checks.length);
        // An hour of token lifetime went by in the checks, not in real time.
        expect(Math.max(...report.results.map((r) => r.virtualSeconds))).toBeGreaterThan(3600);
        expect(report.results.flatMap((r) => r.notes).join('\n')).not.toContain('judged on real time');
      });
    }
  }
});

describe('each broken variant fails its check, by name', () => {
  const cases = [
    { provider: 'oneio', language: 'python', bugs: { ONEIO_BUGS: 'json-token' }, check: 'oneio.token-form', says: /sent a JSON body to the token endpoint/ },
    { provider: 'oneio', language: 'python', bugs: { ONEIO_BUGS: 'retry-at-once' }, check: 'oneio.rate-limit', says: /before Retry-After had passed/ },
    { provider: 'oneio', language: 'shell', bugs: { ONEIO_BUGS: 'ignore-expiry,give-up-on-401' }, check: 'oneio.token-expiry', says: /expired/ },
    { provider: 'oneio', language: 'shell', bugs: { ONEIO_BUGS: 'give-up-on-401' }, check: 'oneio.retry-on-401', says: /401/ },
    { provider: 'octorate', language: 'python', bugs: { OCTORATE_BUGS: 'grant-type-authorization-code' }, check: 'octorate.grant-type-code', says: /grant_type=authorization_code/ },
    { provider: 'octorate', language: 'python', bugs: { OCTORATE_BUGS: 'fixed-lifetime' }, check: 'octorate.expire-date', says: /expireDate|expired/ },
    { provider: 'octorate', language: 'shell', bugs: { OCTORATE_BUGS: 'fixed-state' }, check: 'octorate.state-csrf', says: /state/ },
  ] as const;
  for (const c of cases) {
    it(`the ${c.language} ${c.provider} program with ${Object.values(c.bugs)[0]!} fails exactly ${c.check}`, { timeout: 300_000 }, async () => {
      const suite = c.provider === 'oneio' ? oneioSuite : octorateSuite;
      const report = await run(suite, program[c.provider][c.language], c.bugs, [c.check]);
      expect(failed(report), formatReport(report)).toEqual([c.check]);
      expect(report.results.find((r) => r.id === c.check)!.findings.map((f) => f.message).join('\n')).toMatch(c.says);
    });
  }
});

describe('a program that breaks the protocol gets a clear report, bounded in time', () => {
  const only = ['oneio.token-form'];
  const notesAndFindings = (report: SuiteReport): string =>
    report.results.flatMap((r) => [...r.notes, ...r.findings.map((f) => f.message)]).join('\n');

  it('prints something that is not JSON', { timeout: 120_000 }, async () => {
    const report = await run(oneioSuite, `read s; while read l; do echo 'delivered!'; done`, {}, only, 3000);
    expect(failed(report)).toEqual(['oneio.token-form']);
    expect(notesAndFindings(report)).toContain('the program printed a line that is not protocol JSON on stdout ("delivered!"); write logs to stderr');
  });

  it('exits early, with its stderr in the report', { timeout: 120_000 }, async () => {
    const report = await run(oneioSuite, `read s; read op; echo 'Traceback: KeyError tokenUrl' >&2; exit 3`, {}, only);
    expect(notesAndFindings(report)).toMatch(/the program exited with code 3 before answering; its stderr ended: Traceback: KeyError tokenUrl \(operation #1 deliver unanswered\)/);
  });

  it('never answers', { timeout: 120_000 }, async () => {
    const report = await run(oneioSuite, `cat > /dev/null`, {}, only, 3000);
    expect(failed(report)).toEqual(['oneio.token-form']);
    expect(notesAndFindings(report)).toContain('operation #1 deliver was never answered on stdout');
  });

  it('floods stdout', { timeout: 120_000 }, async () => {
    const report = await run(oneioSuite, `read s; read op; head -c 3000000 /dev/zero | tr '\\0' x`, {}, only);
    expect(notesAndFindings(report)).toContain('the program flooded stdout (over 1 MiB without a line break); it was stopped');
  });

  it('cannot be started', { timeout: 120_000 }, async () => {
    const report = await run(oneioSuite, `no-such-program-oauth-doubles`, {}, only);
    expect(notesAndFindings(report)).toMatch(/exited with code 127.*not found/);
  });

  it('runs where time cannot be virtual, and the report says so on every check', { timeout: 120_000 }, async () => {
    const report = await run(oneioSuite, program.oneio.python, { OAUTH_DOUBLES_LIBFAKETIME: 'none' }, ['oneio.token-form']);
    for (const result of report.results) expect(result.notes.join('\n')).toContain('this check was judged on real time');
  });
});

describe('oauth-doubles verify --command', () => {
  it('runs a program against a suite from the command line, and refuses MSW for it', { timeout: 240_000 }, async () => {
    const [ok, msw, both] = await Promise.all([
      verify(['--provider', 'oneio', '--command', program.oneio.python, '--check', 'oneio.token-html']),
      verify(['--provider', 'oneio', '--command', program.oneio.python, '--transport', 'msw']),
      verify(['--provider', 'oneio', '--command', program.oneio.python, '--client', 'x.ts']),
    ]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`ONEiO contract checks — client "${program.oneio.python}", transport http`);
    expect(ok.stdout).toMatch(/^3 passed, 0 failed$/m);
    expect(msw).toMatchObject({ code: 2, stderr: expect.stringContaining('which MSW cannot intercept') });
    expect(both).toMatchObject({ code: 2, stderr: expect.stringContaining('give one of --client, --command and --manifest, not --client and --command') });
  });
});
