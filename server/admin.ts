// The admin API under /__admin/: credentials, clock, scenarios, journal, inboxes and reset, as JSON.
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { Harness } from '../core/harness.ts';
import { CLOCK_MAX_MS, CLOCK_MIN_MS } from '../core/clock.ts';
import { isDoubleError } from '../core/errors.ts';
import type { JournalPage } from '../core/journal.ts';
import type { InboxPage } from '../core/state/inbox.ts';
import { lazySchema, loadZod } from '../core/zod.ts';
import { clientInputSchema } from './client-schema.ts';
import { clientView } from './client-view.ts';
import { pagedJson, pageRequest } from './paged.ts';

// The clock's range is 1970–9999; a step may cross all of it, never more (the clock refuses what would leave it).
const CLOCK_SPAN_SECONDS = Math.ceil((CLOCK_MAX_MS - CLOCK_MIN_MS) / 1000);
const ClientBody = lazySchema(clientInputSchema);
const AdvanceBody = lazySchema((z) => z.strictObject({ seconds: z.number().min(-CLOCK_SPAN_SECONDS).max(CLOCK_SPAN_SECONDS) }));
const ClockSetBody = lazySchema((z) => z.strictObject({ at: z.union([z.number().min(CLOCK_MIN_MS).max(CLOCK_MAX_MS), z.iso.datetime({ offset: true })]) }));
const ScenarioBody = lazySchema((z) =>
  z.strictObject({
    name: z.string().min(1),
    provider: z.string().optional(),
    // Passed on as parsed: a record schema would copy the keys and let `__proto__` set a prototype unseen.
    // The scenario set checks every key and value (core/scenario-set.ts).
    params: z.custom<Record<string, unknown>>().optional(),
    surfaces: z.array(z.string()).optional(),
    times: z.number().int().positive().optional(),
  }),
);

const problem = (c: Context, status: 400 | 404, description: string) =>
  c.json({ error: status === 404 ? 'not_found' : 'invalid_request', error_description: description }, status);

async function jsonBody<T>(c: Context, schema: () => Promise<z.ZodType<T>>): Promise<T | Response> {
  let raw: unknown;
  try {
    const text = await c.req.text();
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return problem(c, 400, 'The body must be JSON.');
  }
  const parsed = (await schema()).safeParse(raw);
  if (!parsed.success) return problem(c, 400, (await loadZod()).prettifyError(parsed.error));
  return parsed.data;
}

const clockView = (harness: Harness) => ({
  now: new Date(harness.clock.now()).toISOString(),
  epochMs: harness.clock.now(),
  offsetSeconds: harness.clock.offsetMs() / 1000,
});

/** Valid tokens dropped at a store limit, per provider: each one's next use was or will be refused as such. */
function droppedTokens(harness: Harness): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [provider, p] of Object.entries(harness.tokens.stats().partitions)) if (p.droppedLive > 0) out[provider] = p.droppedLive;
  return out;
}

