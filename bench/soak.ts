// `npm run soak`: 60 s of mixed valid traffic at 50 connections, a million token requests, a million receiver messages,
// and token requests during a full journal read, against one server at its default limits; loopback only, bounded in time.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { StoreReport } from '../core/harness.ts';
import { createHarness } from '../index.ts';
import { connectionSettings } from '../providers/octorate/index.ts';
import { Connection, type RawAnswer } from './http1.ts';
import { percentile } from './stats.ts';

const MIXED_SECONDS = Number(process.env.SOAK_MIXED_SECONDS ?? 60);
const CONNECTIONS = 50;
const TOKEN_REQUESTS = Number(process.env.SOAK_TOKENS ?? 1_000_000);
const MESSAGES = Number(process.env.SOAK_MESSAGES ?? 1_000_000);
/** Each bulk phase stops here even if its count is not reached (the report says so). */
const PHASE_LIMIT_MS = Number(process.env.SOAK_PHASE_LIMIT_S ?? 420) * 1000;
const TARGETS = { errors: 0, forgotten: 0, rssEndMb: 300, journalReadP99Ms: 20 };

setTimeout(() => {
  console.error('soak: timed out');
  process.exit(2);
}, 30 * 60_000).unref();

const ONEIO_TOKEN = '/receiver-authz-test.service-flow.com/oauth2/token';
const ONEIO_RECEIVER = '/rest-receiver-test.service-flow.com/api/v2';
const OCTORATE_API = '/api.octorate.com/connect/rest/v1';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'content-type': 'application/json' };

// The credentials the server seeds (same seed, same values).
const local = createHarness({ seed: 1 });
const oneio = local.credentials('oneio', 'qa');
const octorate = connectionSettings(local);
const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
const ONEIO_FORM = form({ grant_type: 'client_credentials', client_id: oneio.clientId, client_secret: oneio.clientSecret });

/** Latencies of a phase in a growable typed array, with error and drop counts. */
class Tally {
  lat = new Float64Array(1 << 16);
  n = 0;
  errors = 0;
  /** Answers saying the harness dropped a token or code the client still held. */
  forgotten = 0;
  firstErrors: string[] = [];
  add(answer: RawAnswer, ok: boolean, what: string): void {
    if (this.n === this.lat.length) {
      const bigger = new Float64Array(this.lat.length * 2);
      bigger.set(this.lat);
      this.lat = bigger;
    }
    this.lat[this.n++] = answer.ms;
    if (!ok) {
      this.errors++;
      if (answer.body.includes('dropped')) this.forgotten++;
      if (this.firstErrors.length < 5) this.firstErrors.push(`${what} → ${answer.status} ${answer.body.slice(0, 200)}`);
    }
  }
  p(q: number): number {
    return percentile(Array.from(this.lat.subarray(0, this.n)), q);
  }
}

interface ServerStats {
  /** Resident and peak resident bytes, from /proc. */
  rss: number;
  peakRss: number;
  stores: StoreReport;
}

const ROOT = new URL('../', import.meta.url);

/** Bytes of a /proc/<pid>/status line (`VmRSS:  123 kB`). */
async function procBytes(pid: number, field: string): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
  if (kb === undefined) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(kb) * 1024;
}

/**
 * The server as users start it: the package's bin on the built dist/, in a process of its own so its RSS is its own.
 * SOAK_ARGS adds command-line options (e.g. `--max-tokens 20000`; the targets are for the defaults);
 * SOAK_PROFILE=<dir> writes a CPU profile of the server there; SOAK_NODE_ARGS adds node options.
 */
async function startServerProcess(): Promise<{ child: ChildProcess; port: number; stats(): Promise<ServerStats> }> {
  if (!existsSync(new URL('dist/cli/main.js', ROOT))) throw new Error('dist/ is missing: run `npm run build` first (npm run soak does).');
  const profile = process.env.SOAK_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SOAK_PROFILE}`] : [];
  profile.push(...(process.env.SOAK_NODE_ARGS ?? '').split(/\s+/).filter(Boolean));
  const extra = (process.env.SOAK_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...profile, fileURLToPath(new URL('bin/oauth-doubles.js', ROOT)), '--port', '0', '--seed', '1', ...extra], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (found) resolve(Number(found[1]));
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening:\n${out}`)));
  });
  child.stdout!.resume();
  const stats = async (): Promise<ServerStats> => {
    const limits = (await (await fetch(`http://127.0.0.1:${port}/__admin/limits`)).json()) as { stores: StoreReport };
    return { rss: await procBytes(child.pid!, 'VmRSS'), peakRss: await procBytes(child.pid!, 'VmHWM'), stores: limits.stores };
  };
  return { child, port, stats };
}

const mb = (bytes: number): string => `${Math.round(bytes / 1048576)} MB`;
const ms = (v: number): string => `${v.toFixed(2)} ms`;

