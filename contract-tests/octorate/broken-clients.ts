// Deliberately broken Octorate clients for the suite's own tests: a plain client with one switch per real-world bug.
// With no switch on it passes every check, so each broken client differs from a good one by its bug alone.
import { randomUUID } from 'node:crypto';
import type { BrokenClient } from '../test-support/broken.ts';
import { defineAdapter } from '../types.ts';
import type { OctorateAdapter, OctorateOperations, OctorateSettings } from './settings.ts';

export interface Bugs {
  /** identity-form: identity calls as JSON, or as a hand-built string that does not encode the secret. */
  identityBody?: 'json' | 'concatenated';
  /** refresh-form: the refresh alone as JSON / sent to /identity/token with grant_type=refresh_token. */
  refreshCall?: 'json' | 'to-token-endpoint';
  /** identity-form: POSTs /identity/apilogin with client_id and client_secret in the query string and no body. */
  apiLoginInQuery?: boolean;
  /** grant-type-code: the RFC 6749 grant_type. */
  grantType?: string;
  /** redirect-uri-match: rebuilds redirect_uri from the callback request, which reached it as http:// behind a TLS-terminating proxy. */
  redirectUriFromRequest?: boolean;
  /** code-exchange: hands the exchange to a job that runs this many seconds later. */
  exchangeDelaySeconds?: number;
  /** code-exchange: retries a refused exchange, three attempts a second apart. */
  retryExchange?: boolean;
  /** token-kinds: one token for everything — the property token, or the apilogin token. */
  oneToken?: 'property' | 'apilogin';
  /** state-csrf: never checks the state / uses one fixed state. */
  state?: 'unchecked' | 'constant';
  /** refresh-token: throws the refresh token away / keeps the code and exchanges it again when the token expires. */
  renewal?: 'forget-refresh-token' | 'code-again';
  /** expire-date: assumes a 24 h token and ignores expireDate / `new Date(expireDate)`, NaN for "…Z[UTC]". */
  expiry?: 'fixed-24h' | 'naive-parse';
  /** retry-on-401: gives up / renews and retries without end / retries with the same token without end. */
  on401?: 'give-up' | 'retry-forever' | 'same-token';
  /** quota: retries a 403 at once (4 attempts) / takes a 403 for an expired token: renews it and retries. */
  on403?: 'at-once' | 'renew-token';
  /** apilogin-expiry: caches the first apilogin token forever; on 401 fetches a one-off token for the retry and keeps the stale one. */
  apiLoginForever?: boolean;
  /** single-renewal: every caller that finds no valid token renews it itself. */
  noSingleFlight?: boolean;
  /**
   * How a failed /identity/apilogin is retried (the base client reports it at once): `refused` a 403 at once, 4 attempts;
   * `5xx-at-once` a 5xx at once, 4 attempts; `every-2s-forever` any failure, every 2 s, without end.
   */
  apiLoginRetry?: 'refused' | '5xx-at-once' | 'every-2s-forever';
  /** apilogin-* and refresh-*: keeps a failed renewal's promise as the pending one, so every later caller gets the same rejection. */
  cacheFailedRenewal?: boolean;
  /** apilogin-malformed: `res.json().catch(() => ({}))` on the apilogin answer. */
  lenientApiLogin?: boolean;
  /** apilogin-slow / apilogin-no-answer: the apilogin request's time-out (base: 30 s; 0: none). */
  apiLoginTimeoutMs?: number;
  /** refresh-no-answer: the refresh request's time-out (base: 30 s; 0: none). */
  refreshTimeoutMs?: number;
  /** refresh-unavailable: retries a 5xx from /identity/refresh at once, 4 attempts. */
  refresh5xxAtOnce?: boolean;
  /** slow-single-use: retries a code exchange that timed out, 3 attempts 2 s apart. */
  retryExchangeOnTimeout?: boolean;
  /** refresh-token@rotating: keeps the refresh token of the code exchange, ignoring a new one in a refresh answer. */
  keepFirstRefreshToken?: boolean;
  /** refresh-token@no-refresh-token: takes refresh_token from every answer as is — undefined when a refresh answer has none. */
  refreshTokenAsIs?: boolean;
  /** retry-on-401@refresh-refused-4xx: takes only a 401 as a refused refresh token and retries a refresh refused with this status, 3 attempts 2 s apart. */
  retryRefusedRefresh?: 400 | 403;
}

