// `oauth-doubles verify`: runs a provider's contract suite against the user's adapter, prints the report, writes JUnit XML.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import { expectationsFileFor, formatVerdict, judgeExpectations, parseExpectations, ratchetHolds, type Expectations } from '../contract-tests/expectations.ts';
import { toJsonReport } from '../contract-tests/json-report.ts';
import { commandAdapter } from '../contract-tests/command/adapter.ts';
import { toJUnit } from '../contract-tests/junit.ts';
import { formatReport, formatResult } from '../contract-tests/report.ts';
import { runSuite } from '../contract-tests/runner.ts';
import { SUITES } from '../contract-tests/suites.ts';
import type { ClientAdapter, Transport } from '../contract-tests/types.ts';
import { errorMessage } from '../contract-tests/virtual-time.ts';
import { MANIFEST_USAGE, ManifestInputError, manifestTarget } from './manifest.ts';

const USAGE = `Usage:
  oauth-doubles verify --provider ID --client FILE [--transport msw|http] [--junit FILE] [--json FILE]
                        [--expect-failures FILE [--update-expected-failures]] [--check ID]… [--seed N]
  oauth-doubles verify --provider ID --manifest FILE [--value NAME=VALUE]… [the options above but --client]
  oauth-doubles verify --provider ID --command "CMD" [options]
  oauth-doubles verify --provider ID --list

  --provider   the provider whose contract to check: ${Object.keys(SUITES).join(', ')}
  --client     a module whose default export is the adapter ({ name, create(settings, tools) })
${MANIFEST_USAGE}
  --command    a client program in any language, run once per check through sh -c; it speaks the
               command protocol (docs/command-protocol.md) on stdin/stdout, its clock follows the
               check's virtual clock (libfaketime); implies --transport http
  --transport  msw (default): the real https:// URLs intercepted in-process;
               http: the fakes on a loopback port, the client given http://127.0.0.1:<port>/<host>/… URLs
  --junit      also write the results as JUnit XML to FILE
  --json       also write the results as JSON to FILE (format "oauth-doubles/contract-report", version 1)
  --expect-failures FILE
               a ratchet: FILE lists check ids the client is known to fail (one per line, # comments);
               the run fails on a failure not listed and on a listed check that now passes
  --update-expected-failures
               with --expect-failures: rewrite FILE with the checks that do not pass now, and exit 0
  --check      run only this check (and the checks it needs); repeatable
  --seed       seed for test credentials and tokens (default 1)
  --list       list the provider's checks and exit

Exit code: 0 when every check passed (with --expect-failures: when the ratchet holds), 1 when one
failed or was blocked (or the ratchet broke), 2 for a usage error.`;

class UsageError extends Error {}

/**
 * A TypeScript adapter goes through tsx rather than Node's own type stripping: it imports the user's client
 * as their project writes it (extensionless paths, enums, tsconfig paths), which type stripping refuses.
 * tsx is loaded only then, so a start that needs none pays nothing for it.
 */
async function importFile(url: string): Promise<unknown> {
  if (!/\.[cm]?tsx?$/.test(url)) return import(url);
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(url, import.meta.url);
}

async function loadAdapter(file: string): Promise<ClientAdapter<any, any>> {
  const url = pathToFileURL(resolve(process.cwd(), file)).href;
  let module: { default?: unknown };
  try {
    module = (await importFile(url)) as { default?: unknown };
  } catch (error) {
    throw new UsageError(`cannot load the client adapter ${file}: ${errorMessage(error)}`);
  }
  const adapter = module.default as Partial<ClientAdapter> | undefined;
  if (!adapter || typeof adapter !== 'object' || typeof adapter.create !== 'function') {
    throw new UsageError(`${file} must default-export an adapter: export default { name: 'my client', create(settings) { … return { deliver } } }`);
  }
  return { ...adapter, name: adapter.name ?? file } as ClientAdapter<any, any>;
}

