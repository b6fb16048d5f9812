// A small, correct ONEiO REST-receiver client on plain fetch: one shared client-credentials token and bounded, polite retries.
//
// What it does, and why (shared/providers/oneio.md, seed 001):
// - Token: POST the token URL with an application/x-www-form-urlencoded body of exactly grant_type=client_credentials,
//   client_id and client_secret, built with URLSearchParams (the password may hold '+', '&', '='). Never in a URL.
// - The token is kept and reused until `renewBeforeSeconds` before its expires_in runs out (3599 s at ONEiO),
//   measured with Date.now(). Concurrent deliveries wait on one in-flight token request.
// - A token response is accepted only as JSON with a non-empty access_token, token_type Bearer and a positive
//   expires_in. A proxy's HTML page with status 200 is an error, never "Bearer undefined".
// - Delivery: POST the receiver URL with "Authorization: Bearer <token>" and the message as a JSON body.
// - 401: forget the token, get a new one and retry once; a second 401 is reported.
// - 429: wait Retry-After (seconds or HTTP date) and retry; 502/503/504: wait Retry-After or back off 1 s, 2 s, 4 s…;
//   at most `maxAttempts` attempts per message, then the delivery fails with OneioError. A 2xx is never retried,
//   so a message is not delivered twice; any other answer fails at once.
// Sleeping uses the global setTimeout at call time, so fake timers (and the contract suite's virtual time) apply.

export interface OneioClientOptions {
  /** `https://receiver-authz-test.service-flow.com/oauth2/token` (QA) or the PROD one. */
  tokenUrl: string;
  /** `https://rest-receiver-test.service-flow.com/api/v2` (QA) or the PROD one. */
  receiverUrl: string;
  /** The ONEiO endpoint user's username. */
  clientId: string;
  /** The ONEiO endpoint user's password. */
  clientSecret: string;
  /** Get a new token this many seconds before the current one expires (default 60; at most half the lifetime). */
  renewBeforeSeconds?: number;
  /** Attempts per message for 429 and 5xx answers, the first included (default 4). */
  maxAttempts?: number;
  /** Longest wait the client accepts from Retry-After, in seconds; a longer one fails the delivery (default 300). */
  maxWaitSeconds?: number;
  /** First back-off after a 5xx without Retry-After, doubled each time (default 1000 ms). */
  backoffMs?: number;
  /** Per-request time-out in real milliseconds (default 30 000). */
  timeoutMs?: number;
  /** The fetch to use (default the global one, looked up at each call). */
  fetch?: typeof fetch;
  /**
   * Asks for the token with your own OAuth library instead of fetch: resolve with the token response's JSON
   * body; throw an error with a numeric `status` (and `retryAfter`, the header's text) when ONEiO refused.
   * Caching, sharing, renewal and retries stay this client's. Default: a form POST with fetch.
   */
  requestToken?: (request: OneioTokenRequest) => Promise<unknown>;
}

/** What `requestToken` is handed. */
export interface OneioTokenRequest {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Aborts after the client's time-out. */
  signal: AbortSignal;
}

/** A failed token request or delivery. `status` is the HTTP status when ONEiO (or a proxy) answered. */
export class OneioError extends Error {
  override readonly name = 'OneioError';
  readonly status: number | undefined;
  /** The OAuth `error` code, or `invalid_token_response`, `retry_after_too_long`, `http_<status>`. */
  readonly code: string;
  /** Set for answers worth retrying (429, 502, 503, 504): how long ONEiO asked to wait, if it said. */
  readonly retryAfterMs: number | undefined;
  readonly retryable: boolean;

  constructor(message: string, details: { code: string; status?: number; retryable?: boolean; retryAfterMs?: number }) {
    super(message);
    this.code = details.code;
    this.status = details.status;
    this.retryable = details.retryable ?? false;
    this.retryAfterMs = details.retryAfterMs;
  }
}

export interface DeliveryReceipt {
  /** The receiver's HTTP status (200 or 202). */
  status: number;
  /** The receiver's acknowledgement, parsed when it is JSON. */
  body: unknown;
  attempts: number;
}

interface Token {
  value: string;
  /** Date.now() after which the client asks for a new token. */
  renewAt: number;
}

const RETRYABLE = new Set([429, 502, 503, 504]);

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

async function describeRefusal(response: Response, what: string): Promise<OneioError> {
  const text = await response.text().catch(() => '');
  let code = `http_${response.status}`;
  let detail = '';
  try {
    const body = JSON.parse(text) as { error?: unknown; error_description?: unknown };
    if (typeof body.error === 'string') code = body.error;
    if (typeof body.error_description === 'string') detail = `: ${body.error_description}`;
  } catch {
    // Not JSON: the status says enough.
  }
  const retryable = RETRYABLE.has(response.status);
  return new OneioError(`ONEiO ${what} answered ${response.status} ${code}${detail}`, {
    code,
    status: response.status,
    retryable,
    retryAfterMs: retryable ? retryAfterMs(response.headers.get('retry-after')) : undefined,
  });
}

