// "Each check bites" for any suite: every deliberately broken client fails exactly its checks, by name and cause, and leaks no secret.
import { describe, expect, it } from 'vitest';
import { formatReport } from '../report.ts';
import { runSuite } from '../runner.ts';
import type { BaseSettings, CheckLimits, ClientAdapter, ContractSuite, SuiteReport, Transport } from '../types.ts';

/** A client with one bug switched on, the checks it must fail and what each failure must say (in `fails` order). */
export interface BrokenClient<B> {
  name: string;
  bugs: B;
  fails: string[];
  says: RegExp[];
  /** Runner limits for this client: a lower request cap ends a looping client sooner (a correct client needs under 20 requests per check). */
  limits?: Partial<CheckLimits>;
}

export interface BrokenClients<S extends BaseSettings, O extends object, B> {
  suite: ContractSuite<S, O>;
  broken: BrokenClient<B>[];
  /** The broken-clients module's adapter; `{}` switches no bug on. */
  adapter(name: string, bugs: Partial<B>): ClientAdapter<S, O>;
  /** The secret and the pieces a client that does not form-encode scatters it into: none may show in a report. */
  secretPieces: string[];
}

const ids = (report: SuiteReport, status: string): string[] => report.results.filter((r) => r.status === status).map((r) => r.id);

/** Checks that cannot run once `failed` failed: those requiring it, directly or through another. */
function blockedBy<S extends BaseSettings, O extends object>(suite: ContractSuite<S, O>, failed: string[]): string[] {
  const blocked = new Set<string>();
  for (const check of suite.checks) {
    if ((check.requires ?? []).some((id) => failed.includes(id) || blocked.has(id))) blocked.add(check.id);
  }
  return suite.checks.map((c) => c.id).filter((id) => blocked.has(id));
}

/**
 * `each <Provider> check bites`: the bug-free base passes everything, every check has a broken client,
 * and each broken client fails exactly its checks over MSW.
 */
export function describeBrokenClients<S extends BaseSettings, O extends object, B>(bench: BrokenClients<S, O, B>): void {
  const all = bench.suite.checks.map((c) => c.id);
  describe(`each ${bench.suite.title} check bites`, () => {
    it('the broken-client base with no bug switched on passes every check', async () => {
      const report = await runSuite(bench.suite, bench.adapter('no bugs', {}));
      expect(ids(report, 'failed'), formatReport(report)).toEqual([]);
      expect(ids(report, 'passed')).toEqual(all);
    });

    it('every check has a broken client that fails it', () => {
      expect(new Set(bench.broken.flatMap((b) => b.fails))).toEqual(new Set(all));
    });

    for (const broken of bench.broken) {
      it(`a client that ${broken.name} fails exactly ${broken.fails.join(' + ')}`, async () => {
        await expectFailsExactly(bench, broken, 'msw');
      });
    }
  });
}

/** Runs the suite against one broken client and asserts exactly its failed, blocked and passed checks, and what the report says. */
export async function expectFailsExactly<S extends BaseSettings, O extends object, B>(
  bench: BrokenClients<S, O, B>,
  broken: BrokenClient<B>,
  transport: Transport,
): Promise<SuiteReport> {
  const all = bench.suite.checks.map((c) => c.id);
  const report = await runSuite(bench.suite, bench.adapter(broken.name, broken.bugs), { transport, ...(broken.limits ? { limits: broken.limits } : {}) });
  const text = formatReport(report);
  expect(ids(report, 'failed'), text).toEqual(broken.fails);
  const blocked = blockedBy(bench.suite, broken.fails);
  expect(ids(report, 'blocked'), text).toEqual(blocked);
  expect(ids(report, 'passed'), text).toEqual(all.filter((id) => !broken.fails.includes(id) && !blocked.includes(id)));
  broken.fails.forEach((id, i) => {
    const result = report.results.find((r) => r.id === id)!;
    expect(result.findings.map((f) => f.message).join('\n'), text).toMatch(broken.says[i]!);
    expect(text).toContain(`FAIL  ${id}`);
    expect(result.findings.every((f) => f.evidence.length > 0), text).toBe(true);
  });
  // The secret never shows in a report, whatever the client did with it.
  for (const piece of bench.secretPieces) expect(text).not.toContain(piece);
  return report;
}