export function adminApp(harness: Harness): Hono {
  const app = new Hono().basePath('/__admin');
  const providerIds = new Set(harness.providers.map((p) => p.id));

  app.get('/', (c) =>
    c.json({
      endpoints: [
        'GET /__admin/clients',
        'POST /__admin/clients',
        'GET /__admin/clock',
        'POST /__admin/clock/advance {"seconds": N}',
        'POST /__admin/clock/set {"at": "<ISO time>" | epochMs}',
        'GET /__admin/scenarios',
        'POST /__admin/scenarios {"name", "provider"?, "params"?, "surfaces"?, "times"?}',
        'DELETE /__admin/scenarios[/:name]',
        'GET /__admin/requests[?provider&environment&surface&host&method&path&limit&after]',
        'DELETE /__admin/requests',
        'GET /__admin/inboxes/:provider/:environment[?limit&after]',
        'DELETE /__admin/inboxes/:provider/:environment',
        'POST /__admin/reset',
        'GET /__admin/limits',
        ...harness.providers.filter((p) => p.adminRoutes).map((p) => `/__admin/providers/${p.id}/… (${p.title} extras)`),
      ],
    }),
  );

  app.get('/clients', (c) => c.json(harness.clients.list(c.req.query('provider')).map(clientView)));
  app.post('/clients', async (c) => {
    const body = await jsonBody(c, ClientBody);
    if (body instanceof Response) return body;
    if (!providerIds.has(body.provider)) return problem(c, 400, `Unknown provider "${body.provider}".`);
    return c.json(clientView(harness.clients.register(body, 'admin')), 201);
  });

  app.get('/clock', (c) => c.json(clockView(harness)));
  app.post('/clock/advance', async (c) => {
    const body = await jsonBody(c, AdvanceBody);
    if (body instanceof Response) return body;
    try {
      harness.clock.advance(body.seconds);
    } catch (error) {
      return problem(c, 400, `"seconds": ${(error as Error).message}.`);
    }
    return c.json(clockView(harness));
  });
  app.post('/clock/set', async (c) => {
    const body = await jsonBody(c, ClockSetBody);
    if (body instanceof Response) return body;
    try {
      harness.clock.set(typeof body.at === 'number' ? body.at : new Date(body.at));
    } catch (error) {
      return problem(c, 400, `"at": ${(error as Error).message}.`);
    }
    return c.json(clockView(harness));
  });

  app.get('/scenarios', (c) => c.json({ active: harness.scenarios.active(), available: harness.scenarios.available() }));
  app.post('/scenarios', async (c) => {
    const body = await jsonBody(c, ScenarioBody);
    if (body instanceof Response) return body;
    try {
      const { name, ...options } = body;
      return c.json({ applied: harness.scenarios.apply(name, options) }, 201);
    } catch (error) {
      if (isDoubleError(error)) return problem(c, 400, error.description);
      throw error;
    }
  });
  app.delete('/scenarios', (c) => {
    harness.scenarios.clear(undefined, c.req.query('provider'));
    return c.json({ active: harness.scenarios.active() });
  });
  app.delete('/scenarios/:name', (c) => {
    harness.scenarios.clear(c.req.param('name'), c.req.query('provider'));
    return c.json({ active: harness.scenarios.active() });
  });

  // Paged (`limit`, `after`): a read costs its page, and a large one yields to other requests as it goes.
  app.get('/requests', async (c) => {
    const page = pageRequest(c);
    if (typeof page === 'string') return problem(c, 400, page);
    const { provider, environment, surface, path, host, method } = c.req.query();
    const query = { provider, environment, surface, path, host, method };
    let last: JournalPage | undefined;
    return pagedJson(
      c,
      'requests',
      page,
      (after, limit) => {
        last = harness.journal.page(query, { after, limit });
        return { items: last.requests, next: last.next };
      },
      () => ({ dropped: last?.dropped ?? 0, ...(last?.notice ? { notice: last.notice } : {}), droppedTokens: droppedTokens(harness) }),
    );
  });
  app.delete('/requests', (c) => {
    harness.journal.clear();
    return c.body(null, 204);
  });

  app.get('/inboxes/:provider/:environment', async (c) => {
    const page = pageRequest(c);
    if (typeof page === 'string') return problem(c, 400, page);
    const [provider, environment] = [c.req.param('provider'), c.req.param('environment')];
    let last: InboxPage | undefined;
    return pagedJson(
      c,
      'messages',
      page,
      (after, limit) => {
        last = harness.inboxes.page(provider, environment, { after, limit });
        return { items: last.messages, next: last.next };
      },
      () => ({ dropped: last?.dropped ?? 0, ...(last?.notice ? { notice: last.notice } : {}) }),
    );
  });
  app.delete('/inboxes/:provider/:environment', (c) => {
    harness.inboxes.clear(c.req.param('provider'), c.req.param('environment'));
    return c.body(null, 204);
  });

  app.get('/limits', (c) => c.json({ limits: harness.limits, stores: harness.stores() }));

  app.post('/reset', (c) => {
    harness.reset();
    return c.json({ reset: true, clock: clockView(harness) });
  });

  for (const provider of harness.providers) {
    if (provider.adminRoutes) app.route(`/providers/${provider.id}`, provider.adminRoutes(harness.context(provider.id), harness));
  }

  app.notFound((c) => problem(c, 404, `No admin endpoint ${c.req.method} ${new URL(c.req.url).pathname}; see GET /__admin.`));
  app.onError((_error, c) => c.json({ error: 'server_error', error_description: 'The admin API failed.' }, 500));
  return app;
}
