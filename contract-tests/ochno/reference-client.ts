// A small, correct Ochno Operated client on plain fetch: scoped client credentials, rotating refresh, code flow with PKCE, hubs, webhooks.
//
// What it does, and why (shared/providers/ochno.md, seed 000):
// - Every token request is a POST application/x-www-form-urlencoded body built with URLSearchParams (the secret holds
//   '+', '/' and '='); `scope` is the scopes it needs joined by single spaces — nothing more.
// - The expiry is read from expires_in (seconds) or, failing that, access_expires_in (seconds or a date string), 3600 s
//   when neither is there; a token is renewed `renewBeforeSeconds` early. Concurrent callers share one renewal.
// - Renewal uses the refresh grant with client_id, client_secret and redirect_uri (the guide's step 3), and keeps the
//   new refresh token of every answer: Ochno rotates it, and a spent one revokes the whole family. The integration's
//   token falls back to client credentials when its refresh token is refused (invalid_grant); a user's grant then needs a new
//   authorisation. Any other failure (invalid_client, 5xx, 429, no answer) keeps the refresh token for the next try.
// - 401: forget the token, renew once, retry once; a second 401 is thrown. 403 (insufficient_scope) and every other
//   error are thrown at once as OchnoError: a new token carries the same scopes.
// - Code flow: a fresh 256-bit state and PKCE verifier per authorisation (S256), both single use; a callback whose state
//   is missing, unknown, expired or spent is refused before anything is sent; the verifier goes as camelCase codeVerifier.
// - Webhooks: subscribe() creates the subscription and PATCHes it every `subscriptionRenewMinutes` (it lapses after about
//   two hours), re-creating it if Ochno no longer knows it. handleWebhook() reads the body as text whatever the
//   Content-Type, parses JSON, and accepts it only with the subscription's verification token (header or body).
// Time is read with Date.now() at each use and timers are unref'd, so fake timers (and the contract suite's virtual
// time) apply and a running client never keeps a process alive.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface OchnoClientOptions {
  clientId: string;
  clientSecret: string;
  /** The integration's registered redirect URI: sent on the authorisation, the code exchange and every refresh. */
  redirectUri: string;
  /** `https://operated.ochno.com` — API paths go after it. */
  baseUrl: string;
  tokenUrl: string;
  authorizeUrl: string;
  userinfoUrl: string;
  /** `https://operated.ochno.com/subscriptions/v1` */
  subscriptionsUrl: string;
  /** What the integration's own token asks for (client credentials). */
  scopes: string[];
  /** What the authorisation asks a user for. */
  userScopes?: string[];
  /** Where Ochno posts webhook deliveries (your route that calls handleWebhook). */
  webhookUrl?: string;
  /** The events to subscribe to (default every hub event). */
  events?: string[];
  /** The verification token of the subscription (default a fresh random one). */
  verificationToken?: string;
  /** The header a delivery may carry the verification token in (default `x-verification-token`). */
  verificationHeader?: string;
  /** Called with each accepted webhook event. */
  onEvent?(event: Record<string, unknown>): void;
  /** Renew a token this many seconds before its expiry (default 60; at most half its lifetime). */
  renewBeforeSeconds?: number;
  /** Extend the subscription this often (default 100 minutes, as Ochno's demo). */
  subscriptionRenewMinutes?: number;
  /** How long an authorisation may take before its state is forgotten (default 600 s). */
  stateTtlSeconds?: number;
  /** Per-request time-out in real milliseconds (default 30 000). */
  timeoutMs?: number;
  /** The fetch to use (default the global one, looked up at each call). */
  fetch?: typeof fetch;
  /**
   * Makes token requests with your own OAuth library instead of fetch: resolve with the answer's JSON body;
   * throw an error with a numeric `status` (and Ochno's `error` code) when Ochno refused. Renewal, rotation,
   * sharing and retries stay this client's.
   */
  tokenRequest?: (call: OchnoTokenCall) => Promise<unknown>;
}

/** What `tokenRequest` is handed: the token URL and the form fields this client would send. */
export interface OchnoTokenCall {
  url: string;
  fields: Record<string, string>;
  /** Aborts after the client's time-out. */
  signal: AbortSignal;
}

/** Anything that went wrong. `error` is Ochno's OAuth error code (`insufficient_scope`, `invalid_grant`…) or the client's own. */
export class OchnoError extends Error {
  override readonly name = 'OchnoError';
  readonly status: number | undefined;
  readonly error: string;
  constructor(message: string, details: { error: string; status?: number }) {
    super(message);
    this.error = details.error;
    this.status = details.status;
  }
}

