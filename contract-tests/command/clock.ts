// Virtual time for a client program: libfaketime makes it read the check's clock (a file this writes), the clock shim makes it wait on it.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// Captured at load, before a check fakes them: the clock file is kept current in real time.
const realSetInterval = globalThis.setInterval;
const realClearInterval = globalThis.clearInterval;
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/** Real ms an I/O wait must last before its time-out starts to count on the check's clock. */
const IO_PATIENCE_MS = 250;

/** A program's wait: a real timer until it is armed, then a timer of the check's clock. */
type Wait = { real: ReturnType<typeof setTimeout>; virtual?: undefined } | { virtual: ReturnType<typeof setTimeout>; real?: undefined };

const clear = (wait: Wait | undefined): void => {
  if (wait?.real !== undefined) realClearTimeout(wait.real);
  if (wait?.virtual !== undefined) globalThis.clearTimeout(wait.virtual);
};

const LIBFAKETIME = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/faketime/libfaketimeMT.so.1',
  '/usr/local/lib/faketime/libfaketimeMT.so.1',
];

export interface ProgramClock {
  /** `virtual`: the program reads and waits on the check's clock; `real`: it does not, and `reason` says why. */
  readonly mode: 'virtual' | 'real';
  readonly reason: string | undefined;
  /** Environment for the program: LD_PRELOAD, libfaketime's settings, the runner's socket. */
  readonly env: Record<string, string>;
  /** Processes of the program that loaded the shim (a static binary never does). */
  readonly attached: number;
  /** Writes the check's current time for the program to read (called before the program is told anything). */
  sync(): void;
  close(): Promise<void>;
}

let shimBuild: Promise<string> | undefined;

/** The shim's source: next to this module in the repository, under the package root when installed from npm. */
function shimSource(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'clock-shim.c'), join(here, '../../../contract-tests/command/clock-shim.c')];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('clock-shim.c is missing from the installation');
  return found;
}

/** Compiles the shim once per source version into the user's cache (cc is on most CI images; without it time stays real). */
function buildShim(): Promise<string> {
  shimBuild ??= (async () => {
    const source = shimSource();
    const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 12);
    const dir = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'oauth-doubles');
    const out = join(dir, `clock-shim-${hash}.so`);
    if (existsSync(out)) return out;
    mkdirSync(dir, { recursive: true });
    const partial = `${out}.${process.pid}.tmp`;
    try {
      await promisify(execFile)(process.env.CC ?? 'cc', ['-shared', '-fPIC', '-O2', '-o', partial, source, '-ldl', '-lpthread'], { timeout: 60_000 });
    } catch (error) {
      throw new Error(`could not compile the clock shim with ${process.env.CC ?? 'cc'} (${(error as Error).message.split('\n')[0]})`);
    }
    renameSync(partial, out);
    return out;
  })();
  shimBuild.catch(() => (shimBuild = undefined));
  return shimBuild;
}

/**
 * libfaketime keeps a semaphore and shared memory per program, named after the process that made them; the clock
 * shim stops forked subshells from removing them early, so they are removed here once their process is gone.
 */
function sweepSharedMemory(): void {
  let names: string[];
  try {
    names = readdirSync('/dev/shm');
  } catch {
    return;
  }
  for (const name of names) {
    const pid = /^(?:sem\.faketime_sem_|faketime_shm_)(\d+)$/.exec(name)?.[1];
    if (pid === undefined) continue;
    try {
      process.kill(Number(pid), 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join('/dev/shm', name), { force: true });
    }
  }
}

/** libfaketime's absolute, frozen form: `2026-01-05 09:00:00.250` (the program runs with TZ=UTC). */
const stamp = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

const realClock = (reason: string): ProgramClock => ({ mode: 'real', reason, env: {}, attached: 0, sync() {}, close: async () => {} });

/**
 * Opens the bridge for one program run. `libfaketime`: the library to preload (default: where Debian and
 * others install it), or `none` to run on real time; `now` reads the check's virtual clock.
 */
export async function openProgramClock(libfaketimePath?: string, now: () => number = () => Date.now()): Promise<ProgramClock> {
  if (libfaketimePath === 'none') return realClock('OAUTH_DOUBLES_LIBFAKETIME=none');
  if (process.platform !== 'linux') return realClock(`virtual time for programs needs Linux (LD_PRELOAD); this is ${process.platform}`);
  const libfaketime = (libfaketimePath ? [libfaketimePath] : LIBFAKETIME).find((p) => existsSync(p));
  if (!libfaketime) return realClock('libfaketime is not installed (Debian/Ubuntu: apt-get install libfaketime)');
  let shim: string;
  try {
    shim = await buildShim();
  } catch (error) {
    return realClock((error as Error).message);
  }

  const dir = mkdtempSync(join(tmpdir(), 'oauth-doubles-clock-'));
  const file = join(dir, 'now');
  const socketPath = join(dir, 'clock.sock');
  let written = Number.NaN;
  const sync = (): void => {
    const t = now();
    if (t === written) return;
    writeFileSync(`${file}.tmp`, `${stamp(t)}\n`);
    renameSync(`${file}.tmp`, file); // atomic: the program never reads half a line
    written = t;
  };
  sync();

  let attached = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const timers = new Map<string, Wait>();
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.length > 64 * 1024) return socket.destroy();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const [kind, id, ms] = buffer.slice(0, nl).split(' ');
        buffer = buffer.slice(nl + 1);
        if (kind === 'H') attached++;
        else if ((kind === 'S' || kind === 'I') && id) {
          // The check's own (virtual) setTimeout: it fires when the check's time gets there.
          const arm = (): void => {
            const timer = globalThis.setTimeout(() => {
              timers.delete(id);
              sync();
              if (!socket.destroyed) socket.write(`W ${id}\n`);
            }, Math.max(0, Number(ms) || 0));
            timers.set(id, { virtual: timer });
          };
          // An I/O time-out counts only once the program has really waited a while: until the fake has
          // taken its request, the runner cannot tell a waiting program from one whose bytes are in transit.
          if (kind === 'I') timers.set(id, { real: realSetTimeout(arm, IO_PATIENCE_MS) });
          else arm();
        } else if (kind === 'C' && id) {
          clear(timers.get(id));
          timers.delete(id);
        }
      }
    });
    const drop = (): void => {
      for (const wait of timers.values()) clear(wait);
      timers.clear();
      sockets.delete(socket);
    };
    socket.on('close', drop);
    socket.on('error', drop);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, resolve);
  });
  const ticker = realSetInterval(sync, 2);

  return {
    mode: 'virtual',
    reason: undefined,
    env: {
      LD_PRELOAD: [shim, libfaketime, process.env.LD_PRELOAD].filter(Boolean).join(' '),
      FAKETIME_TIMESTAMP_FILE: file,
      FAKETIME_NO_CACHE: '1',
      TZ: 'UTC',
      OAUTH_DOUBLES_CLOCK_SOCKET: socketPath,
    },
    get attached() {
      return attached;
    },
    sync,
    async close() {
      realClearInterval(ticker);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
      sweepSharedMemory();
    },
  };
}
