// Test helpers for `oauth-doubles verify` run for real: the child process, a scratch folder, and the JUnit XML it wrote.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

const exec = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `verify` with `args` from the repository root on the sources, through tsx; never throws on a non-zero exit. */
export async function verify(args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await exec(TSX, ['cli/main.ts', 'verify', ...args], { cwd: ROOT, timeout: 150_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

export interface Case {
  name: string;
  time: string;
  failure?: { message: string; type: string; '#text': string };
  skipped?: unknown;
}

/** Validates the XML, then reads its single testsuite. */
export function junit(file: string): { suites: Record<string, string>; suite: Record<string, string>; cases: Case[] } {
  const xml = readFileSync(file, 'utf8');
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' }).parse(xml) as {
    testsuites: Record<string, string> & { testsuite: Record<string, string> & { testcase: Case[] } };
  };
  return { suites: doc.testsuites, suite: doc.testsuites.testsuite, cases: doc.testsuites.testsuite.testcase };
}

/** A fresh scratch folder under the OS temp dir, named `oauth-doubles-<label>-…`. */
export const tmp = (label: string): string => mkdtempSync(join(tmpdir(), `oauth-doubles-${label}-`));
