// A small, correct Octorate client on plain fetch: authorisation code with state, expireDate-based renewal, apilogin for API operations.
//
// What it does, and why (shared/providers/octorate.md, seed 003):
// - authorizationUrl(): a fresh 256-bit state per authorisation, remembered `stateTtlSeconds` and single use; the URL
//   is Octorate's admin page with client_id, redirect_uri and state. (A web app keeps the state in the user's session.)
// - handleCallback(url): refuses a missing, unknown, expired or already used state before anything else (CSRF, a
//   reloaded page), reports an `error` (the hotelier denied), then exchanges the code at once, server to server:
//   /identity/token with grant_type=code (literally "code") and the very redirect_uri of the authorisation URL.
// - Every identity call is a POST application/x-www-form-urlencoded body built with URLSearchParams (the secret holds
//   '+', '/' and '='). Never JSON, never the query string.
// - Token responses carry no expires_in: the expiry is read from expireDate, Java's zone suffix ("…Z[UTC]") stripped,
//   and a token is renewed `renewBeforeSeconds` before it. The refresh token does not expire: it is kept (a new one in
//   a refresh response replaces it) and used at /identity/refresh; concurrent callers share one renewal.
// - Property calls (reservations) use the property token; API operations (configuration) the apilogin token.
// - 401 ApiKeyInvalid: forget the token, renew it once, retry once; a second 401 is thrown. A refresh token Octorate
//   refuses (401: the hotelier disconnected the application) is dropped: OctorateError type 'authorization_required'.
// - 403 ApiQuotaException, like every other error, is thrown at once as OctorateError: the quota is the application's,
//   Octorate sends no Retry-After, and a new token does not help. Nothing is retried blindly.
// Time is read with Date.now() at each use, so fake timers (and the contract suite's virtual time) apply.
import { randomBytes } from 'node:crypto';

export interface OctorateClientOptions {
  clientId: string;
  clientSecret: string;
  /** The registered redirect URI; sent unchanged in both steps. */
  redirectUri: string;
  /** `https://admin.octorate.com/octobook/identity/oauth.xhtml` */
  authorizeUrl: string;
  /** `https://api.octorate.com/connect/rest/v1/identity/token` */
  tokenUrl: string;
  /** `…/identity/refresh` */
  refreshUrl: string;
  /** `…/identity/apilogin` */
  apiLoginUrl: string;
  /** `https://api.octorate.com/connect/rest/v1` */
  apiBaseUrl: string;
  /** A stored refresh token, to resume a connection made earlier. */
  refreshToken?: string;
  /** Renew a token this many seconds before its expireDate (default 60; at most half its lifetime). */
  renewBeforeSeconds?: number;
  /** How long an authorisation may take before its state is forgotten (default 600). */
  stateTtlSeconds?: number;
  /** Per-request time-out in real milliseconds (default 30 000). */
  timeoutMs?: number;
  /** The fetch to use (default the global one, looked up at each call). */
  fetch?: typeof fetch;
  /**
   * Makes identity calls with your own OAuth library instead of fetch: resolve with the answer's JSON body,
   * or with `undefined` to leave that call to this client's fetch (a library has no grant for apilogin);
   * throw an error with a numeric `status` (and Octorate's `type`, when the library kept the body) when
   * Octorate refused. State, renewal, sharing and retries stay this client's.
   */
  identityRequest?: (call: OctorateIdentityCall) => Promise<unknown>;
}

/** What `identityRequest` is handed: which identity call, its URL and the form fields this client would send. */
export interface OctorateIdentityCall {
  kind: 'token' | 'refresh' | 'apilogin';
  url: string;
  fields: Record<string, string>;
  /** Aborts after the client's time-out. */
  signal: AbortSignal;
}

/** Anything that went wrong. `type` is Octorate's error type (`ApiKeyInvalid`, `ApiQuotaException`…) or the client's own. */
export class OctorateError extends Error {
  override readonly name = 'OctorateError';
  readonly status: number | undefined;
  /** Octorate's `type`, `http_<status>`, or `state_mismatch`, `access_denied`, `authorization_required`, `invalid_token_response`, `invalid_callback`. */
  readonly type: string;
  /** Octorate's X-RateLimit-Remaining on this answer, when it sent one. */
  readonly rateLimitRemaining: number | undefined;

  constructor(message: string, details: { type: string; status?: number; rateLimitRemaining?: number }) {
    super(message);
    this.type = details.type;
    this.status = details.status;
    this.rateLimitRemaining = details.rateLimitRemaining;
  }
}

interface Token {
  value: string;
  /** expireDate, epoch ms. */
  expiresAt: number;
  /** Date.now() from which the token is renewed before use. */
  renewAt: number;
}

type TokenKind = 'property' | 'apilogin';

