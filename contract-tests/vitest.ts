// Contract checks inside the user's own vitest run: one describe block per suite and adapter, one test per check.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { assertSupportedNode } from '../core/node-support.ts';
import { parseExpectations, type Expectations } from './expectations.ts';
import { formatResult } from './report.ts';
import { createSession, selectChecks, type RunOptions } from './runner.ts';
import type { BaseSettings, ClientAdapter, ContractSuite } from './types.ts';

/** A failed check: the report's explanation is the whole message; a stack into the runner would only be noise. */
class ContractCheckFailed extends Error {
  override readonly name = 'ContractCheckFailed';
  constructor(text: string) {
    super(text);
    this.stack = `${this.name}: ${text}`;
  }
}

/** Real-time budget of one check's test: the runner stops any check well before it. */
const TEST_TIMEOUT_MS = 60_000;

export interface DescribeContractOptions extends Omit<RunOptions, 'onResult'> {
  /**
   * The CI ratchet: check ids the client is known to fail, or the path of a file listing them (one per
   * line, `#` comments; relative to the working directory). A listed check that fails passes its test
   * with a warning annotation; a listed check that passes fails its test, so the list only shrinks.
   */
  expectFailures?: readonly string[] | string;
}

function expectationsOf(option: readonly string[] | string | undefined): Expectations | undefined {
  if (option === undefined) return undefined;
  if (typeof option !== 'string') return { source: 'expectFailures', ids: new Set(option) };
  return parseExpectations(readFileSync(resolve(option), 'utf8'), option);
}

/**
 * `describeContract(oneioSuite, myAdapter, { transport: 'msw' })` in a `*.test.ts` file. A failed check
 * fails its test with the report's explanation; a check whose prerequisite failed is skipped with a note.
 * Checks run one after another (they fake the global clock), so do not mark the block concurrent.
 */
export function describeContract<S extends BaseSettings, O extends object>(
  suite: ContractSuite<S, O>,
  adapter: ClientAdapter<S, O>,
  options: DescribeContractOptions = {},
): void {
  assertSupportedNode('describeContract()');
  const checks = selectChecks(suite, options.checks);
  const expected = expectationsOf(options.expectFailures);
  describe(`${suite.title} contract — ${adapter.name} (${options.transport ?? 'msw'})`, () => {
    const session = createSession(suite, adapter, options);
    afterAll(() => session.close());
    if (expected) {
      const known = new Set(suite.checks.map((c) => c.id));
      const stale = [...expected.ids].filter((id) => id.startsWith(`${suite.provider}.`) && !known.has(id));
      it(`the expected failures in ${expected.source} name checks that exist`, () => {
        if (stale.length > 0) throw new ContractCheckFailed(`${stale.join(', ')}: listed in ${expected.source} but ${suite.title} has no such check; remove or rename.`);
      });
    }
    for (const check of checks) {
      it(`${check.id}: ${check.title}`, { timeout: TEST_TIMEOUT_MS }, async (context) => {
        const result = await session.run(check);
        if (expected?.ids.has(check.id)) {
          if (result.status === 'passed') {
            throw new ContractCheckFailed(`${check.id} now passes: remove it from ${expected.source} so it cannot break again unseen.`);
          }
          await context.annotate(`expected failure (listed in ${expected.source}):\n${formatResult(result)}`, 'warning');
          return;
        }
        if (result.status === 'blocked') context.skip(`needs ${result.blockedBy!.join(', ')} to pass first`);
        if (result.status === 'failed') throw new ContractCheckFailed(`\n${formatResult(result)}`);
      });
    }
  });
}
