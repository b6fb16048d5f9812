// Deliberately broken Ochno clients for the suite's own tests: a plain client with one switch per real-world bug.
// With no switch on it passes every check, so each broken client differs from a good one by its bug alone.
import { createHash, randomBytes } from 'node:crypto';
import type { BrokenClient } from '../test-support/broken.ts';
import { defineAdapter } from '../types.ts';
import type { OchnoAdapter, OchnoOperations, OchnoSettings } from './settings.ts';

export interface Bugs {
  /** token-form: the token request as JSON, or as a hand-built string that does not encode the secret. */
  tokenBody?: 'json' | 'concatenated' | 'basic-auth';
  /** scopes: joins the scopes with commas / asks for every documented scope. */
  scope?: 'comma' | 'everything';
  /** pkce-code-verifier: no PKCE / the verifier as RFC 7636's code_verifier. */
  pkce?: 'none' | 'snake-case';
  /** state-csrf: never checks the state. */
  uncheckedState?: boolean;
  /** refresh-redirect-uri: refreshes without redirect_uri, as RFC 6749 §6 has it. */
  refreshWithoutRedirectUri?: boolean;
  /** refresh-rotation: keeps the first refresh token and ignores the rotated ones. */
  keepFirstRefreshToken?: boolean;
  /** token-expiry: reads only expires_in and assumes an hour without it. */
  expiresInOnly?: boolean;
  /** retry-on-401: gives up / renews and retries without end / retries with the same token without end. */
  on401?: 'give-up' | 'retry-forever' | 'same-token';
  /** single-flight: every caller renews for itself. */
  renewPerCaller?: boolean;
  /** insufficient-scope: takes a 403 for an expired token: renews and retries. */
  renewOn403?: boolean;
  /** subscription-renewal: subscribes once and never PATCHes. */
  neverExtendSubscription?: boolean;
  /** subscription-lost: PATCHes, but never subscribes again when Ochno answers 404 (the subscription is gone). */
  neverResubscribe?: boolean;
  /** webhook-receiver: parses only application/json deliveries / never checks the verification token. */
  webhook?: 'json-only' | 'no-token-check';
  /** token-reuse: asks for a new client-credentials token for every call (sharing only the one in flight). */
  noTokenCache?: boolean;
  /**
   * token-reuse@…, token-expiry@no-expiry-field: `Number(expires_in ?? access_expires_in)` seconds — NaN for a date
   * string or no field, so every call renews / no expiry field means the token never expires.
   */
  expiry?: 'number-of-either' | 'none-is-forever';
  /** user-token-lifetime: keeps the user's first access token forever; on 401 refreshes and uses the new one for that retry only. */
  userTokenForever?: boolean;
  /** api-unavailable: retries a 503 from the API at once, 4 attempts / takes a 503 for a bad token and renews it. */
  on503?: 'at-once' | 'renew-token';
  /** refresh-token-lifetime: renews the integration's token with its refresh token, and never falls back to client credentials. */
  integrationRefreshOnly?: boolean;
  /** refresh-token-lifetime: retries a refresh refused with invalid_grant, 3 attempts 2 s apart. */
  retryRefusedRefresh?: boolean;
  /** How a failed client-credentials grant is retried (the base client reports it at once). */
  ccRetry?: Retry;
  /** How a failed refresh grant is retried. */
  refreshRetry?: Retry;
  /** token-*, refresh-*: keeps a failed renewal's promise as the pending one, so every later caller gets the same rejection. */
  cacheFailedRenewal?: boolean;
  /** refresh-*: any failed refresh drops the user's tokens, as if the grant had been revoked. */
  dropGrantOnRefreshError?: boolean;
  /** token-malformed: `res.json().catch(() => ({}))` on token answers. */
  lenientTokenJson?: boolean;
  /** token-slow / token-no-answer: the client-credentials request's time-out (base: 30 s; 0: none). */
  ccTimeoutMs?: number;
  /** refresh-no-answer: the refresh request's time-out (base: 30 s; 0: none). */
  refreshTimeoutMs?: number;
  /** slow-single-use: retries a code exchange / a refresh that timed out, 3 attempts 2 s apart. */
  retryOnTimeout?: 'authorization_code' | 'refresh_token';
}

