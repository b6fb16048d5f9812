// Contract checks inside the user's own vitest run: one describe block per suite and adapter, one test per check.
import { afterAll, describe, it } from 'vitest';
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

/**
 * `describeContract(oneioSuite, myAdapter, { transport: 'msw' })` in a `*.test.ts` file. A failed check
 * fails its test with the report's explanation; a check whose prerequisite failed is skipped with a note.
 * Checks run one after another (they fake the global clock), so do not mark the block concurrent.
 */
export function describeContract<S extends BaseSettings, O extends object>(
  suite: ContractSuite<S, O>,
  adapter: ClientAdapter<S, O>,
  options: Omit<RunOptions, 'onResult'> = {},
): void {
  const checks = selectChecks(suite, options.checks);
  describe(`${suite.title} contract — ${adapter.name} (${options.transport ?? 'msw'})`, () => {
    const session = createSession(suite, adapter, options);
    afterAll(() => session.close());
    for (const check of checks) {
      it(`${check.id}: ${check.title}`, { timeout: TEST_TIMEOUT_MS }, async (context) => {
        const result = await session.run(check);
        if (result.status === 'blocked') context.skip(`needs ${result.blockedBy!.join(', ')} to pass first`);
        if (result.status === 'failed') throw new ContractCheckFailed(`\n${formatResult(result)}`);
      });
    }
  });
}
