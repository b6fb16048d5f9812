// Property-based fuzzing of every endpoint of every provider and of the admin API, over the HTTP server.
import fc from 'fast-check';
import { DoubleError, type DoubleErrorCode } from '../../core/errors.ts';
import type { Harness } from '../../core/harness.ts';
import type { HostDefinition } from '../../core/provider.ts';
import { createHarness } from '../../index.ts';
import { approveAuthorization, connectionSettings } from '../../providers/octorate/index.ts';
import { adminApp } from '../../server/admin.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';

/** One place requests are aimed at: a host's route (or the admin API's), with the methods it declares. */
export interface Endpoint {
  name: string;
  /** '' for the admin API. */
  host: string;
  path: string;
  methods: string[];
  /** Allowed shapes of an error answer (`application/json {error,error_description}`, `text/html`). */
  shapes: Set<string>;
}

export interface FuzzFinding {
  endpoint: string;
  request: string;
  problem: string;
}

export interface FuzzReport {
  seed: number;
  endpoints: number;
  requests: number;
  statuses: Record<string, number>;
  serverErrors: number;
  findings: FuzzFinding[];
  healthyAfter: boolean;
  ms: number;
}

const ALL_CODES: DoubleErrorCode[] = [
  'invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope', 'invalid_token',
  'missing_token', 'insufficient_scope', 'access_denied', 'wrong_environment', 'unsupported_media_type', 'payload_too_large', 'rate_limited',
  'quota_exceeded', 'temporarily_unavailable', 'not_found', 'method_not_allowed', 'server_error',
];

/** `media {sorted,json,keys}`, `media` for non-JSON bodies, `empty`. */
function shapeOf(contentType: string | null, text: string): string {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (text === '') return 'empty';
  if (media.endsWith('json')) {
    try {
      const value = JSON.parse(text) as unknown;
      return value && typeof value === 'object' && !Array.isArray(value) ? `${media} {${Object.keys(value).sort().join(',')}}` : `${media} ${typeof value}`;
    } catch {
      return `${media} (unparsable)`;
    }
  }
  return media;
}

/** Endpoints discovered from the providers' own routes and the admin API's: a new provider is fuzzed without a line here. */
export async function discoverEndpoints(harness: Harness): Promise<Endpoint[]> {
  const endpoints: Endpoint[] = [];
  for (const host of harness.hosts) {
    const provider = harness.providers.find((p) => p.id === host.provider)!;
    const shapes = new Set<string>();
    for (const code of ALL_CODES) {
      const response = provider.renderError(new DoubleError(code, 'sample', { retryAfter: 1, allow: ['GET'] }), host, harness.context(provider.id));
      shapes.add(shapeOf(response.headers.get('content-type'), await response.text()));
    }
    const routes = provider.createApp(harness.context(provider.id), host).routes.filter((r) => !r.path.includes('*'));
    for (const path of new Set(routes.map((r) => r.path))) {
      const methods = [...new Set(routes.filter((r) => r.path === path && r.method !== 'ALL').map((r) => r.method))];
      endpoints.push({ name: `${provider.id} ${host.host}${path}`, host: host.host, path, methods: methods.length ? methods : ['GET'], shapes });
    }
  }
  const adminRoutes = adminApp(harness).routes.filter((r) => !r.path.includes('*'));
  for (const path of new Set(adminRoutes.map((r) => r.path))) {
    const methods = [...new Set(adminRoutes.filter((r) => r.path === path && r.method !== 'ALL').map((r) => r.method))];
    endpoints.push({ name: `admin ${path}`, host: '', path, methods, shapes: new Set(['application/json {error,error_description}']) });
  }
  return endpoints;
}

/** Values a client might send, real ones included, so that fuzzing reaches past the first check. */
function dictionary(harness: Harness, extra: string[]): string[] {
  const clients = harness.clients.list();
  return [
    ...clients.flatMap((c) => [c.clientId, c.clientSecret, ...c.redirectUris]),
    ...extra,
    'client_credentials', 'authorization_code', 'code', 'refresh_token', 'approve', 'deny', 'oneio', 'octorate', 'qa', 'prod', 'sandbox', 'production',
    'slow-token', 'token-unavailable', 'rate-limited', '__proto__', 'constructor', 'NaN', '1e308', '-1', '0', '9007199254740993', '', ' ', '%00', '../..',
    'javascript:alert(1)', 'not a url', 'Bearer', '{}', '[]', 'null', 'true',
  ];
}

