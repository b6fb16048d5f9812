// One harness instance: injected clock and stores, every provider's app behind one host-routing Hono app.
import type { Faker } from '@faker-js/faker';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createScenarioSet } from './scenario-set.ts';
import type { ScenarioDefinition, ScenarioSet } from './scenario.ts';
import { createClientRegistry, type ClientInput, type ClientRecord, type ClientRegistry } from './clients.ts';
import { createClock, type Clock, type ClockOptions } from './clock.ts';
import { asDoubleError, DoubleError } from './errors.ts';
import { hostRoute, realUrl } from './host-path.ts';
import { createJournal, type Journal, type JournalStats } from './journal.ts';
import { resolveLimits, type HarnessLimits, type LimitsInput } from './limits.ts';
import { observe } from './observe.ts';
import { checkQuirkOverrides } from './quirk-overrides.ts';
import type { HarnessEnv, HostDefinition, ProviderContext, ProviderDefinition, TransportInfo } from './provider.ts';
import { seededFaker } from './random.ts';
import { createRedactor, type Redactor } from './redact.ts';
import { createCodeStore, type CodeStore } from './state/codes.ts';
import type { StoreStats } from './state/bounded.ts';
import { createInboxStore, type InboxMessage, type InboxStats, type InboxStore } from './state/inbox.ts';
import { createTokenStore, type TokenStore } from './state/tokens.ts';

export interface HarnessOptions {
  /** Providers to emulate. */
  providers: ProviderDefinition<any>[];
  /** Seed for test credentials, tokens and fake data (default 1). */
  seed?: number;
  /** A clock to share, or options for a new one (default: real time, following fake timers). */
  clock?: Clock | ClockOptions;
  /** Per-provider quirk overrides, e.g. `{ octorate: { codeLifetimeSeconds: 180 } }`. */
  quirks?: Record<string, object>;
  /** Clients to register besides the seeded test clients (they survive `reset`). */
  clients?: ClientInput[];
  /** Largest request body accepted, in bytes (default 64 KiB). */
  bodyLimitBytes?: number;
  /** Store limits in count and bytes (tokens and codes per provider, inboxes per environment, the journal); see DEFAULT_LIMITS. */
  limits?: LimitsInput;
}

/** Each store's limit, size and drops: what `GET /__admin/limits` shows. */
export interface StoreReport {
  tokens: StoreStats;
  codes: StoreStats;
  inbox: InboxStats;
  journal: JournalStats;
}

/** What a transport may hand the harness with a request: node's raw headers, to size them without iterating `Headers`. */
export interface TransportEnv extends TransportInfo {
  incoming?: { rawHeaders?: readonly string[] };
}

export interface Harness {
  readonly seed: number;
  readonly clock: Clock;
  readonly scenarios: ScenarioSet;
  readonly journal: Journal;
  readonly clients: ClientRegistry;
  readonly tokens: TokenStore;
  readonly codes: CodeStore;
  readonly inboxes: InboxStore;
  readonly providers: readonly ProviderDefinition<any>[];
  readonly hosts: readonly (HostDefinition & { provider: string })[];
  /** The limits in force. */
  readonly limits: HarnessLimits;
  /** Each store's size and drops against its limit. */
  stores(): StoreReport;
  /** Answers a request for any emulated host: `https://<host>/…` or `http://…/<host>/…`. */
  fetch(request: Request, env?: TransportEnv): Promise<Response>;
  /** The seeded test client of a provider environment. */
  credentials(provider: string, environment: string): ClientRecord;
  /** Messages a provider's receiver accepted in one environment, in order. */
  inbox(provider: string, environment: string): InboxMessage[];
  /** The live context of a provider (its stores, quirks and random stream), for provider-level helpers. */
  context<Q extends object = object>(provider: string): ProviderContext<Q>;
  /** Back to the state just after creation: stores, journal, scenarios and clock; config clients stay. */
  reset(): void;
  /** Stops every provider's background work (webhook retries…); the harness still answers requests. */
  close(): void;
}

/** No error message echoes a token, a code or a piece of a secret (say, a field name cut out of an unencoded secret). */
function withoutSecrets(error: DoubleError, redactor: Redactor): DoubleError {
  const description = redactor.text(error.description);
  return description === error.description ? error : new DoubleError(error.code, description, error.details, error.cause);
}

const isClock = (value: Clock | ClockOptions | undefined): value is Clock =>
  typeof value === 'object' && typeof (value as Clock).now === 'function';

