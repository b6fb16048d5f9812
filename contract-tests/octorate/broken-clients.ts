// Deliberately broken Octorate clients for the suite's own tests: a plain client with one switch per real-world bug.
// With no switch on it passes every check, so each broken client differs from a good one by its bug alone.
import { randomUUID } from 'node:crypto';
import { defineAdapter } from '../types.ts';
import type { OctorateAdapter, OctorateOperations, OctorateSettings } from './settings.ts';

export interface Bugs {
  /** identity-form: identity calls as JSON, or as a hand-built string that does not encode the secret. */
  identityBody?: 'json' | 'concatenated';
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
}

const FORM = 'application/x-www-form-urlencoded';
const CONSTANT_STATE = 'octorate-connect';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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
        if (!this.#bugs.retryExchange || attempt >= 3) throw error;
        await sleep(1000);
      }
    }
    this.#code = code;
    this.#keep(body);
  }

  reservations(propertyId: string): Promise<unknown> {
    return this.#call(this.#bugs.oneToken ?? 'property', `/reservation/${propertyId}`);
  }

  configuration(): Promise<unknown> {
    return this.#call(this.#bugs.oneToken ?? 'apilogin', '/api/configuration');
  }

  async #call(kind: 'property' | 'apilogin', path: string): Promise<unknown> {
    const bugs = this.#bugs;
    let token = await this.#token(kind);
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(`${this.#s.apiBaseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (response.ok) return response.json();
      const error = await refused(`GET ${path}`, response);
      if (response.status === 401) {
        if (bugs.on401 === 'give-up') throw error;
        if (bugs.on401 === 'same-token') continue;
        if (renewed && bugs.on401 !== 'retry-forever') throw error;
        renewed = true;
        this.#drop(kind);
        token = await this.#token(kind);
        continue;
      }
      if (response.status === 403 && bugs.on403 === 'at-once' && attempt < 4) continue;
      if (response.status === 403 && bugs.on403 === 'renew-token' && !renewed) {
        renewed = true;
        this.#drop(kind);
        token = await this.#token(kind);
        continue;
      }
      throw error;
    }
  }

  #drop(kind: 'property' | 'apilogin'): void {
    if (kind === 'property') this.#property = undefined;
    else this.#apiLogin = undefined;
  }

  async #token(kind: 'property' | 'apilogin'): Promise<string> {
    const { clientId, clientSecret } = this.#s;
    if (kind === 'apilogin') {
      if (this.#apiLogin && Date.now() < this.#apiLogin.renewAt) return this.#apiLogin.value;
      const body = this.#bugs.apiLoginInQuery
        ? await this.#answer('/identity/apilogin', await fetch(`${this.#s.apiLoginUrl}?${new URLSearchParams({ client_id: clientId, client_secret: clientSecret })}`, { method: 'POST' }))
        : await this.#identity(this.#s.apiLoginUrl, '/identity/apilogin', { client_id: clientId, client_secret: clientSecret });
      this.#apiLogin = this.#tok(body);
      return this.#apiLogin.value;
    }
    if (this.#property && Date.now() < this.#property.renewAt) return this.#property.value;
    if (this.#bugs.renewal === 'code-again' && this.#code) {
      const fields = { client_id: clientId, client_secret: clientSecret, redirect_uri: this.#s.redirectUri, grant_type: 'code', code: this.#code };
      this.#keep(await this.#identity(this.#s.tokenUrl, '/identity/token', fields));
    } else {
      if (!this.#refreshToken) throw new Error('not connected: the hotelier must authorise the application again');
      this.#keep(await this.#identity(this.#s.refreshUrl, '/identity/refresh', { client_id: clientId, client_secret: clientSecret, refresh_token: this.#refreshToken }));
    }
    return this.#property!.value;
  }

  #keep(body: TokenBody): void {
    const keepRefresh = this.#bugs.renewal === undefined;
    if (keepRefresh && body.refresh_token) this.#refreshToken = body.refresh_token;
    this.#property = this.#tok(body);
  }

  #tok(body: TokenBody): Tok {
    const expiry = this.#bugs.expiry;
    const expiresAt =
      expiry === 'fixed-24h'
        ? Date.now() + 86_400_000
        : expiry === 'naive-parse'
          ? new Date(body.expireDate).getTime()
          : Date.parse(body.expireDate.replace(/\[[^\]]*\]$/, ''));
    return { value: body.access_token, renewAt: expiresAt - 60_000 };
  }

  async #identity(url: string, what: string, fields: Record<string, string>): Promise<TokenBody> {
    const body =
      this.#bugs.identityBody === 'json'
        ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) }
        : this.#bugs.identityBody === 'concatenated'
          ? { headers: { 'content-type': FORM }, body: Object.entries(fields).map(([k, v]) => `${k}=${v}`).join('&') }
          : { headers: { 'content-type': FORM }, body: new URLSearchParams(fields) };
    return this.#answer(what, await fetch(url, { method: 'POST', ...body }));
  }

  async #answer(what: string, response: Response): Promise<TokenBody> {
    if (!response.ok) throw await refused(what, response);
    return (await response.json()) as TokenBody;
  }
}

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
export const BROKEN: Array<{ name: string; bugs: Bugs; fails: string[]; says: RegExp[] }> = [
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
    bugs: { on401: 'retry-forever' },
    fails: ['octorate.retry-on-401'],
    says: [/looped on 401 ApiKeyInvalid: every refreshed token was refused too and the client kept going \(\d+ calls and \d+ refreshes in 0 s until the runner stopped it\)/],
  },
  {
    name: 're-sends the refused token after a 401 without end',
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
];