/**
 * `refused` retries a 401 at once, 4 attempts; `5xx-at-once` a 5xx at once, 4 attempts; `429-after-5s` a 429 after 5 s
 * whatever Retry-After says, 4 attempts; `every-2s-forever` any failure, every 2 s, without end.
 */
type Retry = 'refused' | '5xx-at-once' | '429-after-5s' | 'every-2s-forever';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** A request time-out; 0 means none. */
const timeout = (ms: number): AbortSignal | undefined => (ms > 0 ? AbortSignal.timeout(ms) : undefined);
const timedOut = (error: unknown): boolean => error instanceof DOMException && error.name === 'TimeoutError';

const FORM = 'application/x-www-form-urlencoded';
const EVENTS = ['hub:state:change', 'hub:config:change', 'hub:con:change', 'hub:charging', 'hub:temp'];

interface Tok {
  access: string;
  refresh?: string;
  renewAt: number;
}

class Refused extends Error {
  readonly status: number;
  readonly code: string;
  constructor(what: string, status: number, error: string) {
    super(`Ochno ${what} answered ${status} ${error}`);
    this.status = status;
    this.code = error;
  }
}

async function refused(what: string, response: Response): Promise<Refused> {
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  return new Refused(what, response.status, body.error ?? '');
}

class BuggyClient implements OchnoOperations {
  readonly #s: OchnoSettings;
  readonly #bugs: Bugs;
  readonly #pending = new Map<string, string>();
  readonly #events: unknown[] = [];
  readonly #token = 'buggy-verification-token';
  #integration: Tok | undefined;
  #user: Tok | undefined;
  #firstRefresh: string | undefined;
  readonly #renewing: Record<'integration' | 'user', Promise<Tok> | undefined> = { integration: undefined, user: undefined };
  #timer: ReturnType<typeof setInterval> | undefined;
  #subscription: string | undefined;

  constructor(settings: OchnoSettings, bugs: Bugs) {
    this.#s = settings;
    this.#bugs = bugs;
  }

  hubs(): Promise<unknown> {
    return this.#call('integration', 'GET', `${this.#s.baseUrl}/api/hubs/v1`);
  }

  setActivePort(hubId: string, port: number): Promise<unknown> {
    return this.#call('integration', 'PUT', `${this.#s.baseUrl}/api/hubs/v1/${hubId}/state`, { activeport: port });
  }

  userinfo(): Promise<unknown> {
    return this.#call('user', 'GET', this.#s.userinfoUrl);
  }