export function createHarness(options: HarnessOptions): Harness {
  const seed = options.seed ?? 1;
  const clock = isClock(options.clock) ? options.clock : createClock(options.clock);
  const limits = resolveLimits(options.limits);
  const journal = createJournal(limits.journal);
  const clients = createClientRegistry();
  const tokens = createTokenStore({ limit: limits.tokens, now: () => clock.now() });
  const codes = createCodeStore({ limit: limits.codes, now: () => clock.now() });
  const inboxes = createInboxStore({ limit: limits.inbox });
  // Every registered secret and every issued token or code, held or dropped: fingerprinted wherever it shows up.
  const redactor: Redactor = createRedactor(undefined, (text) => clients.isSecret(text) || tokens.issued(text) || codes.issued(text));
  const catalogue = new Map<string, ScenarioDefinition[]>(options.providers.map((p) => [p.id, p.scenarios]));
  const scenarios = createScenarioSet(catalogue, clock);
  const maxSize = options.bodyLimitBytes ?? 64 * 1024;

  const contexts = new Map<string, ProviderContext<any>>();
  for (const provider of options.providers) {
    checkQuirkOverrides(provider, options.quirks?.[provider.id]);
    const quirks = { ...provider.quirks, ...(options.quirks?.[provider.id] ?? {}) };
    contexts.set(provider.id, {
      provider,
      quirks,
      clock,
      clients,
      tokens,
      codes,
      inbox: inboxes,
      scenarios,
      redactor,
      random: seededFaker(seed, provider.id),
      state: new Map(),
    });
  }

  const disposeAll = (): void => {
    for (const provider of options.providers) provider.dispose?.(contexts.get(provider.id)!);
  };
  const seedAll = (): void => {
    for (const provider of options.providers) {
      const ctx = contexts.get(provider.id)!;
      ctx.random = seededFaker(seed, provider.id);
      ctx.state.clear();
      const testRandom: Faker = seededFaker(seed, `${provider.id}/clients`);
      for (const client of provider.testClients(testRandom, ctx.quirks)) clients.register(client, 'seed');
      provider.seedState?.(ctx);
    }
    for (const client of options.clients ?? []) clients.register(client, 'config');
  };
  seedAll();

  const hosts = options.providers.flatMap((p) => p.hosts.map((h) => ({ ...h, provider: p.id })));
  const known = new Set(hosts.map((h) => h.host));
  const byHost = new Map(hosts.map((h) => [h.host, h]));
  const providerOf = new Map(options.providers.map((p) => [p.id, p]));

  const root = new Hono<HarnessEnv>({ getPath: (req) => hostRoute(req.url, known).routingPath });

  for (const host of hosts) {
    const provider = providerOf.get(host.provider)!;
    const ctx = contexts.get(provider.id)!;
    const render = (error: unknown, c?: Context<HarnessEnv>): Response => {
      const typed = withoutSecrets(asDoubleError(error), redactor);
      if (c) {
        c.set('errorCode', typed.code);
        if (provider.errorType) c.set('errorType', provider.errorType(typed));
      }
      try {
        return provider.renderError(typed, host, ctx);
      } catch {
        return Response.json({ error: 'server_error' }, { status: 500 });
      }
    };
    const sub = new Hono<HarnessEnv>();
    sub.use(async (c, next) => {
      const route = hostRoute(c.req.url, known);
      c.set('host', host);
      c.set('localBase', route.localBase);
      c.set('realUrl', realUrl(c.req.url, route));
      c.set('linkBase', route.localBase === '' ? `https://${host.host}` : `${c.env?.localOrigin ?? new URL(c.req.url).origin}${route.localBase}`);
      await next();
    });
    sub.use(observe({ provider: provider.id, host, clock, journal, tokens, clients, redactor }));
    const tooLarge = (c: Context<HarnessEnv>): Response => {
      c.set('bodyTooLarge', true);
      return render(new DoubleError('payload_too_large', `The request body is larger than ${maxSize} bytes.`), c);
    };
    const streamingLimit = bodyLimit({ maxSize, onError: tooLarge });
    sub.use(async (c, next) => {
      // With a Content-Length the size is known up front, and the body can be read the adapter's fast
      // way; only a chunked body needs hono's streaming limit (measured: +50% requests/s on the server).
      const length = c.req.header('content-length');
      if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streamingLimit(c, next);
      if (Number(length) > maxSize) return tooLarge(c);
      await next();
    });
    sub.use(async (c, next) => {
      c.set('bodyText', await c.req.text());
      const answer = await scenarios.intercept(provider.id, host, c.req.raw);
      if (answer) {
        c.set('answeredBy', answer.by);
        if (answer.response) return answer.response;
        throw answer.error;
      }
      await next();
    });
    sub.route('/', provider.createApp(ctx, host));
    sub.onError((error, c) => render(error, c));
    root.route(`/${host.host}`, sub);
  }

  root.notFound((c) => {
    const host = byHost.get(hostRoute(c.req.url, known).host);
    if (!host) {
      return c.json(
        { error: 'unknown_host', error_description: `No emulated provider answers on this host. Known hosts: ${[...known].join(', ')}.` },
        404,
      );
    }
    return providerOf.get(host.provider)!.renderError(new DoubleError('not_found', `No such path on ${host.host}.`), host, contexts.get(host.provider)!);
  });
  root.onError(() => Response.json({ error: 'server_error' }, { status: 500 }));

  return {
    seed,
    clock,
    scenarios,
    journal,
    clients,
    tokens,
    codes,
    inboxes,
    providers: options.providers,
    hosts,
    limits,
    stores: () => ({ tokens: tokens.stats(), codes: codes.stats(), inbox: inboxes.stats(), journal: journal.stats() }),
    fetch: async (request, env) => root.fetch(request, env ?? {}),
    credentials: (provider, environment) => clients.testClient(provider, environment),
    inbox: (provider, environment) => inboxes.messages(provider, environment),
    context<Q extends object>(provider: string) {
      const ctx = contexts.get(provider);
      if (!ctx) throw new Error(`No provider "${provider}" in this harness.`);
      return ctx as ProviderContext<Q>;
    },
    reset() {
      disposeAll();
      journal.clear(true);
      tokens.clear();
      codes.clear();
      inboxes.clear();
      scenarios.clear();
      clock.reset();
      clients.resetTo([]);
      seedAll();
    },
    close: disposeAll,
  };
}