interface Token {
  access: string;
  refresh: string | undefined;
  renewAt: number;
}

type Slot = 'integration' | 'user';
const DEFAULT_EVENTS = ['hub:state:change', 'hub:config:change', 'hub:con:change', 'hub:charging', 'hub:temp'];

/** The expiry of a token answer as epoch ms: expires_in, else access_expires_in (seconds or a date), else an hour. */
export function expiryOf(body: Record<string, unknown>, now = Date.now()): number {
  for (const key of ['expires_in', 'access_expires_in']) {
    const value = body[key];
    if (typeof value === 'number' && Number.isFinite(value)) return now + value * 1000;
    if (typeof value === 'string' && value.trim() !== '') {
      if (/^\d+(\.\d+)?$/.test(value.trim())) return now + Number(value) * 1000;
      const at = Date.parse(value);
      if (!Number.isNaN(at)) return at;
    }
  }
  return now + 3600 * 1000;
}

async function refusal(response: Response, what: string): Promise<OchnoError> {
  const text = await response.text().catch(() => '');
  let error = `http_${response.status}`;
  let detail = '';
  try {
    const body = JSON.parse(text) as { error?: unknown; error_description?: unknown };
    if (typeof body.error === 'string') error = body.error;
    if (typeof body.error_description === 'string') detail = `: ${body.error_description}`;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  return new OchnoError(`Ochno ${what} answered ${response.status} ${error}${detail}`, { error, status: response.status });
}

const sameSecret = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

export class OchnoClient {
  readonly #o: OchnoClientOptions & Required<Pick<OchnoClientOptions, 'renewBeforeSeconds' | 'subscriptionRenewMinutes' | 'stateTtlSeconds' | 'timeoutMs' | 'verificationHeader'>>;
  readonly #tokens: Record<Slot, Token | undefined> = { integration: undefined, user: undefined };
  readonly #renewing: Record<Slot, Promise<Token> | undefined> = { integration: undefined, user: undefined };
  /** Pending authorisations: state → PKCE verifier and the time until which the state is accepted. */
  readonly #pending = new Map<string, { verifier: string; until: number }>();
  readonly #verificationToken: string;
  #subscriptionId: string | undefined;
  #keepAlive: ReturnType<typeof setInterval> | undefined;

  constructor(options: OchnoClientOptions) {
    this.#o = { renewBeforeSeconds: 60, subscriptionRenewMinutes: 100, stateTtlSeconds: 600, timeoutMs: 30_000, verificationHeader: 'x-verification-token', ...options };
    this.#verificationToken = options.verificationToken ?? randomBytes(24).toString('base64url');
  }

  // ── Resources ────────────────────────────────────────────────────────────────────────────────────────────

  /** GET /api/hubs/v1 (hubs:read): a bare array. */
  hubs(): Promise<unknown> {
    return this.#call('integration', 'GET', `${this.#o.baseUrl}/api/hubs/v1`);
  }

  /** PUT /api/hubs/v1/{id}/state (hubs:write): `port` 1–4, or 0 to turn the output off. */
  setActivePort(hubId: string, port: number): Promise<unknown> {
    return this.#call('integration', 'PUT', `${this.#o.baseUrl}/api/hubs/v1/${encodeURIComponent(hubId)}/state`, { activeport: port });
  }

  /** GET /identity/oauth/v2/userinfo with the connected user's token: `sub` and/or `email`. */
  userinfo(): Promise<unknown> {
    return this.#call('user', 'GET', this.#o.userinfoUrl);
  }

  // ── Code flow ───────────────────────────────────────────────────────────────────────────────────────────

  /** Starts an authorisation: the URL to send the user to, with a fresh state and S256 challenge. */
  authorizationUrl(): string {
    const now = Date.now();
    for (const [state, p] of this.#pending) if (p.until < now) this.#pending.delete(state);
    const state = randomBytes(32).toString('base64url');
    const verifier = randomBytes(32).toString('base64url');
    this.#pending.set(state, { verifier, until: now + this.#o.stateTtlSeconds * 1000 });
    const url = new URL(this.#o.authorizeUrl);
    url.search = new URLSearchParams({
      client_id: this.#o.clientId,
      redirect_uri: this.#o.redirectUri,
      state,
      scope: (this.#o.userScopes ?? ['sub', 'email']).join(' '),
      response_type: 'code',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  }

  /** The redirect back from Ochno: checks the state, then exchanges the code with its codeVerifier. */
  async handleCallback(callbackUrl: string): Promise<void> {
    const params = new URL(callbackUrl).searchParams;
    const state = params.get('state');
    const pending = state === null ? undefined : this.#pending.get(state);
    if (state !== null) this.#pending.delete(state); // single use, whatever comes next
    if (!pending || Date.now() > pending.until) {
      throw new OchnoError('The callback’s state is missing, unknown, expired or already used: refused without exchanging the code (CSRF protection)', { error: 'state_mismatch' });
    }
    const denied = params.get('error');
    if (denied) throw new OchnoError(`The user did not grant access (${denied})`, { error: denied });
    const code = params.get('code');
    if (!code) throw new OchnoError('The callback has no code', { error: 'invalid_callback' });
    this.#tokens.user = await this.#tokenRequest({
      grant_type: 'authorization_code',
      code,
      client_id: this.#o.clientId,
      client_secret: this.#o.clientSecret,
      redirect_uri: this.#o.redirectUri,
      codeVerifier: pending.verifier,
    });
  }

  // ── Webhooks ────────────────────────────────────────────────────────────────────────────────────────────

  /** Creates the subscription and keeps it alive; resolves with its id. */
  async subscribe(): Promise<string> {
    if (!this.#o.webhookUrl) throw new OchnoError('No webhookUrl configured', { error: 'no_webhook_url' });
    const body = (await this.#call('integration', 'POST', `${this.#o.subscriptionsUrl}/`, {
      event: this.#o.events ?? DEFAULT_EVENTS,
      webhookUrl: this.#o.webhookUrl,
      verificationToken: this.#verificationToken,
    })) as { id?: unknown };
    if (typeof body?.id !== 'string') throw new OchnoError('Ochno answered the subscription without an id', { error: 'invalid_response' });
    this.#subscriptionId = body.id;
    if (this.#keepAlive === undefined) {
      this.#keepAlive = setInterval(() => void this.#extend().catch(() => undefined), this.#o.subscriptionRenewMinutes * 60_000);
      (this.#keepAlive as { unref?: () => void }).unref?.();
    }
    return body.id;
  }

  /** PATCH the subscription; create a new one when Ochno no longer knows it (it lapsed). */
  async #extend(): Promise<void> {
    const id = this.#subscriptionId;
    if (!id) return;
    try {
      await this.#call('integration', 'PATCH', `${this.#o.subscriptionsUrl}/${encodeURIComponent(id)}`);
    } catch (error) {
      if (!(error instanceof OchnoError) || error.status !== 404) throw error;
      this.#subscriptionId = undefined;
      await this.subscribe();
    }
  }

  /** Your webhook route: 200 for an accepted delivery, 401 for one without the right verification token, 400 for an unreadable one. */
  async handleWebhook(request: Request): Promise<Response> {
    // Ochno's Content-Type is not application/json: read text whatever it says.
    const text = await request.text();
    let event: Record<string, unknown>;
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new TypeError('not an object');
      event = parsed as Record<string, unknown>;
    } catch {
      return new Response('unreadable delivery', { status: 400 });
    }
    const { verificationToken: inBody, ...rest } = event;
    const presented = request.headers.get(this.#o.verificationHeader) ?? (typeof inBody === 'string' ? inBody : '');
    if (!presented || !sameSecret(presented, this.#verificationToken)) return new Response('unknown sender', { status: 401 });
    this.#o.onEvent?.(rest);
    return new Response(null, { status: 200 });
  }

  /** Stops the subscription keep-alive and deletes the subscription. */
  async close(): Promise<void> {
    if (this.#keepAlive !== undefined) clearInterval(this.#keepAlive);
    this.#keepAlive = undefined;
    const id = this.#subscriptionId;
    this.#subscriptionId = undefined;
    if (id) await this.#call('integration', 'DELETE', `${this.#o.subscriptionsUrl}/${encodeURIComponent(id)}`).catch(() => undefined);
  }

  // ── Tokens ──────────────────────────────────────────────────────────────────────────────────────────────

  async #call(slot: Slot, method: string, url: string, json?: unknown): Promise<unknown> {
    let token = await this.#token(slot);
    for (let attempt = 1; ; attempt++) {
      const response = await this.#fetch(url, {
        method,
        headers: { authorization: `Bearer ${token.access}`, accept: 'application/json', ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
      if (response.ok) {
        const text = await response.text();
        return text ? (JSON.parse(text) as unknown) : null;
      }
      const error = await refusal(response, `${method} ${new URL(url).pathname}`);
      if (response.status !== 401 || attempt > 1) throw error;
      // Revoked or expired early: one renewal, one retry.
      if (this.#tokens[slot] === token) this.#tokens[slot] = { ...token, renewAt: 0 };
      token = await this.#token(slot);
    }
  }

  /** The slot's current token, or a renewed one; concurrent callers share the renewal. */
  #token(slot: Slot): Promise<Token> {
    const current = this.#tokens[slot];
    if (current && Date.now() < current.renewAt) return Promise.resolve(current);
    this.#renewing[slot] ??= this.#renew(slot, current).finally(() => {
      this.#renewing[slot] = undefined;
    });
    return this.#renewing[slot];
  }

  async #renew(slot: Slot, current: Token | undefined): Promise<Token> {
    if (current?.refresh) {
      try {
        const next = await this.#tokenRequest({
          grant_type: 'refresh_token',
          refresh_token: current.refresh,
          client_id: this.#o.clientId,
          client_secret: this.#o.clientSecret,
          redirect_uri: this.#o.redirectUri,
        });
        this.#tokens[slot] = next;
        return next;
      } catch (error) {
        // Only a refused grant ends the refresh token; a refused client (invalid_client: the secret was rotated), an
        // outage or a rate limit leaves it good for when that is fixed, so it is kept.
        if (!(error instanceof OchnoError) || error.error !== 'invalid_grant') throw error;
        this.#tokens[slot] = undefined;
        if (slot === 'user') throw new OchnoError(`${error.message}; the user must authorise again`, { error: 'authorization_required', status: error.status });
      }
    }
    if (slot === 'user') throw new OchnoError('No user is connected: send them to authorizationUrl() first', { error: 'authorization_required' });
    const next = await this.#tokenRequest({ grant_type: 'client_credentials', client_id: this.#o.clientId, client_secret: this.#o.clientSecret, scope: this.#o.scopes.join(' ') });
    this.#tokens.integration = next;
    return next;
  }

  async #tokenRequest(fields: Record<string, string>): Promise<Token> {
    if (this.#o.tokenRequest) return this.#accept(await this.#viaLibrary(this.#o.tokenRequest, fields), fields, 200);
    const response = await this.#fetch(this.#o.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(fields),
    });
    if (!response.ok) throw await refusal(response, `token (${fields.grant_type})`);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await response.text()) as Record<string, unknown>;
    } catch {
      throw new OchnoError(`Ochno token (${fields.grant_type}) answered ${response.status} with a body that is not JSON`, { error: 'invalid_token_response', status: response.status });
    }
    return this.#accept(body, fields, response.status);
  }

  /** A library's refusal as an OchnoError, so that renewal and reports work as for fetch. */
  async #viaLibrary(request: NonNullable<OchnoClientOptions['tokenRequest']>, fields: Record<string, string>): Promise<Record<string, unknown>> {
    try {
      return ((await request({ url: this.#o.tokenUrl, fields, signal: AbortSignal.timeout(this.#o.timeoutMs) })) ?? {}) as Record<string, unknown>;
    } catch (error) {
      const { status, error: code } = (error ?? {}) as { status?: unknown; error?: unknown };
      const message = error instanceof Error ? error.message : String(error);
      const details = { error: typeof code === 'string' ? code : typeof status === 'number' ? `http_${status}` : 'token_request_failed', ...(typeof status === 'number' ? { status } : {}) };
      throw new OchnoError(`Ochno token (${fields.grant_type}) failed: ${message}`, details);
    }
  }

  #accept(body: Record<string, unknown>, fields: Record<string, string>, status: number): Token {
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new OchnoError(`Ochno token (${fields.grant_type}) answered without an access_token`, { error: 'invalid_token_response', status });
    }
    const now = Date.now();
    const expiresAt = expiryOf(body, now);
    const margin = Math.min(this.#o.renewBeforeSeconds * 1000, Math.max(0, expiresAt - now) / 2);
    const refresh = typeof body.refresh_token === 'string' && body.refresh_token !== '' ? body.refresh_token : undefined;
    return { access: body.access_token, refresh, renewAt: expiresAt - margin };
  }

  #fetch(url: string, init: RequestInit): Promise<Response> {
    const run = this.#o.fetch ?? globalThis.fetch;
    return run(url, { ...init, signal: AbortSignal.timeout(this.#o.timeoutMs) });
  }
}
