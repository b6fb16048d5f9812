// One check's way in to a fresh harness — MSW on the real URLs or the HTTP server on loopback — behind a tap that counts, caps and watches.
import { setupServer, type SetupServer } from 'msw/node';
import type { Harness } from '../core/harness.ts';
import type { JournalEntry } from '../core/journal.ts';
import { mswHandlers } from '../mocks/handlers.ts';
import { startServer, type RunningServer } from '../server/serve.ts';
import type { Activity } from './activity.ts';
import type { RequestAnswer, Transport } from './types.ts';

export interface CheckTransport {
  readonly kind: Transport;
  /** The URL a client uses for a real host and path under this transport. */
  url(host: string, path?: string): string;
  /** Requests that reached the provider. */
  readonly answered: number;
  /** `METHOD https://host/path` of requests sent straight to a real provider host under the HTTP transport. */
  readonly direct: readonly string[];
  onAnswered(hook: (entry: JournalEntry) => void): void;
  /** When the provider answered a journal entry (clock ms), and whether the client had given up on it by then. */
  answer(seq: number): RequestAnswer | undefined;
  /** Stops intercepting. A transport holding a looping client's requests keeps them hanging until `release`. */
  close(): Promise<void>;
  /** Frees what `close` kept (the HTTP server of a stopped client). */
  release(): Promise<void>;
}

const hang = (): Promise<Response> => new Promise<Response>(() => undefined);

function requestTarget(input: RequestInfo | URL, init?: RequestInit): { url: URL; method: string } | undefined {
  try {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return { url, method: (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase() };
  } catch {
    return undefined;
  }
}

/**
 * Every request goes through `tap`: it marks the request in flight (so virtual time waits for it),
 * reports journal entries to the check's hooks, and past `maxRequests` stops answering: the looping
 * client's request hangs (a hung request ends a loop; an error would feed it) and the check is told to stop.
 */
export async function openTransport(kind: Transport, harness: Harness, activity: Activity, maxRequests: number): Promise<CheckTransport> {
  let answered = 0;
  let closed = false;
  let tarpitted = false;
  let lastSeq = harness.journal.entries().at(-1)?.seq ?? 0;
  const hooks: Array<(entry: JournalEntry) => void> = [];
  const direct: string[] = [];
  const answers = new Map<number, RequestAnswer>();

  const tap = async (request: Request): Promise<Response> => {
    if (closed || activity.stopped) return hang();
    if (answered >= maxRequests) {
      tarpitted = true;
      activity.stop({ reason: 'request-limit', message: `stopped by the runner after ${maxRequests} requests in one check` });
      return hang();
    }
    answered++;
    const end = activity.begin('provider');
    try {
      const response = await harness.fetch(request);
      const answer: RequestAnswer = { at: harness.clock.now(), abandoned: request.signal.aborted };
      for (const entry of harness.journal.entries()) {
        if (entry.seq <= lastSeq) continue;
        lastSeq = entry.seq;
        answers.set(entry.seq, answer);
        for (const hook of hooks) hook(entry);
      }
      return response;
    } finally {
      end();
    }
  };
  const routed: Harness = Object.assign(Object.create(harness) as Harness, { fetch: tap });

  let msw: SetupServer | undefined;
  let http: RunningServer | undefined;
  if (kind === 'msw') {
    msw = setupServer(...mswHandlers(routed));
    msw.listen({ onUnhandledFrame: 'error' });
  } else {
    http = await startServer({ harness: routed, port: 0 });
  }

  // Wraps whatever fetch is global now (MSW's, under MSW): requests in flight on the client's side count
  // as activity too, and under HTTP a request to a real provider host is answered in-process, never sent out.
  const realHosts = new Set(harness.hosts.map((h) => h.host));
  const previousFetch = globalThis.fetch;
  const contractFetch: typeof fetch = async (input, init) => {
    const end = activity.begin('client');
    try {
      const target = kind === 'http' ? requestTarget(input, init) : undefined;
      if (target && target.url.protocol === 'https:' && realHosts.has(target.url.hostname)) {
        direct.push(`${target.method} ${target.url.origin}${target.url.pathname}`);
        return await tap(new Request(input, init));
      }
      return await previousFetch(input, init);
    } finally {
      end();
    }
  };
  globalThis.fetch = contractFetch;
  const localBase = http ? http.url : undefined;

  return {
    kind,
    url: (host, path = '') => (localBase ? `${localBase}/${host}${path}` : `https://${host}${path}`),
    get answered() {
      return answered;
    },
    direct,
    onAnswered: (hook) => {
      hooks.push(hook);
    },
    answer: (seq) => answers.get(seq),
    async close() {
      closed = true;
      if (globalThis.fetch === contractFetch) globalThis.fetch = previousFetch;
      msw?.close();
      if (http && !tarpitted) {
        await http.close();
        http = undefined;
      }
    },
    async release() {
      await http?.close();
      http = undefined;
    },
  };
}
