// The seed document's Google example, read from the seed's own text (shared/seeds beside the repository), prose blanked so lines stay the seed's.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const SEED_FILE = '002_581087e08131f371.txt';
const ROOT = join(import.meta.dirname, '../..');

/** `shared/seeds/<file>` in the first of the repository's parent folders that has it (CI: `../shared` beside the clone). */
export function findSeed(): string | undefined {
  let dir = ROOT;
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, '..', 'shared', 'seeds', SEED_FILE);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

/** The example exactly as printed (from `"oauth": {` to the end), everything before it blanked to its line breaks. */
export function seedExample(seedText: string): { manifest: string; example: string } {
  const start = seedText.indexOf('"oauth": {');
  if (start === -1) throw new Error(`${SEED_FILE} has no "oauth" example.`);
  return { manifest: seedText.slice(0, start).replace(/[^\n]/g, '') + seedText.slice(start), example: seedText.slice(start) };
}
