// `npm run test:consumer`: packs the package, installs the tarball in a fresh project next to vitest 5 and msw 3, and uses it there as a user would.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { README_FILES, readmeFiles } from './readme.ts';

const ROOT = join(import.meta.dirname, '../..');
const TEMPLATE = join(import.meta.dirname, 'project');
/** The oldest versions the package claims (peerDependencies), and the TypeScript majors users type-check with. */
const INSTALL = ['msw@3.0.0', 'vitest@5.0.0', 'typescript@7', 'ts5@npm:typescript@5', '@types/node@24'];
/** Paths a user's project must never receive. */
const FORBIDDEN = /(^|\/)(test|tests|bench|fixtures|test-support|\.ci|scripts)\/|\.test\.[jt]s$|broken-clients|tsconfig|vitest\.config/;

// Children run on this Node (the one the repository pins), whatever `node` comes first on the caller's PATH.
const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, NO_COLOR: '1', FORCE_COLOR: '0' };

/**
 * Signals the child's whole process group. `npx` does not pass SIGTERM on to the bin it started: signalled alone, it
 * exits and leaves the server running with our pipes open, and this script would never end.
 */
function stopGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group has already gone.
  }
}

interface Run {
  code: number | null;
  out: string;
}

function run(command: string, args: string[], cwd: string, options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve) => {
    // Its own process group, so a time-out also stops whatever it started (npx, npm and sh leave their children running).
    const child = spawn(command, args, { cwd, env: options.env ?? env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => stopGroup(child, 'SIGKILL'), options.timeoutMs ?? 180_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

let passed = 0;
let failed = 0;
async function step(name: string, body: () => Promise<void> | void): Promise<void> {
  const started = performance.now();
  try {
    await body();
    passed++;
    console.log(`ok    ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed++;
    console.log(`FAIL  ${name}\n      ${(error instanceof Error ? error.message : String(error)).replace(/\n/g, '\n      ')}`);
  }
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const expectExit = (result: Run, code: number, what: string): void =>
  check(result.code === code, `${what} exited ${result.code}, expected ${code}:\n${result.out.slice(-3000)}`);

/** Starts the installed bin (`npx oauth-doubles`, or `node` on the bin file) on a free port, asks for one ONEiO token, stops it. */
async function binAnswersToken(project: string, command = ['npx', '--no-install', 'oauth-doubles']): Promise<void> {
  const child = spawn(command[0]!, [...command.slice(1), '--port', '0', '--seed', '5'], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no banner within 60 s:\n${out}`)), 60_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`exited ${code} before listening:\n${out}`)));
    });
    const clients = (await (await fetch(`${url}/__admin/clients`)).json()) as { provider: string; environment: string; clientId: string; clientSecret: string }[];
    const qa = clients.find((c) => c.provider === 'oneio' && c.environment === 'qa');
    check(qa, `no ONEiO QA test client in ${JSON.stringify(clients).slice(0, 300)}`);
    const answer = await fetch(`${url}/receiver-authz-test.service-flow.com/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: qa.clientId, client_secret: qa.clientSecret }),
    });
    const body = (await answer.json()) as { token_type?: string; access_token?: string };
    check(answer.status === 200 && body.token_type === 'Bearer' && body.access_token, `token answer ${answer.status} ${JSON.stringify(body)}`);
  } finally {
    const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('close', () => resolve())));
    stopGroup(child, 'SIGTERM');
    const late = setTimeout(() => stopGroup(child, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(late);
    for (let waited = 0; groupAlive(child) && waited < 5_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    check(!groupAlive(child), 'the server outlived SIGTERM to its process group by 5 s');
  }
}

function groupAlive(child: ChildProcess): boolean {
  try {
    process.kill(-child.pid!, 0);
    return true;
  } catch {
    return false;
  }
}

const work = mkdtempSync(join(tmpdir(), 'oauth-doubles-consumer-'));
const project = join(work, 'project');
console.log(`consumer project: ${project} (node ${process.version})`);
let tarball = '';
let files: string[] = [];

await step('npm pack builds the package and ships no tests, bench, fixtures or CI files', async () => {
  const packed = await run('npm', ['pack', '--json', '--pack-destination', work], ROOT);
  expectExit(packed, 0, 'npm pack');
  const info = JSON.parse(packed.out.slice(packed.out.indexOf('[\n'))) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, info[0]!.filename);
  files = info[0]!.files.map((f) => f.path);
  const bad = files.filter((path) => FORBIDDEN.test(path));
  check(bad.length === 0, `the tarball holds ${bad.join(', ')}`);
  for (const needed of ['package.json', 'README.md', 'LICENSE', 'bin/oauth-doubles.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/cli/main.js.map']) {
    check(files.includes(needed), `the tarball lacks ${needed}`);
  }
  console.log(`      ${files.length} files`);
});

await step('npm publish --dry-run passes with nothing for npm to correct', async () => {
  const dry = await run('npm', ['publish', '--dry-run', '--ignore-scripts'], ROOT);
  expectExit(dry, 0, 'npm publish --dry-run');
  check(!/auto-corrected|errors corrected|invalid/i.test(dry.out), `npm corrected package.json:\n${dry.out.split('\n').filter((l) => /warn/.test(l)).join('\n')}`);
});

await step(`npm install of the tarball with ${INSTALL.join(', ')}`, async () => {
  cpSync(TEMPLATE, project, { recursive: true });
  for (const [name, text] of readmeFiles(readFileSync(join(ROOT, 'README.md'), 'utf8'))) writeFileSync(join(project, name), text);
  const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev', tarball, ...INSTALL], project, { timeoutMs: 300_000 });
  expectExit(installed, 0, 'npm install');
});

await step('vitest: the README recipes (setupDoubles, Octorate helpers) and describeContract pass in the user project', async () => {
  const result = await run('npx', ['--no-install', 'vitest', 'run', '--reporter=json', '--outputFile=vitest.json'], project);
  const report = existsSync(join(project, 'vitest.json'))
    ? (JSON.parse(readFileSync(join(project, 'vitest.json'), 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTestSuites: number; testResults: { name: string }[] })
    : undefined;
  check(report, `vitest wrote no report:\n${result.out.slice(-3000)}`);
  const ran = report.testResults.map((r) => r.name.slice(project.length + 1));
  const missing = README_FILES.filter((name) => name.endsWith('.test.ts') && !ran.includes(name));
  check(missing.length === 0, `vitest did not run ${missing.join(', ')} (it ran ${ran.join(', ')})`);
  expectExit(result, 0, 'vitest run');
  check(report.numFailedTests === 0 && report.numPassedTests >= 13, `vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
});