/** A ONEiO sender: a token, messages with it, a new token now and then; it keeps its last token for the final check. */
async function oneioWorker(conn: Connection, until: number, tally: Tally, held: Held): Promise<void> {
  const fetchToken = async (): Promise<string> => {
    const answer = await conn.request('POST', ONEIO_TOKEN, FORM, ONEIO_FORM);
    tally.add(answer, answer.status === 200, 'oneio token');
    return answer.status === 200 ? (JSON.parse(answer.body) as { access_token: string }).access_token : '';
  };
  let token = await fetchToken();
  for (let i = 1; performance.now() < until; i++) {
    const answer = await conn.request('POST', ONEIO_RECEIVER, { ...JSON_TYPE, authorization: `Bearer ${token}` }, JSON.stringify({ id: `m-${i}`, at: i }));
    tally.add(answer, answer.status === 200, 'oneio message');
    if (i % 200 === 0) token = await fetchToken();
  }
  held.oneio.push(token);
}

let octorateApiCalls = 0;
/** API calls of the one seeded application stay under its hourly quota (10,000 by default). */
const OCTORATE_API_BUDGET = 9_000;

/** An Octorate integration: a grant through the code flow, refreshes, API calls within the quota, apilogin now and then. */
async function octorateWorker(conn: Connection, until: number, tally: Tally, held: Held): Promise<void> {
  const grant = async (): Promise<{ access: string; refresh: string }> => {
    const approve = await conn.request('POST', '/__admin/providers/octorate/authorize', JSON_TYPE, JSON.stringify({ clientId: octorate.clientId, redirectUri: octorate.redirectUri, state: 's' }));
    tally.add(approve, approve.status === 200, 'octorate approve');
    const code = new URL((JSON.parse(approve.body) as { redirectUrl: string }).redirectUrl).searchParams.get('code') ?? '';
    const exchange = await conn.request('POST', `${OCTORATE_API}/identity/token`, FORM, form({ client_id: octorate.clientId, client_secret: octorate.clientSecret, redirect_uri: octorate.redirectUri, grant_type: 'code', code }));
    tally.add(exchange, exchange.status === 200, 'octorate code exchange');
    const body = JSON.parse(exchange.body) as { access_token: string; refresh_token: string };
    return { access: body.access_token, refresh: body.refresh_token };
  };
  let { access, refresh } = await grant();
  for (let i = 1; performance.now() < until; i++) {
    if (i % 5 === 0 && octorateApiCalls < OCTORATE_API_BUDGET) {
      octorateApiCalls++;
      const answer = await conn.request('GET', `${OCTORATE_API}/user/info`, { authorization: `Bearer ${access}` });
      tally.add(answer, answer.status === 200, 'octorate api');
    } else if (i % 50 === 0) {
      const answer = await conn.request('POST', `${OCTORATE_API}/identity/apilogin`, FORM, form({ client_id: octorate.clientId, client_secret: octorate.clientSecret }));
      tally.add(answer, answer.status === 200, 'octorate apilogin');
    } else if (i % 400 === 0) {
      ({ access, refresh } = await grant());
    } else {
      const answer = await conn.request('POST', `${OCTORATE_API}/identity/refresh`, FORM, form({ client_id: octorate.clientId, client_secret: octorate.clientSecret, refresh_token: refresh }));
      tally.add(answer, answer.status === 200, 'octorate refresh');
      if (answer.status === 200) access = (JSON.parse(answer.body) as { access_token: string }).access_token;
    }
  }
  held.octorate.push({ access, refresh });
}

interface Held {
  oneio: string[];
  octorate: { access: string; refresh: string }[];
}

/** `total` requests over `connections`, each made by `make(i)`; stops at the phase limit. */
async function bulk(port: number, connections: number, total: number, tally: Tally, make: (conn: Connection) => Promise<void>): Promise<{ done: number; seconds: number; cut: boolean }> {
  const started = performance.now();
  const deadline = started + PHASE_LIMIT_MS;
  let issued = 0;
  const conns = Array.from({ length: connections }, () => new Connection(port));
  await Promise.all(
    conns.map(async (conn) => {
      while (issued < total && performance.now() < deadline) {
        issued++;
        await make(conn);
      }
      conn.close();
    }),
  );
  return { done: tally.n, seconds: (performance.now() - started) / 1000, cut: tally.n < total };
}

const server = await startServerProcess();
const port = server.port;
const rss: Record<string, number> = { start: (await server.stats()).rss };
const lines: string[] = [];
const log = (line: string): void => {
  lines.push(line);
  console.log(line);
};
log(`oauth-doubles soak — node ${process.version}, ${availableParallelism()} CPUs, the package's bin (dist/) at its default limits in its own process, loopback`);

