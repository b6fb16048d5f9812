// JUnit XML for CI: one testsuite per contract run, one testcase per check; failures carry the findings, blocked checks are skipped.
import junitModule, { type Builder } from 'junit-report-builder';
import { formatResult } from './report.ts';
import type { SuiteReport } from './types.ts';

// The package is CommonJS: its module.exports (the default import at run time) is the builder itself.
const junit = junitModule as unknown as Builder;

/** The report as JUnit XML (the Jenkins/GitLab/GitHub dialect junit-report-builder writes). */
export function toJUnit(report: SuiteReport): string {
  const builder = junit.newBuilder().name(`oauth-doubles contract checks: ${report.title}`);
  const suite = builder
    .testSuite()
    .name(`${report.title} contract — ${report.client} (${report.transport})`)
    .timestamp(report.startedAt)
    .time(report.durationMs / 1000)
    .property('provider', report.provider)
    .property('transport', report.transport)
    .property('seed', String(report.seed));
  for (const result of report.results) {
    const test = suite
      .testCase()
      .className(`oauth-doubles.${report.provider}`)
      .name(`${result.id}: ${result.title}`)
      .time(result.durationMs / 1000);
    if (result.status === 'failed') {
      test.failure(result.findings.map((f) => f.message).join(' | '), 'ContractCheckFailed').stacktrace(formatResult(result));
    } else if (result.status === 'blocked') {
      test.skipped().standardOutput(formatResult(result));
    } else if (result.notes.length > 0) {
      test.standardOutput(formatResult(result));
    }
  }
  return builder.build();
}
