// The CI ratchet: a file of checks a team knows its client fails; a new failure fails the run, and so does a listed check that now passes.
import type { CheckResult, SuiteReport } from './types.ts';

/**
 * One check id per line; `#` starts a comment (on its own line or after an id); blank lines are ignored.
 *
 *   # billing-sync: known gaps, tracked in JIRA-123
 *   oneio.rate-limit        # no Retry-After support yet
 */
export interface Expectations {
  /** Where the list came from, for messages (`known-failures.txt`). */
  source: string;
  ids: ReadonlySet<string>;
}

/** Why a run with an expectations file fails, check by check; all empty means the ratchet holds. */
export interface ExpectationVerdict {
  /** Checks that failed (or were blocked) and are not on the list: the client got worse. */
  newFailures: string[];
  /** Listed checks that passed: take them off the list so they cannot regress unseen. */
  nowPassing: string[];
  /** Listed ids the suite does not have (renamed or another provider's): the list is stale. */
  unknown: string[];
  /** Listed checks that still fail, as the list says. */
  expected: string[];
}

/** Parses the text of an expectations file; an id must look like `<provider>.<check>`. */
export function parseExpectations(text: string, source: string): Expectations {
  const ids = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    if (!/^[a-z0-9-]+\.[a-z0-9.@-]+$/.test(line)) {
      throw new Error(`${source}:${index + 1}: "${line}" is not a check id (one id per line, like oneio.rate-limit; # starts a comment).`);
    }
    ids.add(line);
  });
  return { source, ids };
}

const notPassing = (result: CheckResult): boolean => result.status !== 'passed';

/** Compares what ran with the list. Only checks that ran are judged, so `--check` filters keep working. */
export function judgeExpectations(report: Pick<SuiteReport, 'provider' | 'results'>, expectations: Expectations, suiteIds: readonly string[]): ExpectationVerdict {
  const ran = new Map(report.results.map((r) => [r.id, r]));
  const known = new Set(suiteIds);
  const listed = [...expectations.ids];
  return {
    newFailures: report.results.filter((r) => notPassing(r) && !expectations.ids.has(r.id)).map((r) => r.id),
    nowPassing: listed.filter((id) => ran.get(id)?.status === 'passed'),
    unknown: listed.filter((id) => id.startsWith(`${report.provider}.`) && !known.has(id)),
    expected: listed.filter((id) => ran.has(id) && notPassing(ran.get(id)!)),
  };
}

export const ratchetHolds = (verdict: ExpectationVerdict): boolean =>
  verdict.newFailures.length === 0 && verdict.nowPassing.length === 0 && verdict.unknown.length === 0;

/** The lines the report prints under the check results. */
export function formatVerdict(verdict: ExpectationVerdict, source: string): string {
  const out: string[] = [];
  if (verdict.expected.length > 0) out.push(`expected failures (listed in ${source}): ${verdict.expected.join(', ')}`);
  for (const id of verdict.newFailures) out.push(`NEW FAILURE ${id}: not listed in ${source}; fix the client (or, knowingly, add the id to the file)`);
  for (const id of verdict.nowPassing) out.push(`NOW PASSES  ${id}: remove it from ${source} so it cannot break again unseen`);
  for (const id of verdict.unknown) out.push(`UNKNOWN     ${id}: listed in ${source} but the suite has no such check; remove or rename it`);
  out.push(ratchetHolds(verdict) ? `ratchet holds: no new failure, nothing listed now passes` : `ratchet broken: see the lines above`);
  return out.join('\n');
}

/** The file's text for the checks that do not pass now, to start a ratchet from today's state. */
export function expectationsFileFor(report: SuiteReport): string {
  const failing = report.results.filter(notPassing);
  const lines = [
    `# ${report.title} contract checks that "${report.client}" does not pass yet (${report.transport} transport).`,
    `# Written by oauth-doubles verify --update-expected-failures; the run fails on a new failure and on a listed check that passes.`,
    ...failing.map((r) => `${r.id}${r.status === 'blocked' ? `  # blocked by ${r.blockedBy!.join(', ')}` : ''}`),
  ];
  return `${lines.join('\n')}\n`;
}