// 1. Mixed valid traffic.
const mixed = new Tally();
const held: Held = { oneio: [], octorate: [] };
const mixedUntil = performance.now() + MIXED_SECONDS * 1000;
const at10 = setTimeout(() => void server.stats().then((s) => (rss['10s'] = s.rss)), 10_000);
const mixedStarted = performance.now();
await Promise.all(
  Array.from({ length: CONNECTIONS }, (_, i) => {
    const conn = new Connection(port);
    const work = i % 2 === 0 ? oneioWorker(conn, mixedUntil, mixed, held) : octorateWorker(conn, mixedUntil, mixed, held);
    return work.finally(() => conn.close());
  }),
);
clearTimeout(at10);
rss['10s'] ??= (await server.stats()).rss;
rss.mixed = (await server.stats()).rss;
const mixedSeconds = (performance.now() - mixedStarted) / 1000;
log(`1. mixed traffic  ${MIXED_SECONDS} s × ${CONNECTIONS} conns: ${mixed.n.toLocaleString('en-US')} requests (${Math.round(mixed.n / mixedSeconds).toLocaleString('en-US')}/s), errors ${mixed.errors}, p50 ${ms(mixed.p(50))}, p99 ${ms(mixed.p(99))}`);

// 2. A million token requests, from a client of their own (a client fetching a token per call).
const floodSecret = 'soak-flood-secret-0123456789';
const admin = new Connection(port);
await admin.request('POST', '/__admin/clients', JSON_TYPE, JSON.stringify({ provider: 'oneio', environment: 'qa', clientId: 'soak-flood', clientSecret: floodSecret }));
const floodForm = form({ grant_type: 'client_credentials', client_id: 'soak-flood', client_secret: floodSecret });
const tokens = new Tally();
const tokenRun = await bulk(port, CONNECTIONS, TOKEN_REQUESTS, tokens, async (conn) => {
  const answer = await conn.request('POST', ONEIO_TOKEN, FORM, floodForm);
  tokens.add(answer, answer.status === 200, 'flood token');
});
rss.tokens = (await server.stats()).rss;
log(`2. token requests ${tokenRun.done.toLocaleString('en-US')}${tokenRun.cut ? ` (cut at ${PHASE_LIMIT_MS / 1000} s)` : ''} in ${tokenRun.seconds.toFixed(1)} s (${Math.round(tokenRun.done / tokenRun.seconds).toLocaleString('en-US')}/s), errors ${tokens.errors}, p50 ${ms(tokens.p(50))}, p99 ${ms(tokens.p(99))}`);

// 3. A million receiver messages with one token.
const floodToken = (JSON.parse((await admin.request('POST', ONEIO_TOKEN, FORM, floodForm)).body) as { access_token: string }).access_token;
const messages = new Tally();
let m = 0;
const messageRun = await bulk(port, CONNECTIONS, MESSAGES, messages, async (conn) => {
  const answer = await conn.request('POST', ONEIO_RECEIVER, { ...JSON_TYPE, authorization: `Bearer ${floodToken}` }, `{"id":"flood-${++m}","payload":{"n":${m},"text":"soak message"}}`);
  messages.add(answer, answer.status === 200, 'flood message');
});
rss.messages = (await server.stats()).rss;
log(`3. receiver msgs  ${messageRun.done.toLocaleString('en-US')}${messageRun.cut ? ` (cut at ${PHASE_LIMIT_MS / 1000} s)` : ''} in ${messageRun.seconds.toFixed(1)} s (${Math.round(messageRun.done / messageRun.seconds).toLocaleString('en-US')}/s), errors ${messages.errors}, p50 ${ms(messages.p(50))}, p99 ${ms(messages.p(99))}`);

/** Token requests on 16 connections until `done()` says stop. */
async function tokenLoad(tally: Tally, running: () => boolean): Promise<void> {
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      const conn = new Connection(port);
      while (running()) {
        const answer = await conn.request('POST', ONEIO_TOKEN, FORM, floodForm);
        tally.add(answer, answer.status === 200, 'token during read');
      }
      conn.close();
    }),
  );
}

