// package.json's exports are the public API: every entry maps to a source the build compiles, and every provider's public.ts is exported.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
  files: string[];
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};
const entries = Object.entries(pkg.exports).filter(([key]) => key !== './package.json') as [string, Record<string, string>][];

/** `./dist/providers/octorate/public.js` → `providers/octorate/public.ts`. */
const sourceOf = (target: string): string => target.replace(/^\.\/dist\//, '').replace(/\.d\.ts$|\.js$/, '.ts');

describe('package exports', () => {
  it.each(entries)('%s has types, import and default conditions on one compiled source', (_key, conditions) => {
    expect(Object.keys(conditions)).toEqual(['types', 'import', 'default']);
    expect(conditions.types).toMatch(/^\.\/dist\/.+\.d\.ts$/);
    expect(conditions.import).toMatch(/^\.\/dist\/.+\.js$/);
    expect(conditions.default).toBe(conditions.import);
    expect(sourceOf(conditions.types!)).toBe(sourceOf(conditions.import!));
    expect(existsSync(join(ROOT, sourceOf(conditions.import!))), sourceOf(conditions.import!)).toBe(true);
  });

  it('exports every provider helper file providers/<id>/public.ts as oauth-doubles/<id>', () => {
    const providers = readdirSync(join(ROOT, 'providers'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(ROOT, 'providers', d.name, 'public.ts')))
      .map((d) => d.name);
    expect(providers).toEqual(expect.arrayContaining(['oneio', 'octorate']));
    for (const id of providers) {
      const hint = `add to package.json "exports": "./${id}": { "types": "./dist/providers/${id}/public.d.ts", "import": "./dist/providers/${id}/public.js", "default": "./dist/providers/${id}/public.js" }`;
      expect(pkg.exports[`./${id}`], hint).toEqual({
        types: `./dist/providers/${id}/public.d.ts`,
        import: `./dist/providers/${id}/public.js`,
        default: `./dist/providers/${id}/public.js`,
      });
    }
  });

  it('compiles every exported source: tsconfig.build.json includes it', () => {
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
    const included = (file: string): boolean =>
      build.include.some((pattern) => new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '[^/]+')}$`).test(file));
    for (const [key, conditions] of entries) expect(included(sourceOf(conditions.import!)), key).toBe(true);
  });

  it('ships only the build, the bin, the docs, the example programs and the clock shim verify --command compiles; msw and vitest are peers, not dependencies', () => {
    expect(pkg.files).toEqual(['dist', 'bin', 'contract-tests/command/clock-shim.c', 'examples']);
    expect(pkg.dependencies).not.toHaveProperty('msw');
    expect(pkg.dependencies).not.toHaveProperty('vitest');
    expect(pkg.peerDependencies).toMatchObject({ msw: '^3.0.0', vitest: '^5.0.0' });
  });
});