async function loadExpectations(file: string): Promise<Expectations> {
  let text: string;
  try {
    text = await readFile(resolve(process.cwd(), file), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the expected-failures file ${file}: ${errorMessage(error)} (create it with --update-expected-failures)`);
  }
  try {
    return parseExpectations(text, file);
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
}

async function writeOut(file: string, text: string): Promise<void> {
  const path = resolve(process.cwd(), file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, 'utf8');
}

export async function verifyCommand(argv: string[]): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        provider: { type: 'string' },
        client: { type: 'string' },
        manifest: { type: 'string' },
        value: { type: 'string', multiple: true },
        transport: { type: 'string' },
        command: { type: 'string' },
        junit: { type: 'string' },
        json: { type: 'string' },
        'expect-failures': { type: 'string' },
        'update-expected-failures': { type: 'boolean' },
        check: { type: 'string', multiple: true },
        seed: { type: 'string' },
        list: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (!values.provider) throw new UsageError('--provider is required.');
    const target = values.manifest ? await manifestTarget(values.manifest, values.provider, values.value) : undefined;
    const suite = target?.suite ?? SUITES[values.provider];
    if (!suite) throw new UsageError(`no contract suite for provider "${values.provider}"; available: ${Object.keys(SUITES).join(', ')}.`);
    if (values.list) {
      for (const check of suite.checks) console.log(`${check.id}\t${check.title}`);
      return 0;
    }
    const given = [values.client && '--client', values.command && '--command', values.manifest && '--manifest'].filter(Boolean);
    if (given.length === 0) throw new UsageError('--client (an adapter module), --command (a client program) or --manifest (an integration manifest) is required.');
    if (given.length > 1) throw new UsageError(`give one of --client, --command and --manifest, not ${given.join(' and ')}.`);
    const transport = (values.transport ?? (values.command ? 'http' : 'msw')) as Transport;
    if (transport !== 'msw' && transport !== 'http') throw new UsageError(`--transport must be msw or http, got "${values.transport}".`);
    if (values.command && transport === 'msw') {
      throw new UsageError('a --command program runs in a process of its own, which MSW cannot intercept: use --transport http (the default with --command).');
    }
    const seed = values.seed === undefined ? 1 : Number(values.seed);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, got "${values.seed}".`);
    if (values['update-expected-failures'] && !values['expect-failures']) {
      throw new UsageError('--update-expected-failures needs --expect-failures FILE: the file to write.');
    }
    const expectations = values['expect-failures'] && !values['update-expected-failures'] ? await loadExpectations(values['expect-failures']) : undefined;
    const adapter = target?.adapter ?? (values.command ? commandAdapter(values.command, { provider: suite.provider }) : await loadAdapter(values.client!));
    if (adapter.provider !== undefined && adapter.provider !== suite.provider) {
      throw new UsageError(`${values.client} is an adapter for "${adapter.provider}", not "${suite.provider}".`);
    }

    // Outside vitest nobody else catches a client's stray rejection; name it instead of crashing.
    const stray = (reason: unknown): void => {
      console.error(`oauth-doubles verify: the client left a promise rejection unhandled: ${errorMessage(reason)}`);
    };
    process.on('unhandledRejection', stray);
    let report;
    try {
      console.log(`${suite.title} contract checks — client "${adapter.name}", transport ${transport}\n`);
      report = await runSuite(suite, adapter, {
        transport,
        seed,
        checks: values.check,
        onResult: (result) => console.log(formatResult(result)),
      });
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('Unknown check')) throw new UsageError(error.message);
      throw error;
    } finally {
      process.off('unhandledRejection', stray);
    }
    const full = formatReport(report);
    console.log(`\n${full.slice(full.lastIndexOf('\n\n') + 2).trimEnd()}`);
    if (values.junit) {
      await writeOut(values.junit, toJUnit(report));
      console.log(`JUnit XML written to ${values.junit}`);
    }
    let code: 0 | 1 = report.counts.failed + report.counts.blocked > 0 ? 1 : 0;
    let verdict;
    if (expectations) {
      verdict = judgeExpectations(report, expectations, suite.checks.map((c) => c.id));
      console.log(`\n${formatVerdict(verdict, expectations.source)}`);
      code = ratchetHolds(verdict) ? 0 : 1;
    }
    if (values['update-expected-failures']) {
      await writeOut(values['expect-failures']!, expectationsFileFor(report));
      console.log(`Expected failures written to ${values['expect-failures']}`);
      code = 0;
    }
    if (values.json) {
      await writeOut(values.json, toJsonReport(report, code, verdict && expectations ? { ...verdict, file: expectations.source, holds: ratchetHolds(verdict) } : undefined));
      console.log(`JSON report written to ${values.json}`);
    }
    // A stopped (looping) client may keep sockets alive; the verdict is in, so do not wait for them.
    setTimeout(() => process.exit(process.exitCode ?? code), 2000).unref();
    return code;
  } catch (error) {
    if (error instanceof ManifestInputError) {
      console.error(`oauth-doubles verify: ${error.message}`);
      return 2;
    }
    if (error instanceof UsageError) {
      console.error(`oauth-doubles verify: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