// 4. Token requests while the whole journal (full, never read yet) is read page by page; the same load
// just before, without the read, is the reference on a machine whose noise is its own.
const before = new Tally();
const referenceUntil = performance.now() + 5000;
await tokenLoad(before, () => performance.now() < referenceUntil);
const during = new Tally();
let reading = true;
let pages = 0;
let entries = 0;
// A full read is the journal as it stood when the read began: the writers add entries meanwhile, and following
// `next` after them would measure an endless read instead.
const held0 = (await server.stats()).stores.journal.count;
const readStarted = performance.now();
const reader = (async () => {
  let after = 0;
  while (entries < held0) {
    const answer = await admin.request('GET', `/__admin/requests?limit=1000&after=${after}`);
    if (answer.status !== 200) throw new Error(`journal read answered ${answer.status}`);
    const page = JSON.parse(answer.body) as { requests: unknown[]; next: number | null };
    pages++;
    entries += page.requests.length;
    if (page.next === null) break;
    after = page.next;
  }
  reading = false;
})();
await Promise.all([reader, tokenLoad(during, () => reading)]);
const readSeconds = (performance.now() - readStarted) / 1000;
log(`4. journal read   ${entries.toLocaleString('en-US')} entries (the ${held0.toLocaleString('en-US')} it held when the read began) in ${pages} pages, ${readSeconds.toFixed(2)} s; meanwhile ${during.n.toLocaleString('en-US')} token requests, errors ${during.errors}, p50 ${ms(during.p(50))}, p99 ${ms(during.p(99))} (same load without the read, just before: p50 ${ms(before.p(50))}, p99 ${ms(before.p(99))})`);

// 5. Every token the mixed-traffic clients still hold works after the floods.
const check = new Tally();
for (const token of held.oneio) {
  const answer = await admin.request('POST', ONEIO_RECEIVER, { ...JSON_TYPE, authorization: `Bearer ${token}` }, '{"check":true}');
  check.add(answer, answer.status === 200, 'held ONEiO token');
}
for (const grant of held.octorate) {
  const api = await admin.request('GET', `${OCTORATE_API}/user/info`, { authorization: `Bearer ${grant.access}` });
  check.add(api, api.status === 200, 'held Octorate access token');
  const refresh = await admin.request('POST', `${OCTORATE_API}/identity/refresh`, FORM, form({ client_id: octorate.clientId, client_secret: octorate.clientSecret, refresh_token: grant.refresh }));
  check.add(refresh, refresh.status === 200, 'held Octorate refresh token');
}
admin.close();
const end = await server.stats();
rss.end = end.rss;
// V8 gives memory back once a process is idle; what a server holds then is its real footprint.
await new Promise((resolve) => setTimeout(resolve, 15_000));
rss.idle = (await server.stats()).rss;
log(`5. held tokens    ${check.n} checked (${held.oneio.length} ONEiO access, ${held.octorate.length} Octorate access + refresh): refused ${check.errors}, of which dropped ${check.forgotten}`);

const all = [mixed, tokens, messages, before, during, check];
const errors = all.reduce((n, t) => n + t.errors, 0);
const forgotten = all.reduce((n, t) => n + t.forgotten, 0);
const droppedLive = Object.values(end.stores.tokens.partitions).reduce((n, p) => n + p.droppedLive, 0);
const pass = (ok: boolean): string => (ok ? 'PASS' : 'SHORT');
log(`RSS              start ${mb(rss.start!)}, 10 s ${mb(rss['10s']!)}, after mixed ${mb(rss.mixed!)}, after tokens ${mb(rss.tokens!)}, after messages ${mb(rss.messages!)}, end ${mb(rss.end!)}, end + 15 s idle ${mb(rss.idle!)}`);
log(`peak RSS         ${mb(end.peakRss)}`);
log(`stores at end    tokens ${JSON.stringify(end.stores.tokens.partitions)}; journal ${end.stores.journal.count} (${mb(end.stores.journal.bytes)}, dropped ${end.stores.journal.dropped.toLocaleString('en-US')}); inboxes ${JSON.stringify(end.stores.inbox.inboxes)}`);
log(`errors           ${errors}  target ${TARGETS.errors}  ${pass(errors <= TARGETS.errors)}`);
log(`live tokens forgotten (a client's next use refused) ${forgotten}  target ${TARGETS.forgotten}  ${pass(forgotten <= TARGETS.forgotten)}   (valid tokens dropped at the limit, never used again, each remembered as dropped: ${droppedLive.toLocaleString('en-US')})`);
log(`RSS at end       ${mb(rss.end!)}  target ≤ ${TARGETS.rssEndMb} MB  ${pass(rss.end! <= TARGETS.rssEndMb * 1048576)}   (15 s later, idle: ${mb(rss.idle!)})`);
log(`p99 during read  ${ms(during.p(99))}  target ≤ ${TARGETS.journalReadP99Ms} ms  ${pass(during.p(99) <= TARGETS.journalReadP99Ms)}`);
log(`                 (p99 of the same load without a read: ${ms(before.p(99))}; the machine's own noise)`);
for (const line of all.flatMap((t) => t.firstErrors)) log(`  first errors: ${line}`);

server.child.kill('SIGTERM');
const dir = new URL('./results/', import.meta.url);
await mkdir(dir, { recursive: true });
await writeFile(new URL('soak.json', dir), `${JSON.stringify({ at: new Date().toISOString(), node: process.version, lines, rss, stores: end.stores }, null, 2)}\n`);
console.log('results: bench/results/soak.json');