const FORM = 'application/x-www-form-urlencoded';
const CONSTANT_STATE = 'octorate-connect';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** A request time-out; 0 means none. */
const timeout = (ms: number): AbortSignal | undefined => (ms > 0 ? AbortSignal.timeout(ms) : undefined);

type Kind = 'property' | 'apilogin';

interface Tok {
  value: string;
  renewAt: number;
}

interface TokenBody {
  access_token: string;
  refresh_token?: string;
  expireDate: string;
}

class Refused extends Error {
  readonly status: number;
  constructor(what: string, status: number, type: string) {
    super(`Octorate ${what} answered ${status} ${type}`);
    this.status = status;
  }
}

async function refused(what: string, response: Response): Promise<Refused> {
  const body = (await response.json().catch(() => ({}))) as { type?: string };
  return new Refused(what, response.status, body.type ?? '');
}

class BuggyClient implements OctorateOperations {
  readonly #s: OctorateSettings;
  readonly #bugs: Bugs;
  readonly #states = new Set<string>();
  #code: string | undefined;
  #refreshToken: string | undefined;
  #property: Tok | undefined;
  #apiLogin: Tok | undefined;
  readonly #pending: Record<Kind, Promise<string> | undefined> = { property: undefined, apilogin: undefined };

  constructor(settings: OctorateSettings, bugs: Bugs) {
    this.#s = settings;
    this.#bugs = bugs;
  }