  authorizationUrl(): string {
    const state = randomBytes(16).toString('hex');
    const verifier = randomBytes(32).toString('base64url');
    this.#pending.set(state, verifier);
    const params: Record<string, string> = { client_id: this.#s.clientId, redirect_uri: this.#s.redirectUri, state, scope: this.#s.userScopes.join(' '), response_type: 'code' };
    if (this.#bugs.pkce !== 'none') {
      params.code_challenge = createHash('sha256').update(verifier).digest('base64url');
      params.code_challenge_method = 'S256';
    }
    return `${this.#s.authorizeUrl}?${new URLSearchParams(params)}`;
  }

  async handleCallback(callbackUrl: string): Promise<void> {
    const url = new URL(callbackUrl);
    const state = url.searchParams.get('state') ?? '';
    let verifier = this.#pending.get(state);
    if (!this.#bugs.uncheckedState) {
      if (verifier === undefined) throw new Error('state mismatch');
      this.#pending.delete(state);
    }
    verifier ??= [...this.#pending.values()][0] ?? 'x'.repeat(43);
    const fields: Record<string, string> = { grant_type: 'authorization_code', code: url.searchParams.get('code') ?? '', client_id: this.#s.clientId, client_secret: this.#s.clientSecret, redirect_uri: this.#s.redirectUri };
    if (this.#bugs.pkce === 'snake-case') fields.code_verifier = verifier;
    else if (this.#bugs.pkce !== 'none') fields.codeVerifier = verifier;
    this.#user = await this.#tokenRequest(fields);
    if (this.#bugs.userTokenForever) this.#user.renewAt = Number.POSITIVE_INFINITY;
    this.#firstRefresh = this.#user.refresh;
  }

  async subscribe(): Promise<string> {
    const body = (await this.#call('integration', 'POST', `${this.#s.subscriptionsUrl}/`, { event: EVENTS, webhookUrl: this.#s.webhookUrl, verificationToken: this.#token })) as { id: string };
    this.#subscription = body.id;
    if (!this.#bugs.neverExtendSubscription && this.#timer === undefined) {
      this.#timer = setInterval(() => void this.#extend().catch(() => undefined), 100 * 60_000);
    }
    return body.id;
  }

  /** PATCH the subscription; subscribe again when Ochno no longer knows it (unless `neverResubscribe`). */
  async #extend(): Promise<void> {
    try {
      await this.#call('integration', 'PATCH', `${this.#s.subscriptionsUrl}/${this.#subscription}`);
    } catch (error) {
      if (this.#bugs.neverResubscribe || !(error instanceof Refused) || error.status !== 404) throw error;
      await this.subscribe();
    }
  }

  async handleWebhook(request: Request): Promise<Response> {
    if (this.#bugs.webhook === 'json-only' && !(request.headers.get('content-type') ?? '').startsWith('application/json')) return new Response(null, { status: 415 });
    const event = JSON.parse(await request.text()) as Record<string, unknown>;
    const token = request.headers.get('x-verification-token') ?? event.verificationToken;
    if (this.#bugs.webhook !== 'no-token-check' && token !== this.#token) return new Response(null, { status: 401 });
    this.#events.push(event);
    return new Response(null, { status: 200 });
  }

  events(): unknown[] {
    return this.#events;
  }

  close(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
  }

  async #call(slot: 'integration' | 'user', method: string, url: string, json?: unknown): Promise<unknown> {
    const bugs = this.#bugs;
    let token = await this.#current(slot);
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${token.access}`, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
        signal: timeout(30_000),
      });
      if (response.ok) return response.status === 204 ? null : response.json().catch(() => null);
      const error = await refused(`${method} ${new URL(url).pathname}`, response);
      if (response.status === 503 && bugs.on503 === 'at-once' && attempt < 4) continue;
      const again = response.status === 401 || (response.status === 403 && bugs.renewOn403) || (response.status === 503 && bugs.on503 === 'renew-token' && !renewed);
      if (!again || bugs.on401 === 'give-up') throw error;
      if (bugs.on401 === 'same-token') continue;
      if (renewed && bugs.on401 !== 'retry-forever') throw error;
      renewed = true;
      if (slot === 'user' && bugs.userTokenForever) {
        const stale = this.#user!;
        token = await this.#refreshUser(stale);
        this.#user = { ...token, access: stale.access, renewAt: Number.POSITIVE_INFINITY };
        continue;
      }
      if (slot === 'integration') this.#integration = undefined;
      else this.#user = { ...this.#user!, renewAt: 0 };
      token = await this.#current(slot);
    }
  }

  #current(slot: 'integration' | 'user'): Promise<Tok> {
    if (slot === 'user') {
      const user = this.#user;
      if (!user) return Promise.reject(new Error('no user connected'));
      if (Date.now() < user.renewAt) return Promise.resolve(user);
      const renew = (): Promise<Tok> => this.#refreshUser(user);
      if (this.#bugs.renewPerCaller) return renew();
      return this.#share('user', renew);
    }
    const current = this.#integration;
    if (current && Date.now() < current.renewAt && !this.#bugs.noTokenCache) return Promise.resolve(current);
    const scope = this.#bugs.scope === 'comma' ? this.#s.scopes.join(',') : this.#bugs.scope === 'everything' ? this.#s.grantedScopes.join(' ') : this.#s.scopes.join(' ');
    const renew = async (): Promise<Tok> => {
      const { clientId, clientSecret, redirectUri } = this.#s;
      this.#integration =
        this.#bugs.integrationRefreshOnly && current?.refresh
          ? await this.#tokenRequest({ grant_type: 'refresh_token', refresh_token: current.refresh, client_id: clientId, client_secret: clientSecret, redirect_uri: redirectUri })
          : await this.#tokenRequest({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope });
      return this.#integration;
    };
    if (this.#bugs.renewPerCaller) return renew();
    return this.#share('integration', renew);
  }

  /** One renewal in flight per slot, shared by every caller (a failed one too, with `cacheFailedRenewal`). */
  #share(slot: 'integration' | 'user', renew: () => Promise<Tok>): Promise<Tok> {
    let pending = this.#renewing[slot];
    if (!pending) {
      pending = renew();
      this.#renewing[slot] = pending;
      const clear = (): void => {
        if (this.#renewing[slot] === pending) this.#renewing[slot] = undefined;
      };
      pending.then(clear, this.#bugs.cacheFailedRenewal ? () => undefined : clear);
    }
    return pending;
  }

  async #refreshUser(user: Tok): Promise<Tok> {
    const fields: Record<string, string> = {
      grant_type: 'refresh_token',
      refresh_token: (this.#bugs.keepFirstRefreshToken ? this.#firstRefresh : user.refresh) ?? '',
      client_id: this.#s.clientId,
      client_secret: this.#s.clientSecret,
    };
    if (!this.#bugs.refreshWithoutRedirectUri) fields.redirect_uri = this.#s.redirectUri;
    try {
      this.#user = await this.#tokenRequest(fields);
    } catch (error) {
      if (this.#bugs.dropGrantOnRefreshError) this.#user = undefined;
      throw error;
    }
    return this.#user;
  }

  /** A token request, retried as the bugs say. */
  async #tokenRequest(fields: Record<string, string>): Promise<Tok> {
    const bugs = this.#bugs;
    const grant = fields.grant_type;
    const retry = grant === 'client_credentials' ? bugs.ccRetry : grant === 'refresh_token' ? bugs.refreshRetry : undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#tokenOnce(fields);
      } catch (error) {
        const status = error instanceof Refused ? error.status : 0;
        if (retry === 'every-2s-forever') await sleep(2000);
        else if (attempt >= 4) throw error;
        else if (retry === 'refused' && status === 401) continue;
        else if (retry === '5xx-at-once' && status >= 500) continue;
        else if (retry === '429-after-5s' && status === 429) await sleep(5000);
        else if (bugs.retryOnTimeout === grant && timedOut(error) && attempt < 3) await sleep(2000);
        else if (bugs.retryRefusedRefresh && grant === 'refresh_token' && error instanceof Refused && error.code === 'invalid_grant' && attempt < 3) await sleep(2000);
        else throw error;
      }
    }
  }

  async #tokenOnce(fields: Record<string, string>): Promise<Tok> {
    const bugs = this.#bugs;
    const grant = fields.grant_type;
    const limit = grant === 'client_credentials' ? (bugs.ccTimeoutMs ?? 30_000) : grant === 'refresh_token' ? (bugs.refreshTimeoutMs ?? 30_000) : 30_000;
    const headers: Record<string, string> = { 'content-type': bugs.tokenBody === 'json' ? 'application/json' : FORM };
    let body: string;
    if (bugs.tokenBody === 'json') body = JSON.stringify(fields);
    else if (bugs.tokenBody === 'concatenated') body = Object.entries(fields).map(([k, v]) => `${k}=${v}`).join('&');
    else if (bugs.tokenBody === 'basic-auth') {
      // RFC 6749 §2.3.1's preferred way, and many libraries' default.
      const { client_id: id = '', client_secret: secret = '', ...rest } = fields;
      headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
      body = new URLSearchParams(rest).toString();
    } else body = new URLSearchParams(fields).toString();
    const response = await fetch(this.#s.tokenUrl, { method: 'POST', headers, body, signal: timeout(limit) });
    if (!response.ok) throw await refused(`token (${grant})`, response);
    const answer = (bugs.lenientTokenJson ? await response.json().catch(() => ({})) : await response.json()) as Record<string, unknown>;
    const now = Date.now();
    let expiresAt = now + 3600_000;
    if (bugs.expiry === 'number-of-either') expiresAt = now + Number(answer.expires_in ?? answer.access_expires_in) * 1000;
    else if (typeof answer.expires_in === 'number') expiresAt = now + answer.expires_in * 1000;
    else if (!bugs.expiresInOnly && typeof answer.access_expires_in === 'string') expiresAt = Date.parse(answer.access_expires_in);
    else if (bugs.expiry === 'none-is-forever') expiresAt = Number.POSITIVE_INFINITY;
    return { access: String(answer.access_token), refresh: answer.refresh_token as string | undefined, renewAt: expiresAt - 60_000 };
  }
}

/** A looping client is stopped after this many requests in a check (a correct one needs under 20). */
const LOOP_LIMITS = { requests: 40 };

export function brokenAdapter(name: string, bugs: Bugs): OchnoAdapter {
  return defineAdapter<OchnoSettings, OchnoOperations>({
    name: `broken Ochno client: ${name}`,
    provider: 'ochno',
    create: (settings) => new BuggyClient(settings, bugs),
    close: (client) => (client as BuggyClient).close(),
  });
}

export const BROKEN: BrokenClient<Bugs>[] = [
  { name: 'sends the token request as JSON', bugs: { tokenBody: 'json' }, fails: ['ochno.token-form'], says: [/sent the token request as application\/json \(Ochno answered 400 invalid_request\); Ochno’s token endpoint takes an application\/x-www-form-urlencoded body/] },
  {
    name: 'sends its credentials in an Authorization: Basic header',
    bugs: { tokenBody: 'basic-auth' },
    fails: ['ochno.token-form'],
    says: [/sent client_id and client_secret in an Authorization: Basic header instead of the form \(Ochno answered 400 invalid_request\); Ochno’s token endpoint reads them only as form fields/],
  },
  { name: 'builds the token form by string concatenation', bugs: { tokenBody: 'concatenated' }, fails: ['ochno.token-form'], says: [/the client_secret did not survive the form body .*build it with URLSearchParams/] },
  { name: 'joins its scopes with commas', bugs: { scope: 'comma' }, fails: ['ochno.scopes'], says: [/sent scope "hubs:read,hubs:write" \(Ochno answered 400 invalid_scope\): Ochno wants the scopes separated by single spaces/] },
  { name: 'asks for every scope Ochno documents', bugs: { scope: 'everything' }, fails: ['ochno.scopes'], says: [/asked for "sub", "email", "accounts:read", "accounts:write" besides what it needs/] },
  { name: 'uses no PKCE', bugs: { pkce: 'none' }, fails: ['ochno.pkce-code-verifier'], says: [/the authorisation URL carries no code_challenge/] },
  { name: 'sends the verifier as code_verifier', bugs: { pkce: 'snake-case' }, fails: ['ochno.pkce-code-verifier'], says: [/sent the PKCE verifier as "code_verifier" \(Ochno answered 400 invalid_request\); Ochno reads the camelCase field "codeVerifier"/] },
  { name: 'never checks the state', bugs: { uncheckedState: true }, fails: ['ochno.state-csrf'], says: [/exchanged the code again when the same callback arrived twice/] },
  { name: 'refreshes without redirect_uri', bugs: { refreshWithoutRedirectUri: true }, fails: ['ochno.refresh-redirect-uri'], says: [/sent the refresh grant without redirect_uri \(Ochno answered 400 invalid_request\); Ochno’s guide lists redirect_uri on refresh/] },
  { name: 'keeps using the first refresh token', bugs: { keepFirstRefreshToken: true }, fails: ['ochno.refresh-rotation'], says: [/2 h after connecting, .*sent a refresh token Ochno had already rotated \(Ochno answered 400 invalid_grant\), which revoked the whole token family/] },
  { name: 'reads only expires_in', bugs: { expiresInOnly: true }, fails: ['ochno.token-expiry'], says: [/sent the access token after the expiry in access_expires_in had passed/] },
  { name: 'gives up on a 401', bugs: { on401: 'give-up' }, fails: ['ochno.retry-on-401'], says: [/gave up when Ochno answered 401 invalid_token for a revoked token/] },
  { name: 'renews and retries every 401 without end', bugs: { on401: 'retry-forever' }, fails: ['ochno.retry-on-401'], says: [/looped on 401: every new token was refused too and the client kept going/] },
  { name: 're-sends the refused token after a 401 without end', bugs: { on401: 'same-token' }, fails: ['ochno.retry-on-401'], says: [/sent the refused token again: \d+ calls with an access token Ochno had answered 401 to, until the runner stopped it/] },
  { name: 'renews its token in every concurrent caller', bugs: { renewPerCaller: true }, fails: ['ochno.single-flight'], says: [/with no token yet: made 5 token requests for 5 calls started together/] },
  { name: 'renews its token on a 403', bugs: { renewOn403: true }, fails: ['ochno.insufficient-scope'], says: [/took 403 insufficient_scope for an expired token and asked the token endpoint again/] },
  { name: 'never extends its webhook subscription', bugs: { neverExtendSubscription: true }, fails: ['ochno.subscription-renewal'], says: [/the webhook subscription lapsed 2 h after subscribing — it was never extended/] },
  {
    name: 'never subscribes again when its subscription is gone',
    bugs: { neverResubscribe: true },
    fails: ['ochno.subscription-lost'],
    says: [/Ochno dropped the webhook subscription and the client’s PATCH was refused \(Ochno answered 404 not_found\), but it never subscribed again: no event has arrived since, silently — when PATCH answers 404, POST \/subscriptions\/v1\/ again/],
  },
  { name: 'accepts only application/json deliveries', bugs: { webhook: 'json-only' }, fails: ['ochno.webhook-receiver'], says: [/refused or dropped Ochno’s genuine delivery sent with Content-Type text\/plain;charset=UTF-8/] },
  { name: 'never checks the verification token', bugs: { webhook: 'no-token-check' }, fails: ['ochno.webhook-receiver'], says: [/accepted a delivery without a verification token \(the route answered 200\)/] },
  {
    name: 'asks for a new token for every call',
    bugs: { noTokenCache: true },
    fails: ['ochno.token-reuse'],
    says: [/asked Ochno for 5 tokens for 5 hubs\(\) calls over 2 minutes — a new token for every call; keep the token until shortly before it expires — read the expiry from expires_in/],
  },
  {
    name: 'reads the expiry as Number(expires_in ?? access_expires_in)',
    bugs: { expiry: 'number-of-either' },
    fails: ['ochno.token-reuse@access-expires-in', 'ochno.token-reuse@no-expiry-field'],
    says: [
      /asked Ochno for 5 tokens for 5 hubs\(\) calls .*Ochno’s answer carried access_expires_in as a date string: parse it as a date \(Number\(\) of it is NaN\)/,
      /asked Ochno for 5 tokens for 5 hubs\(\) calls .*Ochno’s answer carried no expiry field: assume an hour, as Ochno’s demo does/,
    ],
  },
  {
    name: 'takes a token answer without an expiry for one that never expires',
    bugs: { expiry: 'none-is-forever' },
    fails: ['ochno.token-expiry@no-expiry-field'],
    says: [/sent the access token after its 3600 s lifetime had run out: Ochno’s answer carried no expiry field .* the client took that for a token that never expires — assume an hour/],
  },
  {
    name: 'keeps the user’s first access token and refreshes on each 401 for that call only',
    bugs: { userTokenForever: true },
    // Once it has expired, every concurrent userinfo() meets its own 401 and refreshes with the same refresh token.
    fails: ['ochno.single-flight', 'ochno.user-token-lifetime'],
    says: [
      /once the user’s token had expired: made 5 token requests for 5 calls started together — the same refresh token went to Ochno more than once/,
      /kept sending the expired user’s access token: 3 calls with it after its 3600 s lifetime, each refused; renew it with the refresh grant/,
    ],
  },
  {
    name: 'renews the integration’s token only with its refresh token',
    bugs: { integrationRefreshOnly: true },
    fails: ['ochno.refresh-token-lifetime'],
    says: [/reading the hubs after 14 days without a call: the integration’s refresh token had expired \(Ochno answered 400 invalid_grant\) and the client gave up .* when its refresh token is refused, ask for a new token with grant_type=client_credentials/],
  },
  {
    name: 'retries a refresh refused with invalid_grant',
    bugs: { retryRefusedRefresh: true },
    fails: ['ochno.refresh-token-lifetime'],
    says: [/once the user’s refresh token had expired: asked for 3 refreshes with a refresh token Ochno had refused \(Ochno answered 400 invalid_grant\); an expired refresh token stays refused — report that the user must authorise again/],
  },
  {
    name: 'retries a 503 from the API at once',
    bugs: { on503: 'at-once' },
    fails: ['ochno.api-unavailable'],
    says: [/retried \/api\/hubs\/v1 3 time\(s\) without backing off: the first retry came 0 s after a 503/],
  },
  {
    name: 'takes a 503 from the API for a bad token',
    bugs: { on503: 'renew-token' },
    fails: ['ochno.api-unavailable'],
    says: [/asked the token endpoint for a new token \(1 time\(s\)\) because the API answered 503; a 503 says Ochno is down, not that the token is bad/],
  },
  {
    name: 'retries refused client credentials at once',
    bugs: { ccRetry: 'refused' },
    fails: ['ochno.token-refused'],
    says: [/made 4 requests to Ochno’s token endpoint for one operation while it refused the client’s credentials; a refused client_id\/client_secret is not cured by retrying .* — at most 2 attempts/],
  },
  {
    name: 'retries a 503 from the token endpoint at once',
    bugs: { ccRetry: '5xx-at-once' },
    fails: ['ochno.token-unavailable'],
    says: [/retried Ochno’s token endpoint 3 time\(s\) without backing off: the first retry came 0 s after a 503/],
  },
  {
    name: 'retries a 429 from the token endpoint after 5 s whatever Retry-After says',
    bugs: { ccRetry: '429-after-5s' },
    fails: ['ochno.token-rate-limited'],
    says: [/asked Ochno’s token endpoint again 3 time\(s\) before Retry-After had passed: the first retry came 5 s after a 429 that said Retry-After: 30/],
  },
  {
    name: 'retries a failed client-credentials grant every 2 s without end',
    limits: LOOP_LIMITS,
    bugs: { ccRetry: 'every-2s-forever' },
    fails: ['ochno.token-refused', 'ochno.token-unavailable', 'ochno.token-rate-limited', 'ochno.token-malformed', 'ochno.token-no-answer'],
    says: [
      /kept calling Ochno’s token endpoint while it refused the client’s credentials: 40 requests in \d+ s of virtual time until the runner stopped it \(Ochno answered 401 invalid_client\)/,
      /kept calling Ochno’s token endpoint while it answered 503: 40 requests/,
      /made 16 requests to Ochno’s token endpoint for one operation while it answered 429 with Retry-After[^]*asked Ochno’s token endpoint again 14 time\(s\) before Retry-After had passed/,
      /kept calling Ochno’s token endpoint while it answered 200 with a cut-off JSON body: 40 requests/,
      /kept calling Ochno’s token endpoint while it never answered: 40 requests in \d+ s of virtual time until the runner stopped it; give each request a time-out of its own/,
    ],
  },
  {
    name: 'keeps a failed renewal as the pending one',
    bugs: { cacheFailedRenewal: true },
    fails: [
      'ochno.token-refused',
      'ochno.token-unavailable',
      'ochno.token-rate-limited',
      'ochno.token-malformed',
      'ochno.token-no-answer',
      'ochno.refresh-refused',
      'ochno.refresh-unavailable',
      'ochno.refresh-rate-limited',
      'ochno.refresh-no-answer',
    ],
    says: [
      /once Ochno’s token endpoint worked again after refusing the credentials: hubs\(\) failed at once without sending a request \(Error: Ochno token \(client_credentials\) answered 401 invalid_client\); the client kept the failure from the trouble/,
      /once Ochno’s token endpoint worked again after an outage: hubs\(\) failed at once without sending a request/,
      /once Ochno’s token endpoint worked again after a rate limit: hubs\(\) failed at once without sending a request/,
      /once Ochno’s token endpoint worked again after a malformed answer: hubs\(\) failed at once without sending a request \(SyntaxError/,
      /once Ochno’s token endpoint worked again after not answering: hubs\(\) failed at once without sending a request \(TimeoutError/,
      /once the refresh grant at Ochno’s token endpoint worked again after refusing the credentials: userinfo\(\) failed at once without sending a request/,
      /once the refresh grant at Ochno’s token endpoint worked again after an outage: userinfo\(\) failed at once without sending a request/,
      /once the refresh grant at Ochno’s token endpoint worked again after a rate limit: userinfo\(\) failed at once without sending a request/,
      /once the refresh grant at Ochno’s token endpoint worked again after not answering: userinfo\(\) failed at once without sending a request/,
    ],
  },
  {
    name: 'drops the user’s tokens when a refresh fails for any reason',
    bugs: { dropGrantOnRefreshError: true },
    fails: ['ochno.refresh-refused', 'ochno.refresh-unavailable', 'ochno.refresh-rate-limited', 'ochno.refresh-no-answer'],
    says: [
      /once the refresh grant at Ochno’s token endpoint worked again after refusing the credentials: userinfo\(\) failed at once without sending a request \(Error: no user connected\);.* a refresh token dropped although nobody refused it/,
      /after an outage: userinfo\(\) failed at once without sending a request \(Error: no user connected\)/,
      /after a rate limit: userinfo\(\) failed at once without sending a request \(Error: no user connected\)/,
      /after not answering: userinfo\(\) failed at once without sending a request \(Error: no user connected\)/,
    ],
  },
  {
    name: 'parses token answers leniently',
    bugs: { lenientTokenJson: true },
    fails: ['ochno.token-malformed'],
    says: [/called Ochno’s API with "Authorization: Bearer undefined" while Ochno’s token endpoint answered 200 with a cut-off JSON body; an answer that is not a token is an error/],
  },
  {
    name: 'gives the client-credentials request a 2 s time-out',
    bugs: { ccTimeoutMs: 2000 },
    fails: ['ochno.token-slow'],
    says: [/gave up on Ochno’s token endpoint after 2 s although it answers in 5 s \(TimeoutError: The operation was aborted due to timeout\); the client’s own time-out is shorter than a slow moment of Ochno/],
  },
  {
    name: 'has no time-out on the client-credentials request',
    bugs: { ccTimeoutMs: 0 },
    fails: ['ochno.token-no-answer'],
    says: [/waited 300 s for Ochno’s token endpoint, which never answered, until a gateway cut the request off \(504\): the client has no time-out of its own/],
  },
  {
    name: 'retries a refused refresh at once',
    bugs: { refreshRetry: 'refused' },
    fails: ['ochno.refresh-refused'],
    says: [/made 4 requests to the refresh grant at Ochno’s token endpoint for one operation while it refused the client’s credentials/],
  },
  {
    name: 'retries a 503 from the refresh at once',
    bugs: { refreshRetry: '5xx-at-once' },
    fails: ['ochno.refresh-unavailable'],
    says: [/retried the refresh grant at Ochno’s token endpoint 3 time\(s\) without backing off: the first retry came 0 s after a 503/],
  },
  {
    name: 'retries a 429 from the refresh after 5 s whatever Retry-After says',
    bugs: { refreshRetry: '429-after-5s' },
    fails: ['ochno.refresh-rate-limited'],
    says: [/asked the refresh grant at Ochno’s token endpoint again 3 time\(s\) before Retry-After had passed: the first retry came 5 s after a 429 that said Retry-After: 30/],
  },
  {
    name: 'has no time-out on the refresh',
    bugs: { refreshTimeoutMs: 0 },
    fails: ['ochno.refresh-no-answer'],
    says: [/waited 300 s for the refresh grant at Ochno’s token endpoint, which never answered, until a gateway cut the request off \(504\): the client has no time-out of its own/],
  },
  {
    name: 'retries a code exchange that timed out',
    bugs: { retryOnTimeout: 'authorization_code' },
    fails: ['ochno.slow-single-use'],
    says: [/the code exchange answered slowly: presented the code 3 times — the first request outlasted the client’s own time-out \(it gave up after 30 s\), but Ochno handled it all the same: the code was spent then/],
  },
  {
    name: 'retries a refresh that timed out',
    bugs: { retryOnTimeout: 'refresh_token' },
    fails: ['ochno.slow-single-use'],
    says: [/a refresh answered slowly: presented the refresh token 3 times — the first request outlasted the client’s own time-out \(it gave up after 30 s\), but Ochno handled it all the same: it rotated the refresh token then/],
  },
];