function isJson(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

const invalidToken = (status: number, why: string): OneioError =>
  new OneioError(`ONEiO token endpoint answered ${status} with ${why}, not a token`, { code: 'invalid_token_response', status });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class OneioClient {
  readonly #options: Required<Omit<OneioClientOptions, 'fetch' | 'requestToken'>> & Pick<OneioClientOptions, 'fetch' | 'requestToken'>;
  #token: Token | undefined;
  #pending: Promise<Token> | undefined;

  constructor(options: OneioClientOptions) {
    this.#options = {
      renewBeforeSeconds: 60,
      maxAttempts: 4,
      maxWaitSeconds: 300,
      backoffMs: 1000,
      timeoutMs: 30_000,
      ...options,
    };
  }

  /** Delivers one message; resolves when ONEiO accepted it, rejects with OneioError when it did not. */
  async deliver(message: unknown): Promise<DeliveryReceipt> {
    const body = JSON.stringify(message);
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      const token = await this.#withRetries(() => this.#accessToken());
      const response = await this.#fetch(this.#options.receiverUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.value}`, 'content-type': 'application/json', accept: 'application/json' },
        body,
      });
      if (response.ok) {
        const text = await response.text();
        return { status: response.status, body: isJson(response.headers.get('content-type')) ? JSON.parse(text || 'null') : text, attempts: attempt };
      }
      if (response.status === 401 && !renewed) {
        // The token was revoked or expired early: one new token, one retry.
        await response.body?.cancel();
        renewed = true;
        this.#forget(token);
        continue;
      }
      const error = await describeRefusal(response, 'receiver');
      if (!error.retryable || attempt >= this.#options.maxAttempts) throw error;
      await this.#pause(error, attempt);
    }
  }

  /** The current token, or a new one; callers arriving while one is being fetched share that request. */
  async #accessToken(): Promise<Token> {
    if (this.#token && Date.now() < this.#token.renewAt) return this.#token;
    this.#pending ??= this.#requestToken().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #requestToken(): Promise<Token> {
    const { tokenUrl, clientId, clientSecret, requestToken } = this.#options;
    if (requestToken) return this.#acceptToken(await this.#viaLibrary(() => requestToken({ tokenUrl, clientId, clientSecret, signal: AbortSignal.timeout(this.#options.timeoutMs) })), 200);
    const response = await this.#fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    });
    if (!response.ok) throw await describeRefusal(response, 'token endpoint');
    const type = response.headers.get('content-type');
    const text = await response.text();
    if (!isJson(type)) throw invalidToken(response.status, `${type || 'no Content-Type'} (${JSON.stringify(text.slice(0, 60))})`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw invalidToken(response.status, 'a body that is not valid JSON');
    }
    return this.#acceptToken(body, response.status);
  }

  /** A library's refusal as a OneioError, so that retries and reports work as for fetch. */
  async #viaLibrary(call: () => Promise<unknown>): Promise<unknown> {
    try {
      return await call();
    } catch (error) {
      const { status, retryAfter } = (error ?? {}) as { status?: unknown; retryAfter?: unknown };
      const message = error instanceof Error ? error.message : String(error);
      if (typeof status !== 'number') throw new OneioError(`ONEiO token request failed: ${message}`, { code: 'token_request_failed' });
      const retryable = RETRYABLE.has(status);
      throw new OneioError(`ONEiO token endpoint answered ${status}: ${message}`, {
        code: `http_${status}`,
        status,
        retryable,
        retryAfterMs: retryable ? retryAfterMs(typeof retryAfter === 'string' ? retryAfter : null) : undefined,
      });
    }
  }

  #acceptToken(json: unknown, status: number): Token {
    const body = (json ?? {}) as { access_token?: unknown; token_type?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || body.access_token === '') throw invalidToken(status, 'JSON without an access_token');
    if (typeof body.token_type !== 'string' || body.token_type.toLowerCase() !== 'bearer') throw invalidToken(status, `token_type ${String(body.token_type)}`);
    const lifetime = Number(body.expires_in);
    if (!Number.isFinite(lifetime) || lifetime <= 0) throw invalidToken(status, `expires_in ${String(body.expires_in)}`);
    const margin = Math.min(this.#options.renewBeforeSeconds, lifetime / 2);
    const token = { value: body.access_token, renewAt: Date.now() + (lifetime - margin) * 1000 };
    this.#token = token;
    return token;
  }

  #forget(token: Token): void {
    if (this.#token === token) this.#token = undefined;
  }

  /** Runs `step`, waiting and retrying on 429/5xx answers, at most maxAttempts times. */
  async #withRetries<T>(step: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await step();
      } catch (error) {
        if (!(error instanceof OneioError) || !error.retryable || attempt >= this.#options.maxAttempts) throw error;
        await this.#pause(error, attempt);
      }
    }
  }

  async #pause(error: OneioError, attempt: number): Promise<void> {
    const wait = error.retryAfterMs ?? this.#options.backoffMs * 2 ** (attempt - 1);
    if (wait > this.#options.maxWaitSeconds * 1000) {
      throw new OneioError(`${error.message}; asked to wait ${Math.ceil(wait / 1000)} s, more than maxWaitSeconds`, {
        code: 'retry_after_too_long',
        status: error.status,
      });
    }
    await sleep(wait);
  }

  #fetch(url: string, init: RequestInit): Promise<Response> {
    const run = this.#options.fetch ?? globalThis.fetch;
    return run(url, { ...init, signal: AbortSignal.timeout(this.#options.timeoutMs) });
  }
}