/** expireDate as epoch ms: the tutorial's "2020-03-17T17:41:51.178Z" or Java's "2023-11-24T00:54:07.922Z[UTC]". */
export function parseExpireDate(value: unknown): number {
  const ms = typeof value === 'string' ? Date.parse(value.replace(/\[[^\]]*\]$/, '')) : Number.NaN;
  if (Number.isNaN(ms)) throw new TypeError(`expireDate ${JSON.stringify(value)} is not a date`);
  return ms;
}

async function refusal(response: Response, what: string): Promise<OctorateError> {
  const text = await response.text().catch(() => '');
  let type = `http_${response.status}`;
  let detail = '';
  try {
    const body = JSON.parse(text) as { type?: unknown; message?: unknown };
    if (typeof body.type === 'string') type = body.type;
    if (typeof body.message === 'string') detail = `: ${body.message}`;
  } catch {
    // Not JSON (a plain 404, a proxy's page): the status says enough.
  }
  const remaining = response.headers.get('x-ratelimit-remaining');
  return new OctorateError(`Octorate ${what} answered ${response.status} ${type}${detail}`, {
    type,
    status: response.status,
    ...(remaining !== null && remaining !== '' ? { rateLimitRemaining: Number(remaining) } : {}),
  });
}

const invalidToken = (status: number, what: string, why: string): OctorateError =>
  new OctorateError(`Octorate ${what} answered ${status} with ${why}, not a token`, { type: 'invalid_token_response', status });

export class OctorateClient {
  readonly #o: Required<Omit<OctorateClientOptions, 'fetch' | 'refreshToken' | 'identityRequest'>> & Pick<OctorateClientOptions, 'fetch' | 'identityRequest'>;
  /** Pending authorisations: state → Date.now() until which it is accepted. */
  readonly #states = new Map<string, number>();
  #refreshToken: string | undefined;
  readonly #tokens: Record<TokenKind, Token | undefined> = { property: undefined, apilogin: undefined };
  readonly #renewing: Record<TokenKind, Promise<Token> | undefined> = { property: undefined, apilogin: undefined };

  constructor(options: OctorateClientOptions) {
    this.#o = { renewBeforeSeconds: 60, stateTtlSeconds: 600, timeoutMs: 30_000, ...options };
    this.#refreshToken = options.refreshToken;
  }

  /** The refresh token of the connected property: store it (encrypted) and pass it back as `refreshToken` to resume. */
  get refreshToken(): string | undefined {
    return this.#refreshToken;
  }