await step('plain node: the README server script, and every entry but the vitest one imports', async () => {
  const served = await run(process.execPath, ['serve.mjs'], project, { timeoutMs: 60_000 });
  expectExit(served, 0, 'node serve.mjs');
  check(served.out.trim() === '200 Bearer', `serve.mjs printed ${served.out}`);
  const pkg = JSON.parse(readFileSync(join(project, 'node_modules/oauth-doubles/package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const entries = Object.keys(pkg.exports).filter((key) => key !== './package.json' && !key.endsWith('/vitest'));
  const script = entries.map((key) => `await import(${JSON.stringify(`oauth-doubles${key.slice(1)}`)});`).join('\n');
  const imported = await run(process.execPath, ['--input-type=module', '-e', `${script}\nconsole.log('imported ${entries.length}')`], project);
  expectExit(imported, 0, 'importing every entry');
});

await step('deep imports of internal files are refused', async () => {
  const deep = await run(process.execPath, ['--input-type=module', '-e', "await import('oauth-doubles/dist/core/harness.js')"], project);
  check(deep.code !== 0 && deep.out.includes('ERR_PACKAGE_PATH_NOT_EXPORTED'), `a deep import was not refused:\n${deep.out}`);
});

await step('npx oauth-doubles --port 0 answers a ONEiO token', () => binAnswersToken(project));

for (const [label, adapter, transport] of [
  ['.js', './my-oneio-adapter.js', 'msw'],
  ['.ts', './my-oneio-adapter.ts', 'http'],
] as const) {
  await step(`npx oauth-doubles verify with a ${label} adapter over ${transport}, --junit`, async () => {
    const xml = `reports/oneio${label.replace('.', '-')}.xml`;
    const result = await run('npx', ['--no-install', 'oauth-doubles', 'verify', '--provider', 'oneio', '--client', adapter, '--transport', transport, '--junit', xml], project);
    expectExit(result, 0, 'verify');
    const passed = /^(\d+) passed, 0 failed$/m.exec(result.out)?.[1];
    check(passed !== undefined && Number(passed) >= 11, `verify reported:\n${result.out}`);
    const report = readFileSync(join(project, xml), 'utf8');
    check(report.includes(`tests="${passed}"`) && report.includes('failures="0"'), `JUnit XML: ${report.slice(0, 300)}`);
  });
}

await step('the README verify command, as written', async () => {
  const result = await run('npx', ['--no-install', 'oauth-doubles', 'verify', '--provider', 'oneio', '--client', './my-oneio-adapter.ts', '--junit', 'reports/oneio.xml'], project);
  expectExit(result, 0, 'verify');
});

for (const [label, tsc] of [
  ['TypeScript 7', 'node_modules/typescript/bin/tsc'],
  ['TypeScript 5', 'node_modules/ts5/bin/tsc'],
] as const) {
  await step(`${label}: the user's strict tsc type-checks every entry point with zero errors`, async () => {
    const pkg = JSON.parse(readFileSync(join(project, 'node_modules/oauth-doubles/package.json'), 'utf8')) as { exports: Record<string, unknown> };
    const entries = Object.keys(pkg.exports).filter((key) => key !== './package.json');
    mkdirSync(join(project, 'types'), { recursive: true });
    const lines = entries.map((key, i) => `export * as entry${i} from ${JSON.stringify(`oauth-doubles${key.slice(1)}`)};`);
    writeFileSync(join(project, 'types/entries.ts'), `// Every entry in the package's exports.\n${lines.join('\n')}\n`);
    const result = await run(process.execPath, [tsc, '-p', '.'], project);
    expectExit(result, 0, `${label} tsc`);
  });
}

const oldNode = '/usr/bin/node';
const oldVersion = existsSync(oldNode) ? (await run(oldNode, ['--version'], project)).out.trim() : '';
if (/^v(1\d|2[01])\.|^v22\.(\d|1[01])\./.test(oldVersion)) {
  await step(`Node ${oldVersion}: setupDoubles, mswHandlers and the runner refuse at once; the HTTP server works`, async () => {
    const result = await run(oldNode, ['node20.mjs'], project, { timeoutMs: 60_000 });
    expectExit(result, 0, `${oldNode} node20.mjs`);
    const seen = JSON.parse(result.out.trim().split('\n').pop()!) as { refusals: Record<string, string>; serverToken: number };
    for (const [name, message] of Object.entries(seen.refusals)) {
      check(message.includes(`this is Node.js ${oldVersion.slice(1)}`) && message.includes('needs Node.js >= 22.12'), `${name}: ${message}`);
    }
    check(seen.serverToken === 200, `the server answered the token request with ${seen.serverToken}`);
  });
  await step(`Node ${oldVersion}: the oauth-doubles bin serves and answers a token`, () =>
    binAnswersToken(project, [oldNode, 'node_modules/oauth-doubles/bin/oauth-doubles.js']),
  );
  await step(`Node ${oldVersion}: oauth-doubles verify refuses at once with the version message, exit code 2`, async () => {
    const result = await run(oldNode, ['node_modules/oauth-doubles/bin/oauth-doubles.js', 'verify', '--provider', 'oneio', '--client', './my-oneio-adapter.js'], project);
    expectExit(result, 2, 'verify on old Node');
    check(result.out.startsWith(`oauth-doubles: the verify command needs Node.js >= 22.12`) && !result.out.includes('never asked'), result.out);
  });
} else {
  console.log(`skip  the old-Node refusal: no Node older than 22.12 at ${oldNode} (${oldVersion || 'missing'})`);
}

if (failed === 0 && !process.env.KEEP_CONSUMER) rmSync(work, { recursive: true, force: true });
else console.log(`consumer project kept in ${project}`);
console.log(`consumer: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
