// `npm run build`: dist/ for the package — declarations from tsc, JavaScript bundled per entry point by rolldown with shared chunks.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'rolldown';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');

/** Entry name (path under dist/, no extension) → source, read from package.json's exports, plus the CLI the bin runs and its server thread. */
export function entryPoints(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, string | { import: string }> };
  const entries: Record<string, string> = { 'cli/main': 'cli/main.ts', 'cli/serve-worker': 'cli/serve-worker.ts' };
  for (const target of Object.values(pkg.exports)) {
    if (typeof target === 'string') continue; // ./package.json
    const name = target.import.replace(/^\.\/dist\//, '').replace(/\.js$/, '');
    entries[name] = `${name}.ts`;
  }
  return entries;
}

rmSync(DIST, { recursive: true, force: true });
// Declarations only: one .d.ts per source, so each entry's types sit next to its bundle (dist/mocks/index.d.ts …).
execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit', cwd: ROOT });
// One bundle per entry and shared chunks: the CLI and a user's import of the library share module instances (verify
// loads the user's adapter, which imports oauth-doubles/contract-tests), and a start resolves a handful of files, not 150.
await build({
  cwd: ROOT,
  input: entryPoints(),
  platform: 'node',
  // Every package stays a dependency, resolved from the user's node_modules: msw and vitest are the user's own copies.
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !/^[A-Za-z]:/.test(id),
  output: { dir: DIST, format: 'esm', sourcemap: true, chunkFileNames: 'chunks/[hash].js', entryFileNames: '[name].js' },
  logLevel: 'warn',
});