  /** Starts an authorisation: the URL to send the hotelier to, with a fresh state. */
  authorizationUrl(): string {
    const now = Date.now();
    for (const [state, until] of this.#states) if (until < now) this.#states.delete(state);
    const state = randomBytes(32).toString('base64url');
    this.#states.set(state, now + this.#o.stateTtlSeconds * 1000);
    const url = new URL(this.#o.authorizeUrl);
    url.searchParams.set('client_id', this.#o.clientId);
    url.searchParams.set('redirect_uri', this.#o.redirectUri);
    url.searchParams.set('state', state);
    return url.toString();
  }

  /** The redirect back from Octorate: checks the state, then exchanges the code. Rejects with OctorateError. */
  async handleCallback(callbackUrl: string): Promise<void> {
    const params = new URL(callbackUrl).searchParams;
    const state = params.get('state');
    const until = state === null ? undefined : this.#states.get(state);
    if (state !== null) this.#states.delete(state); // single use, whatever comes next
    if (until === undefined || Date.now() > until) {
      throw new OctorateError('The callback’s state is missing, unknown, expired or already used: refused without exchanging the code (CSRF protection)', {
        type: 'state_mismatch',
      });
    }
    const denied = params.get('error');
    if (denied) throw new OctorateError(`The hotelier did not grant access (${denied})`, { type: denied });
    const code = params.get('code');
    if (!code) throw new OctorateError('The callback has no code', { type: 'invalid_callback' });
    const { token, refreshToken } = await this.#identity(
      this.#o.tokenUrl,
      { client_id: this.#o.clientId, client_secret: this.#o.clientSecret, redirect_uri: this.#o.redirectUri, grant_type: 'code', code },
      '/identity/token',
    );
    if (!refreshToken) throw new OctorateError('Octorate /identity/token answered without a refresh_token', { type: 'invalid_token_response', status: 200 });
    this.#refreshToken = refreshToken;
    this.#tokens.property = token;
  }

  /** GET /reservation/{propertyId}: `{data, page}`. */
  reservations(propertyId: string): Promise<unknown> {
    return this.#get('property', `/reservation/${encodeURIComponent(propertyId)}`);
  }

  /** GET /api/configuration: the application's settings (apilogin token). */
  configuration(): Promise<unknown> {
    return this.#get('apilogin', '/api/configuration');
  }

  async #get(kind: TokenKind, path: string): Promise<unknown> {
    let token = await this.#token(kind);
    for (let attempt = 1; ; attempt++) {
      const response = await this.#fetch(`${this.#o.apiBaseUrl}${path}`, {
        headers: { authorization: `Bearer ${token.value}`, accept: 'application/json' },
      });
      if (response.ok) {
        const text = await response.text();
        return text ? (JSON.parse(text) as unknown) : null;
      }
      const error = await refusal(response, `GET ${path}`);
      if (error.status !== 401 || error.type !== 'ApiKeyInvalid' || attempt > 1) throw error;
      // Revoked or expired early: one renewal, one retry.
      if (this.#tokens[kind] === token) this.#tokens[kind] = undefined;
      token = await this.#token(kind);
    }
  }

  /** The current token of that kind, or a renewed one; concurrent callers share the renewal. */
  async #token(kind: TokenKind): Promise<Token> {
    const current = this.#tokens[kind];
    if (current && Date.now() < current.renewAt) return current;
    this.#renewing[kind] ??= (kind === 'property' ? this.#refresh() : this.#apiLogin()).finally(() => {
      this.#renewing[kind] = undefined;
    });
    return this.#renewing[kind];
  }

  async #refresh(): Promise<Token> {
    const refreshToken = this.#refreshToken;
    if (!refreshToken) throw new OctorateError('No property is connected: send the hotelier to authorizationUrl() first', { type: 'authorization_required' });
    try {
      const { token, refreshToken: next } = await this.#identity(
        this.#o.refreshUrl,
        { client_id: this.#o.clientId, client_secret: this.#o.clientSecret, refresh_token: refreshToken },
        '/identity/refresh',
      );
      if (next) this.#refreshToken = next;
      this.#tokens.property = token;
      return token;
    } catch (error) {
      if (!(error instanceof OctorateError) || error.status !== 401) throw error;
      // The refresh token is refused for good: the hotelier disconnected the application.
      if (this.#refreshToken === refreshToken) this.#refreshToken = undefined;
      this.#tokens.property = undefined;
      throw new OctorateError(`${error.message}; the property must be authorised again`, { type: 'authorization_required', status: 401 });
    }
  }

  async #apiLogin(): Promise<Token> {
    const { token } = await this.#identity(this.#o.apiLoginUrl, { client_id: this.#o.clientId, client_secret: this.#o.clientSecret }, '/identity/apilogin');
    this.#tokens.apilogin = token;
    return token;
  }

  /** One identity call: a POST form; the answer must be JSON with access_token and a readable expireDate. */
  async #identity(url: string, fields: Record<string, string>, what: string): Promise<{ token: Token; refreshToken: string | undefined }> {
    const viaLibrary = await this.#viaLibrary(url, fields, what);
    if (viaLibrary !== undefined) return this.#acceptToken(viaLibrary, 200, what);
    const response = await this.#fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(fields),
    });
    if (!response.ok) throw await refusal(response, what);
    let body: unknown;
    try {
      body = JSON.parse(await response.text());
    } catch {
      throw invalidToken(response.status, what, 'a body that is not JSON');
    }
    return this.#acceptToken(body, response.status, what);
  }

  /** The identity call through `identityRequest`, a library's refusal turned into an OctorateError; undefined: use fetch. */
  async #viaLibrary(url: string, fields: Record<string, string>, what: string): Promise<unknown> {
    if (!this.#o.identityRequest) return undefined;
    const kind = what === '/identity/token' ? 'token' : what === '/identity/refresh' ? 'refresh' : 'apilogin';
    try {
      return await this.#o.identityRequest({ kind, url, fields, signal: AbortSignal.timeout(this.#o.timeoutMs) });
    } catch (error) {
      const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
      const message = error instanceof Error ? error.message : String(error);
      if (typeof status !== 'number') throw new OctorateError(`Octorate ${what} failed: ${message}`, { type: 'identity_request_failed' });
      throw new OctorateError(`Octorate ${what} answered ${status}: ${message}`, { type: typeof type === 'string' ? type : `http_${status}`, status });
    }
  }

  #acceptToken(json: unknown, status: number, what: string): { token: Token; refreshToken: string | undefined } {
    const body = (json ?? {}) as { access_token?: unknown; refresh_token?: unknown; expireDate?: unknown };
    if (typeof body.access_token !== 'string' || body.access_token === '') throw invalidToken(status, what, 'no access_token');
    let expiresAt: number;
    try {
      expiresAt = parseExpireDate(body.expireDate);
    } catch {
      throw invalidToken(status, what, `expireDate ${JSON.stringify(body.expireDate)}`);
    }
    const lifetime = Math.max(0, expiresAt - Date.now());
    const margin = Math.min(this.#o.renewBeforeSeconds * 1000, lifetime / 2);
    const refreshToken = typeof body.refresh_token === 'string' && body.refresh_token !== '' ? body.refresh_token : undefined;
    return { token: { value: body.access_token, expiresAt, renewAt: expiresAt - margin }, refreshToken };
  }

  #fetch(url: string, init: RequestInit): Promise<Response> {
    const run = this.#o.fetch ?? globalThis.fetch;
    return run(url, { ...init, signal: AbortSignal.timeout(this.#o.timeoutMs) });
  }
}
