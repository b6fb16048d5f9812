// Deliberately broken Ochno clients for the suite's own tests: a plain client with one switch per real-world bug.
// With no switch on it passes every check, so each broken client differs from a good one by its bug alone.
import { createHash, randomBytes } from 'node:crypto';
import type { BrokenClient } from '../test-support/broken.ts';
import { defineAdapter } from '../types.ts';
import type { OchnoAdapter, OchnoOperations, OchnoSettings } from './settings.ts';

export interface Bugs {
  /** token-form: the token request as JSON, or as a hand-built string that does not encode the secret. */
  tokenBody?: 'json' | 'concatenated';
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
  /** webhook-receiver: parses only application/json deliveries / never checks the verification token. */
  webhook?: 'json-only' | 'no-token-check';
}

const FORM = 'application/x-www-form-urlencoded';
const EVENTS = ['hub:state:change', 'hub:config:change', 'hub:con:change', 'hub:charging', 'hub:temp'];

interface Tok {
  access: string;
  refresh?: string;
  renewAt: number;
}

class Refused extends Error {
  readonly status: number;
  constructor(what: string, status: number, error: string) {
    super(`Ochno ${what} answered ${status} ${error}`);
    this.status = status;
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
  #renewing: Promise<Tok> | undefined;
  #renewingUser: Promise<Tok> | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

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
    this.#firstRefresh = this.#user.refresh;
  }

  async subscribe(): Promise<string> {
    const body = (await this.#call('integration', 'POST', `${this.#s.subscriptionsUrl}/`, { event: EVENTS, webhookUrl: this.#s.webhookUrl, verificationToken: this.#token })) as { id: string };
    if (!this.#bugs.neverExtendSubscription && this.#timer === undefined) {
      this.#timer = setInterval(() => void this.#call('integration', 'PATCH', `${this.#s.subscriptionsUrl}/${body.id}`).catch(() => undefined), 100 * 60_000);
    }
    return body.id;
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
    for (;;) {
      const response = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${token.access}`, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
      if (response.ok) return response.status === 204 ? null : response.json().catch(() => null);
      const error = await refused(`${method} ${new URL(url).pathname}`, response);
      const again = response.status === 401 || (response.status === 403 && bugs.renewOn403);
      if (!again || bugs.on401 === 'give-up') throw error;
      if (bugs.on401 === 'same-token') continue;
      if (renewed && bugs.on401 !== 'retry-forever') throw error;
      renewed = true;
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
      this.#renewingUser ??= renew().finally(() => (this.#renewingUser = undefined));
      return this.#renewingUser;
    }
    const current = this.#integration;
    if (current && Date.now() < current.renewAt) return Promise.resolve(current);
    const scope = this.#bugs.scope === 'comma' ? this.#s.scopes.join(',') : this.#bugs.scope === 'everything' ? this.#s.grantedScopes.join(' ') : this.#s.scopes.join(' ');
    const renew = async (): Promise<Tok> => {
      this.#integration = await this.#tokenRequest({ grant_type: 'client_credentials', client_id: this.#s.clientId, client_secret: this.#s.clientSecret, scope });
      return this.#integration;
    };
    if (this.#bugs.renewPerCaller) return renew();
    this.#renewing ??= renew().finally(() => (this.#renewing = undefined));
    return this.#renewing;
  }

  async #refreshUser(user: Tok): Promise<Tok> {
    const fields: Record<string, string> = {
      grant_type: 'refresh_token',
      refresh_token: (this.#bugs.keepFirstRefreshToken ? this.#firstRefresh : user.refresh) ?? '',
      client_id: this.#s.clientId,
      client_secret: this.#s.clientSecret,
    };
    if (!this.#bugs.refreshWithoutRedirectUri) fields.redirect_uri = this.#s.redirectUri;
    this.#user = await this.#tokenRequest(fields);
    return this.#user;
  }

  async #tokenRequest(fields: Record<string, string>): Promise<Tok> {
    const bugs = this.#bugs;
    const body =
      bugs.tokenBody === 'json'
        ? JSON.stringify(fields)
        : bugs.tokenBody === 'concatenated'
          ? Object.entries(fields).map(([k, v]) => `${k}=${v}`).join('&')
          : new URLSearchParams(fields).toString();
    const response = await fetch(this.#s.tokenUrl, { method: 'POST', headers: { 'content-type': bugs.tokenBody === 'json' ? 'application/json' : FORM }, body });
    if (!response.ok) throw await refused(`token (${fields.grant_type})`, response);
    const answer = (await response.json()) as Record<string, unknown>;
    const now = Date.now();
    let expiresAt = now + 3600_000;
    if (typeof answer.expires_in === 'number') expiresAt = now + answer.expires_in * 1000;
    else if (!bugs.expiresInOnly && typeof answer.access_expires_in === 'string') expiresAt = Date.parse(answer.access_expires_in);
    return { access: String(answer.access_token), refresh: answer.refresh_token as string | undefined, renewAt: expiresAt - 60_000 };
  }
}

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
  { name: 'accepts only application/json deliveries', bugs: { webhook: 'json-only' }, fails: ['ochno.webhook-receiver'], says: [/refused or dropped Ochno’s genuine delivery sent with Content-Type text\/plain;charset=UTF-8/] },
  { name: 'never checks the verification token', bugs: { webhook: 'no-token-check' }, fails: ['ochno.webhook-receiver'], says: [/accepted a delivery without a verification token \(the route answered 200\)/] },
];
