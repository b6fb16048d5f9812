// Deliberately broken ONEiO clients for the suite's own tests: a plain client with one switch per real-world bug.
// With no switch on it passes every check, so each broken client differs from a good one by its bug alone.
import type { BrokenClient } from '../test-support/broken.ts';
import { defineAdapter } from '../types.ts';
import type { OneioAdapter, OneioOperations, OneioSettings } from './settings.ts';

export interface Bugs {
  /** token-form: the token request as JSON, or as a hand-built string that does not encode the password. */
  tokenBody?: 'json' | 'concatenated';
  /** secret-not-in-url: also puts client_id and client_secret in the token URL's query. */
  secretInQuery?: boolean;
  /** receiver-bearer-json: posts the JSON string without Content-Type (fetch then says text/plain). */
  noContentType?: boolean;
  /** token-reuse: takes expires_in as milliseconds, so the token looks stale after 3.6 s. */
  expiresInAsMs?: boolean;
  /** token-reuse (and concurrency): never caches, a new token per message. */
  tokenPerMessage?: boolean;
  /** token-expiry: caches the first token forever; on 401 it fetches a one-off token for the retry and keeps the stale one. */
  ignoreExpiry?: boolean;
  /** retry-on-401: gives up at once / fetches a new token and retries without end / re-sends the same token without end. */
  on401?: 'give-up' | 'retry-forever' | 'same-token';
  /** rate-limit: retries a 429 at once (4 attempts) / at once and without end. */
  on429?: 'at-once' | 'at-once-forever';
  /** unavailable: treats a 5xx as "queued" and reports success / retries at once (4 attempts). */
  on5xx?: 'report-success' | 'at-once';
  /** qa-stays-qa: checks its credentials against the hard-coded PROD token URL when it starts. */
  prodHealthCheck?: boolean;
  /** token-html: `res.json().catch(() => ({}))`, so an HTML page yields access_token undefined. */
  lenientTokenParse?: boolean;
  /** single-token-request: caches the token but lets concurrent callers each fetch one. */
  noSingleFlight?: boolean;
  /**
   * How a failed token request is retried (the base client reports it at once):
   * `every-2s-forever` any failure, every 2 s, without end; `on-401` a 401 like an expired token, at once, 5 attempts;
   * `5xx-at-once` a 5xx at once, 4 attempts; `fixed-backoff` a 429 after 1 s whatever Retry-After says, 4 attempts.
   */
  tokenRetry?: 'every-2s-forever' | 'on-401' | '5xx-at-once' | 'fixed-backoff';
  /** token-malformed: trusts a JSON Content-Type, then `res.json().catch(() => ({}))`: a cut-off body yields access_token undefined. */
  trustContentType?: boolean;
  /** token-slow: gives its token request a 2 s time-out (the base client allows 30 s). */
  tokenTimeoutMs?: number;
  /** token-no-answer: no time-out at all on its requests. */
  noTimeout?: boolean;
  /** receiver-bearer-json@accepted-202: only 200 counts as delivered; any other answer is reported as a failure. */
  only200?: boolean;
}

const PROD_TOKEN_URL = 'https://receiver-authz.service-flow.com/oauth2/token';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

class Refused extends Error {
  readonly status: number;
  readonly retryAfterMs: number | undefined;
  constructor(what: string, response: Response) {
    super(`${what} answered ${response.status}`);
    this.status = response.status;
    const header = response.headers.get('retry-after');
    this.retryAfterMs = header ? Number(header) * 1000 : undefined;
  }
}

class BuggyClient implements OneioOperations {
  readonly #s: OneioSettings;
  readonly #bugs: Bugs;
  #token: { value: string; renewAt: number } | undefined;
  #pending: Promise<string> | undefined;

  constructor(settings: OneioSettings, bugs: Bugs) {
    this.#s = settings;
    this.#bugs = bugs;
  }

  async start(): Promise<void> {
    if (!this.#bugs.prodHealthCheck) return;
    const { clientId, clientSecret } = this.#s;
    await fetch(PROD_TOKEN_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    }).then((r) => r.body?.cancel(), () => undefined);
  }

