// The machine-readable report (`verify --json FILE`): the suite report plus the ratchet's verdict, versioned.
import type { ExpectationVerdict } from './expectations.ts';
import type { SuiteReport } from './types.ts';

/** Bumped when a field changes meaning or goes away; new fields may appear within a version. */
export const JSON_REPORT_VERSION = 1;

export interface JsonReport extends SuiteReport {
  format: 'oauth-doubles/contract-report';
  version: typeof JSON_REPORT_VERSION;
  /** Present when the run had an expectations file. */
  expectations?: ExpectationVerdict & { file: string; holds: boolean };
  /** The run's verdict, as the exit code says it: 0 passed (or the ratchet held), 1 not. */
  exitCode: 0 | 1;
}

export function toJsonReport(report: SuiteReport, exitCode: 0 | 1, expectations?: JsonReport['expectations']): string {
  const body: JsonReport = {
    format: 'oauth-doubles/contract-report',
    version: JSON_REPORT_VERSION,
    ...report,
    ...(expectations ? { expectations } : {}),
    exitCode,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
