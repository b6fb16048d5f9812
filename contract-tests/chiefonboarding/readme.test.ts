// The README's manifest section: each report it shows is what the run prints today, and its command works as written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../report.ts';
import { runSuite } from '../runner.ts';
import { verify } from '../test-support/cli.ts';
import { manifestAdapter } from './adapter.ts';
import { manifestSuite } from './suite.ts';

const ROOT = join(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const BLOCKS = [...README.matchAll(/<!-- manifest-report: (\S+) (\S+) -->\n```\n([\s\S]*?)\n```/g)].map((m) => ({ provider: m[1]!, file: m[2]!, text: m[3]! }));

/** Fingerprints are keyed per harness and durations vary; everything else must match to the character. */
const normal = (text: string): string =>
  text
    .replace(/‹redacted:[0-9a-f]{8}›/g, '‹redacted›')
    .replace(/%E2%80%B9redacted%3A[0-9a-f]{8}%E2%80%BA/g, '‹redacted›')
    .replace(/ checks in [\d.]+ m?s /, ' checks in … ')
    .trimEnd();

describe('README: ChiefOnboarding integration manifests', () => {
  it('shows the reports of the Octorate and Ochno examples and of the seed’s Google example', () => {
    expect(BLOCKS.map((b) => `${b.provider} ${b.file}`)).toEqual([
      'octorate examples/manifests/octorate.json',
      'ochno examples/manifests/ochno.json',
      'google examples/manifests/google-seed.json',
    ]);
  });

  it.each(BLOCKS)('the report of $file is what the run prints', async ({ provider, file, text }) => {
    const report = await runSuite(manifestSuite(provider), manifestAdapter(readFileSync(join(ROOT, file), 'utf8'), { file }));
    expect(normal(formatReport(report))).toBe(normal(text));
  });

  it('runs the documented command over the HTTP transport', async () => {
    const run = await verify(['--provider', 'google', '--manifest', 'examples/manifests/google.json', '--transport', 'http']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^7 passed, 0 failed$/m);
  });
});
