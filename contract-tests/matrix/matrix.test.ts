// The compatibility matrix: real OAuth libraries through every suite, under both transports; each row fails exactly what EXPECTED says, and why.
import { describe, expect, it } from 'vitest';
import type { Transport } from '../types.ts';
import { EXPECTED } from './expected.ts';
import { VARIANTS } from './libraries.ts';
import { runMatrix, type MatrixRow } from './run.ts';

describe.each<Transport>(['msw', 'http'])('the library matrix over %s', (transport) => {
  let rows: MatrixRow[] = [];
  it('runs every library variant through every suite it speaks', { timeout: 180_000 }, async () => {
    rows = await runMatrix([transport]);
    const speaks = VARIANTS.flatMap((v) => [v.oneio && 'oneio', v.octorate && 'octorate', v.ochno && 'ochno'].filter(Boolean).map((p) => `${v.library} | ${v.config} | ${p}`));
    expect(rows.map((r) => `${r.library} | ${r.config} | ${r.provider}`)).toEqual(speaks);
    expect(EXPECTED.map((e) => `${e.library} | ${e.config} | ${e.provider}`).sort()).toEqual([...speaks].sort());
  });

  for (const expected of EXPECTED) {
    const failsNothing = Object.keys(expected.fails).length === 0;
    it(`${expected.library} (${expected.config}) against ${expected.provider} ${failsNothing ? 'passes every check' : `fails ${Object.keys(expected.fails).join(', ')}`}`, () => {
      const row = rows.find((r) => r.library === expected.library && r.config === expected.config && r.provider === expected.provider);
      expect(row, 'the matrix run above did not produce this row').toBeDefined();
      const failed = row!.report.results.filter((r) => r.status === 'failed');
      expect(failed.map((r) => r.id)).toEqual(Object.keys(expected.fails));
      for (const result of failed) expect(result.findings[0]!.message).toMatch(expected.fails[result.id]!);
      if (failsNothing) expect(row!.report.counts).toMatchObject({ failed: 0, blocked: 0 });
    });
  }
});
