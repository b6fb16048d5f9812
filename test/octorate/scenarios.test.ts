// Octorate's scenarios: what a client meets when each is on, and that the provider is back to normal once cleared.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { connectionSettings } from '../../providers/octorate/index.ts';
import { API, APILOGIN_URL, REFRESH_URL, authorizeCode, bearer, exchange, expectTyped, formRequest, propertyTokens, type TokenBody } from './support.ts';

const apply = (h: ReturnType<typeof createHarness>, name: string, options: Parameters<typeof h.scenarios.apply>[1] = {}) =>
  h.scenarios.apply(name, { provider: 'octorate', ...options });

describe('Octorate scenarios', () => {
  it('lists every Octorate scenario', () => {
    const h = createHarness();
    const names = h.scenarios.available().filter((s) => s.provider === 'octorate').map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'code-too-late',
        'expireDate-with-zone-suffix',
        'token-response-with-expires-in',
        'refresh-token-revoked',
        'quota-exceeded',
        'wrong-environment',
        'api-unavailable',
        'token-response-html',
      ]),
    );
  });

  it('code-too-late: a fresh code is refused as expired; cleared, the next code works', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    apply(h, 'code-too-late');
    const { code } = await authorizeCode(h, conn);
    expect((await expectTyped(await exchange(h, conn, code), 400, 'ApiParamsExemption')).message).toContain('expired');
    h.scenarios.clear('code-too-late');
    expect((await exchange(h, conn, code)).status).toBe(200);
  });

  it('expireDate-with-zone-suffix: expireDate ends in Z[UTC], which Date.parse cannot read', async () => {
    const h = createHarness();
    apply(h, 'expireDate-with-zone-suffix');
    const { tokens } = await propertyTokens(h);
    expect(tokens.expireDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z\[UTC\]$/);
    expect(Number.isNaN(Date.parse(tokens.expireDate))).toBe(true);
    expect(Date.parse(tokens.expireDate.replace('[UTC]', '')) - h.clock.now()).toBeGreaterThan(3_590_000);
  });

  it('token-response-with-expires-in: the OpenAPI OAuthToken2 shape, expireDate still present', async () => {
    const h = createHarness();
    apply(h, 'token-response-with-expires-in');
    const { tokens } = await propertyTokens(h);
    expect(tokens).toMatchObject({ expires_in: 3600, token_type: 'Bearer', accessToken: tokens.access_token });
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.expireDate).toBeTruthy();
  });

  it('refresh-token-revoked: refresh answers 401 ApiKeyInvalid and the grant stays revoked after clearing', async () => {
    const h = createHarness();
    const { conn, tokens } = await propertyTokens(h);
    apply(h, 'refresh-token-revoked');
    const fields = { client_id: conn.clientId, client_secret: conn.clientSecret, refresh_token: tokens.refresh_token! };
    await expectTyped(await h.fetch(formRequest(REFRESH_URL, fields)), 401, 'ApiKeyInvalid');
    h.scenarios.clear();
    await expectTyped(await h.fetch(formRequest(REFRESH_URL, fields)), 401, 'ApiKeyInvalid');
    await expectTyped(await h.fetch(bearer(`${API}/user/info`, tokens.access_token)), 401, 'ApiKeyInvalid');
  });

  it('quota-exceeded: 403 ApiQuotaException with X-RateLimit-Remaining: 0; a bad token is still 401', async () => {
    const h = createHarness();
    const { tokens } = await propertyTokens(h);
    apply(h, 'quota-exceeded');
    const res = await h.fetch(bearer(`${API}/accommodation`, tokens.access_token));
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    await expectTyped(res, 403, 'ApiQuotaException');
    await expectTyped(await h.fetch(bearer(`${API}/accommodation`, 'nope')), 401, 'ApiKeyInvalid');
  });

  it('a flag scenario honours `times`: quota-exceeded for one call, then calls pass', async () => {
    const h = createHarness();
    const { tokens } = await propertyTokens(h);
    h.scenarios.apply('quota-exceeded', { provider: 'octorate', times: 1 });
    await expectTyped(await h.fetch(bearer(`${API}/accommodation`, tokens.access_token)), 403, 'ApiQuotaException');
    expect((await h.fetch(bearer(`${API}/accommodation`, tokens.access_token))).status).toBe(200);
    expect(h.scenarios.active()).toEqual([]);
  });

  it('wrong-environment: valid tokens get 403 WrongEnviroment', async () => {
    const h = createHarness();
    const { tokens } = await propertyTokens(h);
    apply(h, 'wrong-environment');
    await expectTyped(await h.fetch(bearer(`${API}/user/info`, tokens.access_token)), 403, 'WrongEnviroment');
    h.scenarios.clear('wrong-environment');
    expect((await h.fetch(bearer(`${API}/user/info`, tokens.access_token))).status).toBe(200);
  });

  it('invalid-credentials: identity calls refuse the application (403 ApiSecurityException)', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    apply(h, 'invalid-credentials');
    await expectTyped(await h.fetch(formRequest(APILOGIN_URL, { client_id: conn.clientId, client_secret: conn.clientSecret })), 403, 'ApiSecurityException');
  });

  it('api-unavailable: 503 on the API for `times` requests, then normal again', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    apply(h, 'api-unavailable', { times: 1 });
    const down = await h.fetch(formRequest(APILOGIN_URL, { client_id: conn.clientId, client_secret: conn.clientSecret }));
    await expectTyped(down, 503, 'InternalServerError');
    expect((await h.fetch(formRequest(APILOGIN_URL, { client_id: conn.clientId, client_secret: conn.clientSecret }))).status).toBe(200);
  });

  it('token-response-html: identity calls answer 200 text/html; resource calls are untouched', async () => {
    const h = createHarness();
    const { tokens, conn } = await propertyTokens(h);
    apply(h, 'token-response-html');
    const res = await h.fetch(formRequest(APILOGIN_URL, { client_id: conn.clientId, client_secret: conn.clientSecret }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect((await h.fetch(bearer(`${API}/user/info`, tokens.access_token))).headers.get('content-type')).toContain('application/json');
  });

  it('token-expired: moves the clock an hour, so earlier access tokens are refused', async () => {
    const h = createHarness();
    const { tokens } = await propertyTokens(h);
    apply(h, 'token-expired');
    await expectTyped(await h.fetch(bearer(`${API}/user/info`, tokens.access_token)), 401, 'ApiKeyInvalid');
    const refreshed = (await (
      await h.fetch(formRequest(REFRESH_URL, { client_id: connectionSettings(h).clientId, client_secret: connectionSettings(h).clientSecret, refresh_token: tokens.refresh_token! }))
    ).json()) as TokenBody;
    expect((await h.fetch(bearer(`${API}/user/info`, refreshed.access_token))).status).toBe(200);
  });
});