  async deliver(message: Record<string, unknown>): Promise<unknown> {
    let renewed = false;
    let oneOff: string | undefined;
    for (let attempt = 1; ; attempt++) {
      const token = oneOff ?? (await this.#accessToken());
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (!this.#bugs.noContentType) headers['content-type'] = 'application/json';
      const timeout = this.#bugs.noTimeout ? {} : { signal: AbortSignal.timeout(30_000) };
      const response = await fetch(this.#s.receiverUrl, { method: 'POST', headers, body: JSON.stringify(message), ...timeout });
      if (response.ok && !(this.#bugs.only200 && response.status !== 200)) return response.json();
      const refused = new Refused('ONEiO receiver', response);
      await response.body?.cancel();
      if (response.status === 401) {
        const on401 = this.#bugs.on401;
        if (on401 === 'give-up') throw refused;
        if (on401 === 'same-token') {
          oneOff = token;
          continue;
        }
        if (on401 === 'retry-forever') {
          this.#token = undefined;
          continue;
        }
        if (renewed) throw refused;
        renewed = true;
        if (this.#bugs.ignoreExpiry) oneOff = await this.#requestToken(false);
        else this.#token = undefined;
        continue;
      }
      if (response.status >= 500 && this.#bugs.on5xx === 'report-success') return { status: 'queued' };
      const retryable = response.status === 429 || response.status === 502 || response.status === 503 || response.status === 504;
      const forever = response.status === 429 && this.#bugs.on429 === 'at-once-forever';
      if (!retryable || (attempt >= 4 && !forever)) throw refused;
      const atOnce = response.status === 429 ? this.#bugs.on429 !== undefined : this.#bugs.on5xx === 'at-once';
      await sleep(atOnce ? 0 : (refused.retryAfterMs ?? 1000 * 2 ** (attempt - 1)));
    }
  }

  #accessToken(): Promise<string> {
    const bugs = this.#bugs;
    if (!bugs.tokenPerMessage && this.#token && (bugs.ignoreExpiry || Date.now() < this.#token.renewAt)) return Promise.resolve(this.#token.value);
    if (bugs.tokenPerMessage || bugs.noSingleFlight) return this.#requestToken(!bugs.tokenPerMessage);
    this.#pending ??= this.#requestToken(true).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** One token request, retried as the `tokenRetry` bug says (the base client reports a failure at once). */
  async #requestToken(keep: boolean): Promise<string> {
    const retry = this.#bugs.tokenRetry;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#tokenOnce(keep);
      } catch (error) {
        const status = error instanceof Refused ? error.status : 0;
        if (retry === 'every-2s-forever') await sleep(2000);
        else if (retry === 'on-401' && status === 401 && attempt < 5) continue;
        else if (retry === '5xx-at-once' && status >= 500 && attempt < 4) continue;
        else if (retry === 'fixed-backoff' && status === 429 && attempt < 4) await sleep(1000);
        else throw error;
      }
    }
  }

  async #tokenOnce(keep: boolean): Promise<string> {
    const { tokenUrl, clientId, clientSecret } = this.#s;
    const bugs = this.#bugs;
    const fields = { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret };
    const url = bugs.secretInQuery ? `${tokenUrl}?${new URLSearchParams({ client_id: clientId, client_secret: clientSecret })}` : tokenUrl;
    const init: RequestInit =
      bugs.tokenBody === 'json'
        ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) }
        : bugs.tokenBody === 'concatenated'
          ? {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: `grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`,
            }
          : { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) };
    const timeout = bugs.noTimeout ? {} : { signal: AbortSignal.timeout(bugs.tokenTimeoutMs ?? 30_000) };
    const response = await fetch(url, { ...init, ...timeout });
    if (!response.ok) throw new Refused('ONEiO token endpoint', response);
    let body: { access_token?: string; expires_in?: number };
    if (bugs.trustContentType && (response.headers.get('content-type') ?? '').includes('json')) {
      body = (await response.json().catch(() => ({}))) as typeof body;
    } else if (bugs.lenientTokenParse) {
      body = (await response.json().catch(() => ({}))) as typeof body;
    } else {
      if (!(response.headers.get('content-type') ?? '').includes('json')) throw new Error('the token response is not JSON');
      body = (await response.json()) as typeof body;
      if (typeof body.access_token !== 'string') throw new Error('the token response has no access_token');
    }
    const lifetimeMs = bugs.expiresInAsMs ? Number(body.expires_in ?? 3599) : Number(body.expires_in ?? 3599) * 1000;
    const value = String(body.access_token);
    if (keep) this.#token = { value, renewAt: Date.now() + lifetimeMs - Math.min(60_000, lifetimeMs / 2) };
    return value;
  }
}

/** A looping client is stopped after this many requests in a check (a correct one needs under 20). */
const LOOP_LIMITS = { requests: 40 };

/** An adapter for a client with these bugs. */
export function brokenAdapter(name: string, bugs: Bugs): OneioAdapter {
  return defineAdapter<OneioSettings, OneioOperations>({
    name,
    provider: 'oneio',
    async create(settings) {
      const client = new BuggyClient(settings, bugs);
      await client.start();
      return { deliver: (message) => client.deliver(message) };
    },
  });
}

/** Each broken client, and exactly the checks its bug explains. */
export const BROKEN: Array<BrokenClient<Bugs>> = [
  {
    name: 'sends the token request as JSON',
    bugs: { tokenBody: 'json' },
    fails: ['oneio.token-form'],
    says: [/sent a JSON body to the token endpoint; ONEiO accepts only application\/x-www-form-urlencoded \(it answered 400 invalid_request\)/],
  },
  {
    name: 'builds the token form by string concatenation',
    bugs: { tokenBody: 'concatenated' },
    fails: ['oneio.token-form'],
    says: [/put the client_secret into the form body without encoding it: the endpoint password holds '\+', '&' and '=', so ONEiO read a different secret and 1 stray field\(s\) cut from it \(it answered 400 invalid_request\); build the body with URLSearchParams/],
  },
  {
    name: 'puts the client secret in the token URL',
    bugs: { secretInQuery: true },
    fails: ['oneio.secret-not-in-url'],
    says: [/put a secret in the query of POST https:\/\/receiver-authz-test\.service-flow\.com\/oauth2\/token \(\?client_secret=\); ONEiO takes client_secret only in the form body/],
  },
  {
    name: 'posts messages without Content-Type',
    bugs: { noContentType: true },
    fails: ['oneio.receiver-bearer-json'],
    says: [/sent Content-Type text\/plain; ONEiO’s receiver takes application\/json \(it answered 415 unsupported_media_type\) — fetch labels a string body text\/plain/],
  },
  {
    name: 'reads expires_in as milliseconds',
    bugs: { expiresInAsMs: true },
    fails: ['oneio.token-reuse'],
    says: [/asked ONEiO for 5 tokens to send 5 messages over 4 minutes — a new token for every message; a token is valid for 3599 s/],
  },
  {
    name: 'fetches a token for every message',
    bugs: { tokenPerMessage: true },
    fails: ['oneio.token-reuse', 'oneio.single-token-request'],
    says: [/asked ONEiO for 5 tokens to send 5 messages/, /with no token yet: made 5 token requests for 5 deliveries started together/],
  },
  {
    name: 'ignores expires_in and keeps the expired token',
    bugs: { ignoreExpiry: true },
    // After expiry every concurrent delivery meets its own 401 and fetches its own one-off token.
    fails: ['oneio.single-token-request', 'oneio.token-expiry'],
    says: [/after the token expired: made 5 token requests/, /kept sending the expired token: 3 receiver calls with a token past its 3599 s lifetime, each refused with 401 invalid_token/],
  },
  {
    name: 'gives up on a 401',
    bugs: { on401: 'give-up' },
    fails: ['oneio.retry-on-401'],
    says: [/gave up when ONEiO answered 401 invalid_token for a revoked token \(Error: ONEiO receiver answered 401\); get a new token/],
  },
  {
    name: 'fetches a new token and retries every 401 without end',
    limits: LOOP_LIMITS,
    bugs: { on401: 'retry-forever' },
    fails: ['oneio.retry-on-401'],
    says: [/looped on 401s: every new token was refused too and the client kept going \(\d+ receiver calls and \d+ token requests before the runner stopped it\)/],
  },
  {
    name: 're-sends the refused token after a 401 without end',
    limits: LOOP_LIMITS,
    bugs: { on401: 'same-token' },
    fails: ['oneio.retry-on-401'],
    says: [/sent the refused token again: \d+ receiver calls with a token ONEiO had already answered 401 to; after a 401, get a new token before retrying/],
  },
  {
    name: 'retries a 429 at once',
    bugs: { on429: 'at-once' },
    fails: ['oneio.rate-limit'],
    says: [/retried 3 time\(s\) before Retry-After had passed: the first retry came 0 s after a 429 that said Retry-After: 30/],
  },
  {
    name: 'retries a 429 at once and without end',
    limits: LOOP_LIMITS,
    bugs: { on429: 'at-once-forever' },
    fails: ['oneio.rate-limit'],
    says: [/hammered the rate-limited receiver: \d+ requests in 0 s of virtual time until the runner stopped it; ONEiO said Retry-After: 30/],
  },
  {
    name: 'reports a 503 as delivered',
    bugs: { on5xx: 'report-success' },
    fails: ['oneio.unavailable'],
    says: [/during a short outage \(two 503s\): the client reported the message as delivered, but ONEiO never accepted it \(the message is lost\)/],
  },
  {
    name: 'retries a 503 without backing off',
    bugs: { on5xx: 'at-once' },
    fails: ['oneio.unavailable'],
    says: [/retried \d+ time\(s\) without backing off: the first retry came 0 s after a 503/],
  },
  {
    name: 'checks its QA credentials against PROD at start-up',
    bugs: { prodHealthCheck: true },
    fails: ['oneio.qa-stays-qa'],
    says: [/called ONEiO PROD \(receiver-authz\.service-flow\.com\) 1 time\(s\) although configured for QA/],
  },
  {
    name: 'parses the token response leniently',
    bugs: { lenientTokenParse: true },
    fails: ['oneio.token-html', 'oneio.token-malformed'],
    says: [
      /sent "Authorization: Bearer undefined" to the receiver after ONEiO’s token endpoint answered 200 with an HTML page/,
      /called ONEiO’s API with "Authorization: Bearer undefined" while ONEiO’s token endpoint answered 200 with a cut-off JSON body; an answer that is not a token is an error — report it, never send what came of it/,
    ],
  },
  {
    name: 'lets concurrent deliveries each fetch a token',
    bugs: { noSingleFlight: true },
    fails: ['oneio.single-token-request'],
    says: [/with no token yet: made 5 token requests for 5 deliveries started together; let concurrent deliveries wait on one in-flight token request/],
  },
  {
    name: 'retries a failed token request every 2 s without end',
    limits: LOOP_LIMITS,
    bugs: { tokenRetry: 'every-2s-forever' },
    fails: ['oneio.token-html', 'oneio.token-refused', 'oneio.token-unavailable', 'oneio.token-rate-limited', 'oneio.token-malformed', 'oneio.token-no-answer'],
    says: [
      /kept asking for a token: 40 token requests answered with HTML until the runner stopped it/,
      /kept calling ONEiO’s token endpoint while it refused the client’s credentials: \d+ requests in \d+ s of virtual time until the runner stopped it \(ONEiO answered 401 invalid_client\); a refused client_id\/client_secret is not cured by retrying/,
      /kept calling ONEiO’s token endpoint while it answered 503: \d+ requests .* until the runner stopped it/,
      /asked ONEiO’s token endpoint again \d+ time\(s\) before Retry-After had passed: the first retry came 2 s after a 429 that said Retry-After: 30/,
      /kept calling ONEiO’s token endpoint while it answered 200 with a cut-off JSON body/,
      /kept calling ONEiO’s token endpoint while it never answered: 40 requests in \d+ s of virtual time until the runner stopped it; give each request a time-out of its own, back off/,
    ],
  },
  {
    name: 'retries a 401 from the token endpoint like an expired token',
    bugs: { tokenRetry: 'on-401' },
    fails: ['oneio.token-refused'],
    says: [/made 5 requests to ONEiO’s token endpoint for one operation while it refused the client’s credentials; a refused client_id\/client_secret is not cured by retrying — report the failure .* — at most 2 attempts/],
  },
  {
    name: 'retries a 503 from the token endpoint at once',
    bugs: { tokenRetry: '5xx-at-once' },
    fails: ['oneio.token-unavailable'],
    says: [/retried ONEiO’s token endpoint 3 time\(s\) without backing off: the first retry came 0 s after a 503; wait between attempts/],
  },
  {
    name: 'retries a 429 from the token endpoint after a fixed second',
    bugs: { tokenRetry: 'fixed-backoff' },
    fails: ['oneio.token-rate-limited'],
    says: [/asked ONEiO’s token endpoint again 3 time\(s\) before Retry-After had passed: the first retry came 1 s after a 429 that said Retry-After: 30; ONEiO keeps answering 429 until then/],
  },
  {
    name: 'parses any token answer labelled JSON leniently',
    bugs: { trustContentType: true },
    fails: ['oneio.token-malformed'],
    says: [/called ONEiO’s API with "Authorization: Bearer undefined" while ONEiO’s token endpoint answered 200 with a cut-off JSON body; an answer that is not a token is an error/],
  },
  {
    name: 'gives its token request a 2 s time-out',
    bugs: { tokenTimeoutMs: 2000 },
    fails: ['oneio.token-slow'],
    says: [/gave up on ONEiO’s token endpoint after 2 s although it answers in 5 s \(TimeoutError: The operation was aborted due to timeout\); the client’s own time-out is shorter than a slow moment of ONEiO/],
  },
  {
    name: 'has no time-out on its requests',
    bugs: { noTimeout: true },
    fails: ['oneio.token-no-answer'],
    says: [/waited 300 s for ONEiO’s token endpoint, which never answered, until a gateway cut the request off \(504\): the client has no time-out of its own — give every request one/],
  },
  {
    name: 'takes only 200 from the receiver as delivered',
    bugs: { only200: true },
    fails: ['oneio.receiver-bearer-json@accepted-202'],
    says: [/message 1: the client reported the delivery as failed \(Error: ONEiO receiver answered 202\), but ONEiO had accepted the message \(it answered 202\); every 2xx from the receiver means delivered/],
  },
];
