// Each Octorate check bites: every deliberately broken client fails its check, by name and cause, and no check its bug does not explain.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { formatReport } from '../report.ts';
import { runSuite } from '../runner.ts';
import type { SuiteReport, Transport } from '../types.ts';
import { BROKEN, brokenAdapter } from './broken-clients.ts';
import { octorateSuite } from './suite.ts';

const ALL = octorateSuite.checks.map((c) => c.id);
/** The seeded PRODUCTION application's secret (seed 1) and the pieces a client that does not form-encode scatters it into. */
const SECRET = createHarness().credentials('octorate', 'production').clientSecret;
const SECRET_PIECES = [SECRET, SECRET.replace('+', ' '), ...SECRET.split(/[+/=]/).filter((p) => p.length >= 4)];
const ids = (report: SuiteReport, status: string): string[] => report.results.filter((r) => r.status === status).map((r) => r.id);

/** Checks that cannot run once `failed` failed: those requiring it, directly or through another. */
function blockedBy(failed: string[]): string[] {
  const blocked = new Set<string>();
  for (const check of octorateSuite.checks) {
    if ((check.requires ?? []).some((id) => failed.includes(id) || blocked.has(id))) blocked.add(check.id);
  }
  return ALL.filter((id) => blocked.has(id));
}

describe('each Octorate check bites', () => {
  it('the broken-client base with no bug switched on passes every check', async () => {
    const report = await runSuite(octorateSuite, brokenAdapter('no bugs', {}));
    expect(ids(report, 'failed'), formatReport(report)).toEqual([]);
    expect(ids(report, 'passed')).toEqual(ALL);
  });

  it('every check has a broken client that fails it', () => {
    expect(new Set(BROKEN.flatMap((b) => b.fails))).toEqual(new Set(ALL));
  });

  for (const broken of BROKEN) {
    it(`a client that ${broken.name} fails exactly ${broken.fails.join(' + ')}`, async () => {
      await expectFailsExactly(broken, 'msw');
    });
  }
});

/** Bugs whose detection leans on the transport: loops held in the tarpit, virtual time for a delayed job, scenarios over the wire. */
const OVER_HTTP = [
  'builds the identity forms by string concatenation',
  'exchanges the code from a job 90 s later',
  'never checks the state',
  'parses expireDate with new Date()',
  'refreshes and retries every 401 without end',
  'renews its token on a quota error',
];

describe('each Octorate check bites under the HTTP transport too', () => {
  for (const broken of BROKEN.filter((b) => OVER_HTTP.includes(b.name))) {
    it(`a client that ${broken.name} fails exactly ${broken.fails.join(' + ')}`, async () => {
      await expectFailsExactly(broken, 'http');
    });
  }
});

/** Runs the suite against one broken client and asserts exactly its failed, blocked and passed checks, and what the report says. */
async function expectFailsExactly(broken: (typeof BROKEN)[number], transport: Transport): Promise<SuiteReport> {
  const report = await runSuite(octorateSuite, brokenAdapter(broken.name, broken.bugs), { transport });
  const text = formatReport(report);
  expect(ids(report, 'failed'), text).toEqual(broken.fails);
  const blocked = blockedBy(broken.fails);
  expect(ids(report, 'blocked'), text).toEqual(blocked);
  expect(ids(report, 'passed'), text).toEqual(ALL.filter((id) => !broken.fails.includes(id) && !blocked.includes(id)));
  broken.fails.forEach((id, i) => {
    const result = report.results.find((r) => r.id === id)!;
    expect(result.findings.map((f) => f.message).join('\n'), text).toMatch(broken.says[i]!);
    expect(text).toContain(`FAIL  ${id}`);
    expect(result.findings.every((f) => f.evidence.length > 0), text).toBe(true);
  });
  // The application secret never shows in a report, whatever the client did with it.
  for (const piece of SECRET_PIECES) expect(text).not.toContain(piece);
  return report;
}