const FIELDS = [
  'grant_type', 'client_id', 'client_secret', 'code', 'redirect_uri', 'refresh_token', 'scope', 'state', 'decision', 'property', 'user', 'id',
  'seconds', 'at', 'name', 'provider', 'params', 'times', 'surfaces', 'environment', 'clientId', 'clientSecret', 'redirectUris', 'redirectUri',
  'propertyId', 'userEmail', 'delayMs', 'retryAfter', 'status', '__proto__', 'constructor', 'page', 'size', 'limit', 'after', 'startDate',
  'endDate', 'dateFrom', 'dateTo', 'type', 'product[]', 'name', 'accommodation',
];

const CONTENT_TYPES = [
  'application/x-www-form-urlencoded', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'multipart/form-data; boundary=xyz',
  'application/xml', 'APPLICATION/X-WWW-FORM-URLENCODED; charset=latin1', '', ';;', 'application/x-www-form-urlencoded, application/json',
];

interface FuzzRequest {
  method: string;
  pathParams: string[];
  query: Array<[string, string]>;
  contentType: string | null;
  authorization: string | null;
  body: string | null;
}

function requestArbitrary(endpoint: Endpoint, words: string[]): fc.Arbitrary<FuzzRequest> {
  const word = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...words) }, { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) }, fc.string({ maxLength: 300 }));
  const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FIELDS) }, fc.string({ maxLength: 12 }));
  const pairs = fc.array(fc.tuple(key, word), { maxLength: 8 });
  const form = pairs.map((p) => new URLSearchParams(p).toString());
  const json = fc.oneof(
    pairs.map((p) => JSON.stringify(Object.fromEntries(p.map(([k, v]) => [k, /^-?\d+(\.\d+)?(e\d+)?$/.test(v) ? Number(v) : v])))),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.integer({ min: 100, max: 6000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
    fc.constantFrom('{"seconds": 1e308}', '{"at": 1e308}', '{"seconds": 9007199254740993}', '{"name":"slow-token","params":{"__proto__":{"delayMs":1}}}', '{"a":1e999}'),
    // Each number field of the admin API with a value from the edges of JSON's range.
    fc.tuple(fc.constantFrom('seconds', 'at', 'times'), fc.constantFrom('1e308', '-1e308', '9007199254740993', '1e999', '-0', '0.5')).map(([k, v]) => `{"${k}": ${v}}`),
  );
  const body = fc.oneof({ weight: 3, arbitrary: form }, { weight: 3, arbitrary: json }, fc.string({ unit: 'binary', maxLength: 500 }), fc.constant(null), fc.integer({ min: 60_000, max: 70_000 }).map((n) => 'x'.repeat(n)));
  const params = (endpoint.path.match(/:[^/]+/g) ?? []).map(() => fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...words) }, fc.string({ maxLength: 30 })));
  return fc.record({
    method: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...endpoint.methods) }, fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS')),
    pathParams: fc.tuple(...params),
    query: fc.array(fc.tuple(key, word), { maxLength: 4 }),
    // Mostly what the endpoint takes, so that the values inside get checked, not just the media type.
    contentType: fc.oneof(
      { weight: 3, arbitrary: fc.constant(endpoint.host === '' ? 'application/json' : 'application/x-www-form-urlencoded') },
      { weight: 2, arbitrary: fc.constantFrom<string | null>(...CONTENT_TYPES) },
      fc.constant(null),
    ),
    authorization: fc.oneof(
      fc.constant(null),
      fc.constantFrom(...words).map((w) => `Bearer ${w}`),
      word.map((w) => `Basic ${Buffer.from(w).toString('base64')}`),
      word.map((w) => w.replace(/[\r\n\0]/g, '')),
    ),
    body,
  });
}

function toFetch(base: string, endpoint: Endpoint, r: FuzzRequest): { url: string; init: RequestInit } {
  let i = 0;
  const path = endpoint.path.replace(/:[^/]+/g, () => encodeURIComponent(r.pathParams[i++] ?? 'x'));
  const query = r.query.length ? `?${new URLSearchParams(r.query)}` : '';
  const headers = new Headers();
  if (r.contentType !== null) headers.set('content-type', r.contentType);
  // Only what a client can put on the wire: fetch refuses other header bytes before sending.
  if (r.authorization !== null) headers.set('authorization', r.authorization.replace(/[^\x20-\x7e]/g, '?').trim());
  const hasBody = r.body !== null && r.method !== 'GET' && r.method !== 'HEAD';
  return { url: `${base}${endpoint.host ? `/${endpoint.host}` : ''}${path}${query}`, init: { method: r.method, headers, body: hasBody ? r.body : undefined } };
}