  authorizationUrl(): string {
    const state = this.#bugs.state === 'constant' ? CONSTANT_STATE : randomUUID();
    this.#states.add(state);
    const url = new URL(this.#s.authorizeUrl);
    url.search = new URLSearchParams({ client_id: this.#s.clientId, redirect_uri: this.#s.redirectUri, state }).toString();
    return url.toString();
  }

  async handleCallback(callbackUrl: string): Promise<void> {
    const url = new URL(callbackUrl);
    const state = url.searchParams.get('state');
    if (this.#bugs.state === undefined) {
      if (!state || !this.#states.delete(state)) throw new Error('state mismatch');
    } else if (this.#bugs.state === 'constant' && state !== CONSTANT_STATE) {
      throw new Error('state mismatch');
    }
    const code = url.searchParams.get('code');
    if (!code) throw new Error('no code in the callback');
    if (this.#bugs.exchangeDelaySeconds) await sleep(this.#bugs.exchangeDelaySeconds * 1000);
    const redirectUri = this.#bugs.redirectUriFromRequest ? `http://${url.host}${url.pathname}` : this.#s.redirectUri;
    const fields = { client_id: this.#s.clientId, client_secret: this.#s.clientSecret, redirect_uri: redirectUri, grant_type: this.#bugs.grantType ?? 'code', code };
    let body: TokenBody;
    for (let attempt = 1; ; attempt++) {
      try {
        body = await this.#identity(this.#s.tokenUrl, '/identity/token', fields);
        break;
      } catch (error) {
        const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
        if (this.#bugs.retryExchangeOnTimeout && timedOut && attempt < 3) {
          await sleep(2000);
          continue;
        }
        if (!this.#bugs.retryExchange || attempt >= 3) throw error;
        await sleep(1000);
      }
    }
    this.#code = code;
    this.#keep(body, 'code');
  }

  reservations(propertyId: string): Promise<unknown> {
    return this.#call(this.#bugs.oneToken ?? 'property', `/reservation/${propertyId}`);
  }

  configuration(): Promise<unknown> {
    return this.#call(this.#bugs.oneToken ?? 'apilogin', '/api/configuration');
  }

  async #call(kind: Kind, path: string): Promise<unknown> {
    const bugs = this.#bugs;
    let token = await this.#token(kind);
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(`${this.#s.apiBaseUrl}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: timeout(30_000) });
      if (response.ok) return response.json();
      const error = await refused(`GET ${path}`, response);
      if (response.status === 401) {
        if (bugs.on401 === 'give-up') throw error;
        if (bugs.on401 === 'same-token') continue;
        if (renewed && bugs.on401 !== 'retry-forever') throw error;
        renewed = true;
        if (kind === 'apilogin' && bugs.apiLoginForever) {
          token = this.#tok(await this.#apiLoginCall()).value;
          continue;
        }
        this.#drop(kind, token);
        token = await this.#token(kind);
        continue;
      }
      if (response.status === 403 && bugs.on403 === 'at-once' && attempt < 4) continue;
      if (response.status === 403 && bugs.on403 === 'renew-token' && !renewed) {
        renewed = true;
        this.#drop(kind, token);
        token = await this.#token(kind);
        continue;
      }
      throw error;
    }
  }

  /** Forgets the token of that kind if it is still the one that was refused. */
  #drop(kind: Kind, token: string): void {
    if (kind === 'property' && this.#property?.value === token) this.#property = undefined;
    if (kind === 'apilogin' && this.#apiLogin?.value === token) this.#apiLogin = undefined;
  }

  /** The held token of that kind, or a renewal that concurrent callers share (unless `noSingleFlight`). */
  #token(kind: Kind): Promise<string> {
    const held = kind === 'apilogin' ? this.#apiLogin : this.#property;
    if (held && (Date.now() < held.renewAt || (kind === 'apilogin' && this.#bugs.apiLoginForever))) return Promise.resolve(held.value);
    if (this.#bugs.noSingleFlight) return this.#renew(kind);
    const pending = (this.#pending[kind] ??= this.#renew(kind));
    const clear = (): void => {
      if (this.#pending[kind] === pending) this.#pending[kind] = undefined;
    };
    pending.then(clear, this.#bugs.cacheFailedRenewal ? () => undefined : clear);
    return pending;
  }

  #renew(kind: Kind): Promise<string> {
    return kind === 'apilogin' ? this.#renewApiLogin() : this.#renewProperty();
  }

  async #renewApiLogin(): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        this.#apiLogin = this.#tok(await this.#apiLoginCall());
        return this.#apiLogin.value;
      } catch (error) {
        const status = error instanceof Refused ? error.status : 0;
        const retry = this.#bugs.apiLoginRetry;
        if (retry === 'every-2s-forever') await sleep(2000);
        else if (retry === 'refused' && status === 403 && attempt < 4) continue;
        else if (retry === '5xx-at-once' && status >= 500 && attempt < 4) continue;
        else throw error;
      }
    }
  }

  async #apiLoginCall(): Promise<TokenBody> {
    const { clientId, clientSecret } = this.#s;
    const limit = this.#bugs.apiLoginTimeoutMs ?? 30_000;
    if (this.#bugs.apiLoginInQuery) {
      const url = `${this.#s.apiLoginUrl}?${new URLSearchParams({ client_id: clientId, client_secret: clientSecret })}`;
      return this.#answer('/identity/apilogin', await fetch(url, { method: 'POST', signal: timeout(limit) }));
    }
    return this.#identity(this.#s.apiLoginUrl, '/identity/apilogin', { client_id: clientId, client_secret: clientSecret }, limit);
  }

  async #renewProperty(): Promise<string> {
    const { clientId, clientSecret } = this.#s;
    if (this.#bugs.renewal === 'code-again' && this.#code) {
      const fields = { client_id: clientId, client_secret: clientSecret, redirect_uri: this.#s.redirectUri, grant_type: 'code', code: this.#code };
      this.#keep(await this.#identity(this.#s.tokenUrl, '/identity/token', fields), 'code');
      return this.#property!.value;
    }
    for (let attempt = 1; ; attempt++) {
      if (!this.#refreshToken) throw new Error('not connected: the hotelier must authorise the application again');
      const fields = { client_id: clientId, client_secret: clientSecret, refresh_token: this.#refreshToken };
      try {
        const limit = this.#bugs.refreshTimeoutMs ?? 30_000;
        const answer =
          this.#bugs.refreshCall === 'json'
            ? await this.#answer('/identity/refresh', await fetch(this.#s.refreshUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields), signal: timeout(limit) }))
            : this.#bugs.refreshCall === 'to-token-endpoint'
              ? await this.#identity(this.#s.tokenUrl, '/identity/token', { ...fields, grant_type: 'refresh_token' }, limit)
              : await this.#identity(this.#s.refreshUrl, '/identity/refresh', fields, limit);
        this.#keep(answer, 'refresh');
        return this.#property!.value;
      } catch (error) {
        const status = error instanceof Refused ? error.status : 0;
        if (this.#bugs.refresh5xxAtOnce && status >= 500 && attempt < 4) continue;
        if (this.#bugs.retryRefusedRefresh === status && attempt < 3) {
          await sleep(2000);
          continue;
        }
        throw error;
      }
    }
  }

  #keep(body: TokenBody, from: 'code' | 'refresh'): void {
    const bugs = this.#bugs;
    if (bugs.renewal === undefined) {
      if (bugs.refreshTokenAsIs) this.#refreshToken = body.refresh_token;
      else if (body.refresh_token && !(bugs.keepFirstRefreshToken && from === 'refresh')) this.#refreshToken = body.refresh_token;
    }
    this.#property = this.#tok(body);
  }

  #tok(body: TokenBody): Tok {
    const expiry = this.#bugs.expiry;
    const expiresAt =
      expiry === 'fixed-24h'
        ? Date.now() + 86_400_000
        : expiry === 'naive-parse'
          ? new Date(body.expireDate).getTime()
          : Date.parse(String(body.expireDate).replace(/\[[^\]]*\]$/, ''));
    return { value: body.access_token, renewAt: expiresAt - 60_000 };
  }

  async #identity(url: string, what: string, fields: Record<string, string>, limitMs = 30_000): Promise<TokenBody> {
    const body =
      this.#bugs.identityBody === 'json'
        ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) }
        : this.#bugs.identityBody === 'concatenated'
          ? { headers: { 'content-type': FORM }, body: Object.entries(fields).map(([k, v]) => `${k}=${v}`).join('&') }
          : { headers: { 'content-type': FORM }, body: new URLSearchParams(fields) };
    return this.#answer(what, await fetch(url, { method: 'POST', ...body, signal: timeout(limitMs) }));
  }

  async #answer(what: string, response: Response): Promise<TokenBody> {
    if (!response.ok) throw await refused(what, response);
    if (what === '/identity/apilogin' && this.#bugs.lenientApiLogin) return (await response.json().catch(() => ({}))) as TokenBody;
    return (await response.json()) as TokenBody;
  }
}

/** A looping client is stopped after this many requests in a check (a correct one needs under 20). */
const LOOP_LIMITS = { requests: 40 };

/** An adapter for a client with these bugs. */
export function brokenAdapter(name: string, bugs: Bugs): OctorateAdapter {
  return defineAdapter<OctorateSettings, OctorateOperations>({
    name,
    provider: 'octorate',
    create(settings) {
      const client = new BuggyClient(settings, bugs);
      return {
        authorizationUrl: () => client.authorizationUrl(),
        handleCallback: (url) => client.handleCallback(url),
        reservations: (propertyId) => client.reservations(propertyId),
        configuration: () => client.configuration(),
      };
    },
  });
}

/** Each broken client, and exactly the checks its bug explains. */
export const BROKEN: Array<BrokenClient<Bugs>> = [
  {
    name: 'sends the identity calls as JSON',
    bugs: { identityBody: 'json' },
    fails: ['octorate.identity-form'],
    says: [/sent a JSON body to \/identity\/token; Octorate's identity calls take only application\/x-www-form-urlencoded form params .* \(it answered 400 ApiParamsExemption\)/],
  },
  {
    name: 'builds the identity forms by string concatenation',
    bugs: { identityBody: 'concatenated' },
    fails: ['octorate.identity-form'],
    says: [/put the client_secret into the \/identity\/token form without encoding it: the application secret holds '\+', '\/' and '=', so Octorate read the '\+' as a space — a different secret \(it answered 403 ApiSecurityException\); build the body with URLSearchParams/],
  },
  {
    name: 'puts the apilogin credentials in the query string',
    bugs: { apiLoginInQuery: true },
    fails: ['octorate.identity-form'],
    says: [/put "client_id", "client_secret" in the query string of POST \/identity\/apilogin; Octorate reads identity params only from an application\/x-www-form-urlencoded body.*\(it answered 400 ApiParamsExemption\)/],
  },
  {
    name: 'sends grant_type=authorization_code',
    bugs: { grantType: 'authorization_code' },
    fails: ['octorate.grant-type-code'],
    says: [/sent grant_type=authorization_code to \/identity\/token; Octorate wants grant_type=code \(it answered 400 ApiParamsExemption\)/],
  },
  {
    name: 'rebuilds the redirect URI from the callback request behind a TLS proxy',
    bugs: { redirectUriFromRequest: true },
    fails: ['octorate.redirect-uri-match'],
    says: [/sent redirect_uri "http:\/\/app\.example\.test\/octorate\/callback" to \/identity\/token, but the authorisation URL had "https:\/\/app\.example\.test\/octorate\/callback"; Octorate compares the two exactly \(it answered 400 ApiParamsExemption\)/],
  },
  {
    name: 'exchanges the code from a job 90 s later',
    bugs: { exchangeDelaySeconds: 90 },
    fails: ['octorate.code-exchange'],
    says: [/exchanged the code 90 s after Octorate redirected the hotelier back; Octorate takes a code only within 60 s of the redirect \(it answered 400 ApiParamsExemption\)/],
  },
  {
    name: 'retries a refused code exchange',
    bugs: { retryExchange: true },
    fails: ['octorate.code-exchange'],
    says: [/retried a code Octorate had refused: 3 \/identity\/token calls with the same code \(Octorate answered the first 400 ApiParamsExemption\)/],
  },
  {
    name: 'uses the property token for API operations',
    bugs: { oneToken: 'property' },
    fails: ['octorate.token-kinds'],
    says: [/called GET \/api\/configuration with the property token \(from \/identity\/token or \/identity\/refresh\); API operations take the API-operations token from \/identity\/apilogin \(it answered 403 ApiSecurityException\)/],
  },
  {
    name: 'uses the apilogin token for property calls',
    bugs: { oneToken: 'apilogin' },
    fails: ['octorate.token-kinds'],
    says: [/called GET \/reservation\/\{id\} with the API-operations token \(from \/identity\/apilogin\); property calls take the property token .* \(it answered 403 ApiSecurityException\)/],
  },
  {
    name: 'never checks the state',
    bugs: { state: 'unchecked' },
    fails: ['octorate.state-csrf'],
    says: [/exchanged an attacker’s code that arrived with a state the client never issued \(Octorate answered 200\): the tokens connect the attacker’s property \d+ to this hotelier’s account/],
  },
  {
    name: 'uses one fixed state',
    bugs: { state: 'constant' },
    fails: ['octorate.state-csrf'],
    says: [/used the same state "octorate-connect" in two authorisation URLs[^]*exchanged the code again when the same callback arrived a second time \(the hotelier reloaded the page\): Octorate refused the spent code \(400 ApiParamsExemption\)/],
  },
  {
    name: 'throws the refresh token away',
    bugs: { renewal: 'forget-refresh-token' },
    fails: ['octorate.refresh-token'],
    says: [/1 h after connecting, once the property token had expired: gave up \(.*\) instead of calling \/identity\/refresh with the refresh token from \/identity\/token; Octorate’s refresh token does not expire/],
  },
  {
    name: 'exchanges the old code again instead of refreshing',
    bugs: { renewal: 'code-again' },
    fails: ['octorate.refresh-token'],
    says: [/went back to \/identity\/token with the old code instead of calling \/identity\/refresh; a code is single use — Octorate refused it \(400 ApiParamsExemption\) and revoked the tokens issued from it/],
  },
  {
    name: 'assumes a 24 h token and ignores expireDate',
    bugs: { expiry: 'fixed-24h' },
    fails: ['octorate.expire-date'],
    says: [/sent the property token octorate-access-\d+ after its expireDate "2026-01-05T10:00:00\.000Z" had passed \(Octorate answered 401 ApiKeyInvalid\); Octorate gives no expires_in/],
  },
  {
    name: 'parses expireDate with new Date()',
    bugs: { expiry: 'naive-parse' },
    fails: ['octorate.expire-date'],
    says: [/once Octorate wrote expireDate in Java’s zoned form "[^"]+Z\[UTC\]", asked for a new token while the property token had more than 40 min left: new Date\("…Z\[UTC\]"\) is Invalid Date/],
  },
  {
    name: 'gives up on a 401',
    bugs: { on401: 'give-up' },
    fails: ['octorate.retry-on-401'],
    says: [/gave up when Octorate answered 401 ApiKeyInvalid for a revoked property token \(Error: Octorate GET \/reservation\/\d+ answered 401 ApiKeyInvalid\); call \/identity\/refresh once/],
  },
  {
    name: 'refreshes and retries every 401 without end',
    limits: LOOP_LIMITS,
    bugs: { on401: 'retry-forever' },
    fails: ['octorate.retry-on-401'],
    says: [/looped on 401 ApiKeyInvalid: every refreshed token was refused too and the client kept going \(\d+ calls and \d+ refreshes in 0 s until the runner stopped it\)/],
  },
  {
    name: 're-sends the refused token after a 401 without end',
    limits: LOOP_LIMITS,
    bugs: { on401: 'same-token' },
    fails: ['octorate.retry-on-401'],
    says: [/sent the refused token again: \d+ calls with a property token Octorate had already answered 401 ApiKeyInvalid to, until the runner stopped it/],
  },
  {
    name: 'retries a quota error at once',
    bugs: { on403: 'at-once' },
    fails: ['octorate.quota'],
    says: [/retried 3 time\(s\) within 0 s of a 403 ApiQuotaException; Octorate sends no Retry-After/],
  },
  {
    name: 'renews its token on a quota error',
    bugs: { on403: 'renew-token' },
    fails: ['octorate.quota'],
    says: [/treated 403 ApiQuotaException as an authentication failure and called \/identity\/refresh; the token is fine — the application’s quota is used up/],
  },
  {
    name: 'caches the apilogin token forever and fetches a one-off token on each 401',
    bugs: { apiLoginForever: true },
    // Once it has expired, every concurrent configuration() meets its own 401 and fetches its own one-off token.
    fails: ['octorate.apilogin-expiry', 'octorate.single-renewal'],
    says: [
      /kept sending the expired API-operations \(apilogin\) token: 3 calls with it after its 3600 s lifetime, each refused; call \/identity\/apilogin again/,
      /once the API-operations token had expired: made 4 \/identity\/apilogin calls for 4 operations started together; let concurrent operations wait on one in-flight renewal/,
    ],
  },
  {
    name: 'lets concurrent calls each renew their token',
    bugs: { noSingleFlight: true },
    fails: ['octorate.single-renewal'],
    says: [
      /with no API-operations token yet: made 4 \/identity\/apilogin calls for 4 operations started together[^]*once the property token had expired: made 4 \/identity\/refresh calls/,
    ],
  },
  {
    name: 'retries a refused apilogin at once',
    bugs: { apiLoginRetry: 'refused' },
    fails: ['octorate.apilogin-refused'],
    says: [
      /made 4 requests to \/identity\/apilogin for one operation while it refused the client’s credentials; a refused client_id\/client_secret is not cured by retrying — report the failure .* — at most 2 attempts/,
    ],
  },
  {
    name: 'retries a 503 from /identity/apilogin at once',
    bugs: { apiLoginRetry: '5xx-at-once' },
    fails: ['octorate.apilogin-unavailable'],
    says: [
      /retried \/identity\/apilogin 3 time\(s\) without backing off: the first retry came 0 s after a 503; wait between attempts/,
    ],
  },
  {
    name: 'retries a failed apilogin every 2 s without end',
    limits: LOOP_LIMITS,
    bugs: { apiLoginRetry: 'every-2s-forever' },
    fails: ['octorate.apilogin-refused', 'octorate.apilogin-unavailable', 'octorate.apilogin-malformed', 'octorate.apilogin-no-answer'],
    says: [
      /kept calling \/identity\/apilogin while it refused the client’s credentials: 40 requests in \d+ s of virtual time until the runner stopped it \(Octorate answered 403 ApiSecurityException\)/,
      /kept calling \/identity\/apilogin while it answered 503: 40 requests/,
      /kept calling \/identity\/apilogin while it answered 200 with a cut-off JSON body: 40 requests/,
      /kept calling \/identity\/apilogin while it never answered: 40 requests in \d+ s of virtual time until the runner stopped it; give each request a time-out of its own/,
    ],
  },
  {
    name: 'keeps a failed renewal as the pending one',
    bugs: { cacheFailedRenewal: true },
    fails: [
      'octorate.apilogin-refused',
      'octorate.apilogin-unavailable',
      'octorate.apilogin-malformed',
      'octorate.apilogin-no-answer',
      'octorate.refresh-unavailable',
      'octorate.refresh-no-answer',
    ],
    says: [
      /once \/identity\/apilogin worked again after refusing the credentials: configuration\(\) failed at once without sending a request \(Error: Octorate \/identity\/apilogin answered 403 ApiSecurityException\); the client kept the failure from the trouble \(a rejected promise cached as the pending renewal/,
      /once \/identity\/apilogin worked again after an outage: configuration\(\) failed at once without sending a request/,
      /once \/identity\/apilogin worked again after a malformed answer: configuration\(\) failed at once without sending a request \(SyntaxError/,
      /once \/identity\/apilogin worked again after not answering: configuration\(\) failed at once without sending a request \(TimeoutError/,
      /once \/identity\/refresh worked again after an outage: reservations\(\) failed at once without sending a request/,
      /once \/identity\/refresh worked again after not answering: reservations\(\) failed at once without sending a request/,
    ],
  },
  {
    name: 'parses the apilogin answer leniently',
    bugs: { lenientApiLogin: true },
    fails: ['octorate.apilogin-malformed'],
    says: [
      /called Octorate’s API with \"Authorization: Bearer undefined\" while \/identity\/apilogin answered 200 with a cut-off JSON body; an answer that is not a token is an error/,
    ],
  },
  {
    name: 'gives apilogin a 2 s time-out',
    bugs: { apiLoginTimeoutMs: 2000 },
    fails: ['octorate.apilogin-slow'],
    says: [
      /gave up on \/identity\/apilogin after 2 s although it answers in 5 s \(TimeoutError: The operation was aborted due to timeout\); the client’s own time-out is shorter than a slow moment of Octorate/,
    ],
  },
  {
    name: 'has no time-out on apilogin',
    bugs: { apiLoginTimeoutMs: 0 },
    fails: ['octorate.apilogin-no-answer'],
    says: [
      /waited 300 s for \/identity\/apilogin, which never answered, until a gateway cut the request off \(504\): the client has no time-out of its own/,
    ],
  },
  {
    name: 'retries a 503 from /identity/refresh at once',
    bugs: { refresh5xxAtOnce: true },
    fails: ['octorate.refresh-unavailable'],
    says: [
      /retried \/identity\/refresh 3 time\(s\) without backing off: the first retry came 0 s after a 503/,
    ],
  },
  {
    name: 'has no time-out on refresh',
    bugs: { refreshTimeoutMs: 0 },
    fails: ['octorate.refresh-no-answer'],
    says: [
      /waited 300 s for \/identity\/refresh, which never answered, until a gateway cut the request off \(504\): the client has no time-out of its own/,
    ],
  },
  {
    name: 'retries a code exchange that timed out',
    bugs: { retryExchangeOnTimeout: true },
    fails: ['octorate.slow-single-use'],
    says: [
      /the code exchange answered slowly: presented the code 3 times — the first request outlasted the client’s own time-out \(it gave up after 30 s\), but Octorate handled it all the same: the code was spent then/,
    ],
  },
  {
    name: 'ignores a new refresh token in a refresh answer',
    bugs: { keepFirstRefreshToken: true },
    fails: ['octorate.refresh-token@rotating'],
    says: [
      /2 h after connecting, once the property token had expired: sent \/identity\/refresh a refresh_token that an earlier refresh answer had replaced \(401 ApiKeyInvalid\); when a refresh answer carries a new refresh_token, keep that one/,
    ],
  },
  {
    name: 'takes refresh_token from a refresh answer as is',
    bugs: { refreshTokenAsIs: true },
    fails: ['octorate.refresh-token@no-refresh-token'],
    says: [
      /2 h after connecting, once the property token had expired: gave up \(Error: not connected: .*\) without calling \/identity\/refresh: the refresh answer an hour earlier carried no refresh_token and the client lost the one it had/,
    ],
  },
  {
    name: 'retries a refresh refused with 403',
    bugs: { retryRefusedRefresh: 403 },
    fails: ['octorate.retry-on-401@refresh-refused-403'],
    says: [
      /asked \/identity\/refresh 3 times with a refresh token Octorate had refused \(403 ApiSecurityException: the hotelier disconnected the application\); a refused refresh token stays refused, whatever the status/,
    ],
  },
  {
    name: 'retries a refresh refused with 400',
    bugs: { retryRefusedRefresh: 400 },
    fails: ['octorate.retry-on-401@refresh-refused-400'],
    says: [
      /asked \/identity\/refresh 3 times with a refresh token Octorate had refused \(400 ApiParamsExemption: the hotelier disconnected the application\)/,
    ],
  },
  {
    name: 'sends the refresh alone as JSON',
    bugs: { refreshCall: 'json' },
    fails: ['octorate.refresh-form'],
    says: [/sent a JSON body to \/identity\/refresh; Octorate's identity calls take only application\/x-www-form-urlencoded form params .* \(it answered 400 ApiParamsExemption\)/],
  },
  {
    name: 'sends its refresh to /identity/token',
    bugs: { refreshCall: 'to-token-endpoint' },
    fails: ['octorate.refresh-form'],
    says: [/sent a refresh \(refresh_token, grant_type=refresh_token\) to \/identity\/token \(it answered 400 ApiParamsExemption\); \/identity\/token only exchanges a code — renew a property token with POST \/identity\/refresh/],
  },
];
