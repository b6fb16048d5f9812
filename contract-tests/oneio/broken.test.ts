// Each check bites: every deliberately broken client fails its check, by name and cause, and no check its bug does not explain.
import { describe, expect, it } from 'vitest';
import { formatReport } from '../report.ts';
import { runSuite } from '../runner.ts';
import type { SuiteReport } from '../types.ts';
import { createHarness } from '../../index.ts';
import { BROKEN, brokenAdapter } from './broken-clients.ts';
import { oneioSuite } from './suite.ts';

const ALL = oneioSuite.checks.map((c) => c.id);
/** The seeded QA password (seed 1) and the pieces a client that does not form-encode scatters it into. */
const SECRET = createHarness().credentials('oneio', 'qa').clientSecret;
const SECRET_PIECES = [SECRET, ...SECRET.split(/[+&=]/).filter((p) => p.length >= 4)];
const ids = (report: SuiteReport, status: string): string[] => report.results.filter((r) => r.status === status).map((r) => r.id);

/** Checks that cannot run once `failed` failed: those requiring it, directly or through another. */
function blockedBy(failed: string[]): string[] {
  const blocked = new Set<string>();
  for (const check of oneioSuite.checks) {
    if ((check.requires ?? []).some((id) => failed.includes(id) || blocked.has(id))) blocked.add(check.id);
  }
  return ALL.filter((id) => blocked.has(id));
}

describe('each ONEiO check bites', () => {
  it('the broken-client base with no bug switched on passes every check', async () => {
    const report = await runSuite(oneioSuite, brokenAdapter('no bugs', {}));
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

/** Bugs whose detection leans on the transport: hard-coded real hosts, loops held in the tarpit, virtual Retry-After. */
const OVER_HTTP = ['checks its QA credentials against PROD at start-up', 're-sends the refused token after a 401 without end', 'retries a 429 at once', 'ignores expires_in and keeps the expired token'];

describe('each ONEiO check bites under the HTTP transport too', () => {
  for (const broken of BROKEN.filter((b) => OVER_HTTP.includes(b.name))) {
    it(`a client that ${broken.name} fails exactly ${broken.fails.join(' + ')}`, async () => {
      const report = await expectFailsExactly(broken, 'http');
      if (broken.bugs.prodHealthCheck) {
        const qa = report.results.find((r) => r.id === 'oneio.qa-stays-qa')!;
        expect(qa.notes.join('\n')).toContain('straight to real provider hosts instead of the URLs in its settings (POST https://receiver-authz.service-flow.com/oauth2/token)');
      }
    });
  }
});

/** Runs the suite against one broken client and asserts exactly its failed, blocked and passed checks, and what the report says. */
async function expectFailsExactly(broken: (typeof BROKEN)[number], transport: 'msw' | 'http'): Promise<SuiteReport> {
  const report = await runSuite(oneioSuite, brokenAdapter(broken.name, broken.bugs), { transport });
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
  // The endpoint password never shows in a report, whatever the client did with it.
  for (const piece of SECRET_PIECES) expect(text).not.toContain(piece);
  return report;
}
