// The readable report: one line per check, and under each failure what the client did and what the provider does.
import type { CheckResult, SuiteReport } from './types.ts';

const MARK: Record<CheckResult['status'], string> = { passed: 'PASS ', failed: 'FAIL ', blocked: 'BLOCK' };

const duration = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

/** One check: its line, then (failed) each finding with evidence, (blocked) what it waited for, and notes. */
export function formatResult(result: CheckResult): string {
  const out = [`${MARK[result.status]} ${result.id} — ${result.title}`];
  if (result.reading) out.push(`      reading: ${result.reading}`);
  if (result.status === 'failed') {
    for (const finding of result.findings) {
      out.push(`      ✗ ${finding.message}`);
      for (const line of finding.evidence) out.push(`          ${line}`);
    }
    out.push(`      provider: ${result.rule}`);
  }
  if (result.status === 'blocked') out.push(`      not run: needs ${result.blockedBy!.join(', ')} to pass first`);
  for (const note of result.notes) out.push(`      note: ${note}`);
  return out.join('\n');
}

/** `9 passed, 1 failed, 1 blocked` — the plain closing line CI tools read; "blocked" as in the report's BLOCK lines. */
export function summaryLine(report: SuiteReport): string {
  const { passed, failed, blocked } = report.counts;
  return `${passed} passed, ${failed} failed${blocked > 0 ? `, ${blocked} blocked` : ''}`;
}

export function formatReport(report: SuiteReport): string {
  const head = `${report.title} contract checks — client "${report.client}", transport ${report.transport}, seed ${report.seed}`;
  const body = report.results.map(formatResult).join('\n');
  const tail = `${report.results.length} checks in ${duration(report.durationMs)} (${report.counts.blocked} blocked by a failed check)`;
  return `${head}\n\n${body}\n\n${tail}\n${summaryLine(report)}\n`;
}
