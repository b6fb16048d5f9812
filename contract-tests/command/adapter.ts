// A client program in any language as a contract-suite adapter: one process per check, JSON lines both ways (protocol 1).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { AdapterTools, BaseSettings, ClientAdapter } from '../types.ts';
import { openProgramClock, type ProgramClock } from './clock.ts';

// Captured at load: waiting for a program to exit is real time, whatever the check's clock does.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

export const COMMAND_PROTOCOL = 1;
/** Longest line the program may print on stdout, and most it may print in one check. */
const MAX_LINE = 1024 * 1024;
const MAX_STDOUT = 16 * 1024 * 1024;
/** stderr kept for the report (its end). */
const STDERR_KEPT = 8 * 1024;
/** Real ms a program may go without answering, requesting or waiting before it counts as stalled. */
const PROCESS_STALL_MS = 20_000;
/** How long a program may take to exit once its stdin is closed. */
const EXIT_GRACE_MS = 2000;

export interface CommandOptions {
  /** Shown in reports (default: the command itself). */
  name?: string;
  /** The provider the program is written for. */
  provider?: string;
  /** Working directory (default: the current one). */
  cwd?: string;
  /** Extra environment for the program. */
  env?: Record<string, string>;
}

interface Pending {
  op: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Run {
  pending: Map<number, Pending>;
  child: ChildProcessWithoutNullStreams;
  clock: ProgramClock;
  stderr: string;
  exited: Promise<void>;
  done: boolean;
  finishing?: Promise<void>;
}

const runs = new WeakMap<object, Run>();

/** The end of what the program wrote on stderr, as one line for a message. */
const tail = (text: string, lines = 6): string => text.trimEnd().split('\n').slice(-lines).join(' ⏎ ');

/**
 * `commandAdapter('python3 my_client.py')`: for every check the command runs (through `sh -c`), gets the
 * settings (environment variable OAUTH_DOUBLES_SETTINGS and the first line on stdin), then one JSON line per
 * operation on stdin — `{"id":1,"op":"deliver","args":[…]}` — and answers each on stdout with
 * `{"id":1,"ok":true,"value":…}` or `{"id":1,"ok":false,"error":"…"}`. stderr is kept for the report.
 */
export function commandAdapter<S extends BaseSettings = BaseSettings, O extends object = Record<string, (...args: unknown[]) => Promise<unknown>>>(
  command: string,
  options: CommandOptions = {},
): ClientAdapter<S, O> {
  return {
    name: options.name ?? command,
    ...(options.provider ? { provider: options.provider } : {}),
    // A process (an interpreter, a shell spawning curl and jq) may take seconds to start on a busy machine, and
    // seconds of real time per request: a check gets a minute.
    limits: { stallMs: PROCESS_STALL_MS, checkMs: 60_000 },
    // Its request time-outs (urllib's timeout=, curl --max-time) wait on sockets in real time.
    timeouts: 'real',
    async create(settings: S, tools: AdapterTools) {
      const note = tools.note ?? (() => {});
      const clock = await openProgramClock({ ...process.env, ...options.env }.OAUTH_DOUBLES_LIBFAKETIME);
      if (clock.mode === 'real') note(`time is not virtual for this program (${clock.reason}): this check was judged on real time, and waits longer than its real-time limit fail it`);
      const child = spawn('sh', ['-c', command], {
        cwd: options.cwd,
        env: { ...process.env, ...options.env, ...clock.env, OAUTH_DOUBLES_PROTOCOL: String(COMMAND_PROTOCOL), OAUTH_DOUBLES_SETTINGS: JSON.stringify(settings) },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const pending = new Map<number, Pending>();
      let nextId = 0;
      let stdoutBytes = 0;
      let partial = '';
      const run: Run = { pending, child, clock, stderr: '', exited: Promise.resolve(), done: false };
      const failAll = (why: string): void => {
        for (const [id, p] of pending) p.reject(new Error(`${why} (operation #${id} ${p.op} unanswered)`));
        pending.clear();
      };
      run.exited = new Promise<void>((resolve) => {
        child.once('close', (code, signal) => {
          run.done = true;
          const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
          if (pending.size > 0) failAll(`the program ${how} before answering${run.stderr ? `; its stderr ended: ${tail(run.stderr)}` : ''}`);
          resolve();
        });
        child.once('error', (error) => {
          run.done = true;
          failAll(`the program could not be started: ${error.message}`);
          resolve();
        });
      });
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        run.stderr = (run.stderr + chunk).slice(-STDERR_KEPT);
      });
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        stdoutBytes += chunk.length;
        partial += chunk;
        if (stdoutBytes > MAX_STDOUT || (partial.length > MAX_LINE && !partial.includes('\n'))) {
          failAll(`the program flooded stdout (over ${stdoutBytes > MAX_STDOUT ? `${MAX_STDOUT / 1048576} MiB in one check` : `${MAX_LINE / 1048576} MiB without a line break`}); it was stopped`);
          child.kill('SIGKILL');
          partial = '';
          return;
        }
        let nl: number;
        while ((nl = partial.indexOf('\n')) >= 0) {
          const line = partial.slice(0, nl).trim();
          partial = partial.slice(nl + 1);
          if (line !== '') answer(line);
        }
      });
      const answer = (line: string): void => {
        let message: { id?: unknown; ok?: unknown; value?: unknown; error?: unknown };
        try {
          message = JSON.parse(line) as typeof message;
        } catch {
          note(`the program printed a line that is not protocol JSON on stdout (${JSON.stringify(line.slice(0, 120))}); write logs to stderr`);
          return;
        }
        const entry = typeof message.id === 'number' ? pending.get(message.id) : undefined;
        if (!entry) {
          note(`the program answered an operation nobody asked for or answered twice: ${JSON.stringify(line.slice(0, 120))}`);
          return;
        }
        pending.delete(message.id as number);
        if (message.ok === true) entry.resolve(message.value);
        else entry.reject(new Error(typeof message.error === 'string' && message.error !== '' ? message.error : `the program reported ${entry.op} as failed without saying why`));
      };
      const send = (payload: object): void => {
        clock.sync();
        if (!child.stdin.destroyed && !run.done) child.stdin.write(`${JSON.stringify(payload)}\n`);
      };
      child.stdin.on('error', () => {}); // a program that exits early: its exit is reported instead
      tools.signal.addEventListener('abort', () => void finish(run, note), { once: true });
      send({ protocol: COMMAND_PROTOCOL, settings });

      const operations = new Proxy(
        {},
        {
          get(_target, name) {
            if (typeof name !== 'string' || name === 'then') return undefined;
            return (...args: unknown[]) =>
              new Promise((resolve, reject) => {
                if (run.done) return reject(new Error(`the program had already exited, so it could not run ${name}${run.stderr ? `; its stderr ended: ${tail(run.stderr)}` : ''}`));
                const id = ++nextId;
                pending.set(id, { op: name, resolve, reject });
                send({ id, op: name, args });
              });
          },
        },
      ) as O;
      runs.set(operations, run);
      return operations;
    },
    async close(operations: O) {
      const run = runs.get(operations);
      if (run) await finish(run, () => {});
    },
  };
}

/** Closes stdin, gives the program a moment to exit, then stops it; the clock bridge goes with it. Once. */
function finish(run: Run, note: (message: string) => void): Promise<void> {
  run.finishing ??= stop(run, note);
  return run.finishing;
}

async function stop(run: Run, note: (message: string) => void): Promise<void> {
  for (const [id, p] of run.pending) note(`operation #${id} ${p.op} was never answered on stdout${run.stderr ? `; the program's stderr ended: ${tail(run.stderr)}` : ''}`);
  if (!run.child.stdin.destroyed) run.child.stdin.end();
  if (!run.done) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = await Promise.race([run.exited.then(() => false), new Promise<boolean>((r) => (timer = realSetTimeout(() => r(true), EXIT_GRACE_MS)))]);
    realClearTimeout(timer);
    if (late) {
      run.child.kill('SIGKILL');
      await run.exited;
    }
  }
  if (run.clock.mode === 'virtual' && run.clock.attached === 0) {
    note('the program never loaded the clock shim (a static binary, or a runtime that reads the clock without libc, such as Go): this check was judged on real time');
  }
  await run.clock.close();
}
