// The README's code blocks that name a file on their first line (`// oneio.test.ts`): the consumer project runs them as written.
const NAMED = /^```(?:ts|js)\n\/\/ ([\w.-]+\.(?:ts|mjs|js))\n([\s\S]*?)^```$/gm;

/** Every README snippet the consumer-project test must run; a snippet renamed or dropped fails the test. */
export const README_FILES = ['oneio.test.ts', 'octorate.test.ts', 'oneio.contract.test.ts', 'serve.mjs'];

export function readmeFiles(readme: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const [, name, body] of readme.matchAll(NAMED)) files.set(name!, `// ${name}\n${body}`);
  const missing = README_FILES.filter((name) => !files.has(name));
  if (missing.length > 0) throw new Error(`the README has no code block starting with // ${missing.join(', // ')}`);
  return files;
}