async function validValues(harness: Harness): Promise<string[]> {
  const values: string[] = [];
  try {
    const conn = connectionSettings(harness);
    const location = await approveAuthorization(harness, { clientId: conn.clientId, redirectUri: conn.redirectUri, state: 's' });
    const code = new URL(location).searchParams.get('code')!;
    values.push(code);
    const res = await harness.fetch(
      new Request('https://api.octorate.com/connect/rest/v1/identity/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: conn.clientId, client_secret: conn.clientSecret, redirect_uri: conn.redirectUri, grant_type: 'code', code }),
      }),
    );
    const tokens = (await res.json()) as { access_token?: string; refresh_token?: string };
    if (tokens.access_token) values.push(tokens.access_token);
    if (tokens.refresh_token) values.push(tokens.refresh_token);
  } catch {
    // Fuzzing goes on with random values only.
  }
  return values;
}

export interface FuzzOptions {
  /** Requests per endpoint. */
  runs: number;
  seed?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Progress lines. */
  log?: (line: string) => void;
  /** 'http' sends every request over loopback; 'in-process' hands it to the same server's handler (several times faster). */
  transport?: 'http' | 'in-process';
}

/** Fuzzes every endpoint over a fresh server on loopback: the admin API first (it moves the clock, registers clients), then every provider. */
export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const seed = options.seed ?? 1;
  const harness = createHarness({ seed: 5 });
  const server: RunningServer = await startServer({ harness, port: 0 });
  const findings: FuzzFinding[] = [];
  const statuses: Record<string, number> = {};
  let requests = 0;
  let serverErrors = 0;
  try {
    const endpoints = (await discoverEndpoints(harness)).sort((a, b) => Number(a.host !== '') - Number(b.host !== ''));
    const words = dictionary(harness, await validValues(harness));
    for (const [index, endpoint] of endpoints.entries()) {
      const endpointStarted = performance.now();
      // A page for people (an authorisation or consent page) shows its refusals as HTML pages, as the real
      // one does: what a bare GET of the endpoint answers is part of its shape.
      if (endpoint.host !== '' && !endpoint.path.includes(':')) {
        const probe = await fetch(`${server.url}/${endpoint.host}${endpoint.path}`);
        const media = shapeOf(probe.headers.get('content-type'), await probe.text());
        if (media === 'text/html') endpoint.shapes.add(media);
      }
      const samples = fc.sample(requestArbitrary(endpoint, words), { numRuns: options.runs, seed: seed + index });
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < samples.length) {
          const sample = samples[next++]!;
          const { url, init } = toFetch(server.url, endpoint, sample);
          const label = `${init.method} ${url.slice(server.url.length, server.url.length + 160)} ct=${sample.contentType} body=${(sample.body ?? '').slice(0, 80)}`;
          requests++;
          let response: Response;
          try {
            if (options.transport === 'in-process') {
              const headers = new Headers(init.headers);
              headers.set('host', new URL(url).host);
              response = await server.handle(new Request(url, { ...init, headers }));
            } else {
              response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
            }
          } catch (error) {
            findings.push({ endpoint: endpoint.name, request: label, problem: `no answer: ${(error as Error).message} ${String(((error as Error).cause as Error | undefined)?.message ?? "")}` });
            continue;
          }
          const text = await response.text();
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          if (response.status >= 500) {
            serverErrors++;
            findings.push({ endpoint: endpoint.name, request: label, problem: `${response.status} ${text.slice(0, 200)}` });
          } else if (response.status >= 400 && init.method !== 'HEAD') {
            const shape = shapeOf(response.headers.get('content-type'), text);
            if (!endpoint.shapes.has(shape)) findings.push({ endpoint: endpoint.name, request: label, problem: `error not in the provider's shape: ${response.status} ${shape}` });
          }
        }
      };
      await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
      // Scenarios the admin API switched on (a slow answer, an outage) would change what the next endpoint
      // may answer; they go. The clock and the registered clients stay wherever the fuzzing left them: the
      // providers must answer well at any time the clock accepts.
      harness.scenarios.clear();
      options.log?.(`${endpoint.name}: ${samples.length} requests, ${Math.round(performance.now() - endpointStarted)} ms`);
    }
    return { seed, endpoints: endpoints.length, requests, statuses, serverErrors, findings, healthyAfter: await healthy(harness, server), ms: performance.now() - started };
  } finally {
    await server.close();
  }
}

/** A real token request and the admin reads still answer as they should. */
async function healthy(harness: Harness, server: RunningServer): Promise<boolean> {
  harness.reset();
  const qa = harness.credentials('oneio', 'qa');
  const token = await fetch(`${server.url}/receiver-authz-test.service-flow.com/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: qa.clientId, client_secret: qa.clientSecret }),
  });
  const journal = await fetch(`${server.url}/__admin/requests?limit=1000`);
  const clock = await fetch(`${server.url}/__admin/clock`);
  return token.status === 200 && journal.status === 200 && clock.status === 200;
}
