// Octorate identity calls: the code exchange, refresh and apilogin — their documented shapes and every refusal.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { connectionSettings } from '../../providers/octorate/index.ts';
import {
  ACCESS_TOKEN_LOOK,
  API,
  APILOGIN_URL,
  ISO_MILLIS_Z,
  REFRESH_TOKEN_LOOK,
  REFRESH_URL,
  TOKEN_URL,
  authorizeCode,
  bearer,
  exchange,
  expectTyped,
  formRequest,
  propertyTokens,
  type TokenBody,
} from './support.ts';

const frozen = () => createHarness({ clock: { start: Date.UTC(2025, 2, 17, 16, 41, 51, 178), frozen: true } });

describe('POST /identity/token', () => {
  it('answers the tutorial shape exactly: access_token (two UUIDs), refresh_token (32 hex + 2 capitals), expireDate', async () => {
    const h = frozen();
    const { tokens } = await propertyTokens(h);
    expect(Object.keys(tokens)).toEqual(['access_token', 'refresh_token', 'expireDate']);
    expect(tokens.access_token).toHaveLength(72);
    expect(tokens.access_token).toMatch(ACCESS_TOKEN_LOOK);
    expect(tokens.refresh_token).toMatch(REFRESH_TOKEN_LOOK);
    expect(tokens.expireDate).toMatch(ISO_MILLIS_Z);
    // Default lifetime 3600 s from the frozen clock.
    expect(tokens.expireDate).toBe('2025-03-17T17:41:51.178Z');
    expect(tokens).not.toHaveProperty('expires_in');
    expect(tokens).not.toHaveProperty('token_type');
  });

  it('refuses grant_type=authorization_code and says Octorate wants "code"', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const { code } = await authorizeCode(h, conn);
    const body = await expectTyped(await exchange(h, conn, code, { grant_type: 'authorization_code' }), 400, 'ApiParamsExemption');
    expect(body.element).toBe('grant_type');
    expect(body.message).toContain('grant_type=code');
    // The refused attempt did not burn the code.
    expect((await exchange(h, conn, code)).status).toBe(200);
  });

  it('refuses a JSON body, query parameters, a missing field and a duplicated field', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const { code } = await authorizeCode(h, conn);
    const fields = { client_id: conn.clientId, client_secret: conn.clientSecret, redirect_uri: conn.redirectUri, grant_type: 'code', code };
    const json = await h.fetch(new Request(TOKEN_URL, { method: 'POST', body: JSON.stringify(fields), headers: { 'content-type': 'application/json' } }));
    expect((await expectTyped(json, 400, 'ApiParamsExemption')).element).toBe('Content-Type');
    const query = await h.fetch(new Request(`${TOKEN_URL}?${new URLSearchParams(fields)}`, { method: 'POST' }));
    expect((await expectTyped(query, 400, 'ApiParamsExemption')).message).toContain('not in the query string');
    const { redirect_uri: _omit, ...missing } = fields;
    expect((await expectTyped(await h.fetch(formRequest(TOKEN_URL, missing)), 400, 'ApiParamsExemption')).element).toBe('redirect_uri');
    const duplicated = `${new URLSearchParams(fields)}&code=${code}`;
    const dup = await h.fetch(new Request(TOKEN_URL, { method: 'POST', body: duplicated, headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    expect((await expectTyped(dup, 400, 'ApiParamsExemption')).element).toBe('code');
    const extra = await exchange(h, conn, code, { scope: 'all' });
    expect((await expectTyped(extra, 400, 'ApiParamsExemption')).element).toBe('scope');
    expect((await exchange(h, conn, code)).status).toBe(200);
  });

  it('refuses a wrong secret and an unknown client with 403 ApiSecurityException (quirk rejectedClient)', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const { code } = await authorizeCode(h, conn);
    expect((await expectTyped(await exchange(h, conn, code, { client_secret: 'wrong' }), 403, 'ApiSecurityException')).element).toBe('client_secret');
    expect((await expectTyped(await exchange(h, conn, code, { client_id: 'nobody' }), 403, 'ApiSecurityException')).element).toBe('client_id');
    const other = createHarness({ quirks: { octorate: { rejectedClient: { status: 401, type: 'ApiKeyInvalid' } } } });
    const c2 = connectionSettings(other);
    const { code: code2 } = await authorizeCode(other, c2);
    await expectTyped(await exchange(other, c2, code2, { client_secret: 'wrong' }), 401, 'ApiKeyInvalid');
  });

  it('refuses an unknown code and a code issued to another application', async () => {
    const h = createHarness();
    const prod = connectionSettings(h);
    const sandbox = connectionSettings(h, { environment: 'sandbox' });
    await expectTyped(await exchange(h, prod, 'not-a-code'), 400, 'ApiParamsExemption');
    const { code } = await authorizeCode(h, sandbox);
    expect((await expectTyped(await exchange(h, prod, code), 400, 'ApiParamsExemption')).element).toBe('code');
  });

  it('accepts a code at 59 s and refuses it at 61 s (one minute, clock time)', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const first = await authorizeCode(h, conn);
    h.clock.advance(59);
    expect((await exchange(h, conn, first.code)).status).toBe(200);
    const second = await authorizeCode(h, conn);
    h.clock.advance(61);
    const body = await expectTyped(await exchange(h, conn, second.code), 400, 'ApiParamsExemption');
    expect(body.message).toContain('expired');
  });

  it('takes 180 s with the OpenAPI reading (quirk codeLifetimeSeconds)', async () => {
    const h = createHarness({ quirks: { octorate: { codeLifetimeSeconds: 180 } } });
    const conn = connectionSettings(h);
    const { code } = await authorizeCode(h, conn);
    h.clock.advance(170);
    expect((await exchange(h, conn, code)).status).toBe(200);
  });

  it('refuses a reused code and revokes the tokens issued from it (RFC 6749 §4.1.2)', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const { code } = await authorizeCode(h, conn);
    const tokens = (await (await exchange(h, conn, code)).json()) as TokenBody;
    expect((await h.fetch(bearer(`${API}/user/info`, tokens.access_token))).status).toBe(200);
    const again = await expectTyped(await exchange(h, conn, code), 400, 'ApiParamsExemption');
    expect(again.message).toContain('already used');
    await expectTyped(await h.fetch(bearer(`${API}/user/info`, tokens.access_token)), 401, 'ApiKeyInvalid');
    const refresh = await h.fetch(formRequest(REFRESH_URL, { client_id: conn.clientId, client_secret: conn.clientSecret, refresh_token: tokens.refresh_token! }));
    await expectTyped(refresh, 401, 'ApiKeyInvalid');
  });

  it('refuses a redirect_uri that differs from the authorisation request', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const { code } = await authorizeCode(h, conn);
    const body = await expectTyped(await exchange(h, conn, code, { redirect_uri: `${conn.redirectUri}/` }), 400, 'ApiParamsExemption');
    expect(body.element).toBe('redirect_uri');
  });

  it('answers other methods with 405 MethodNotAllowed and an Allow header', async () => {
    const h = createHarness();
    const res = await h.fetch(new Request(TOKEN_URL));
    expect(res.headers.get('allow')).toBe('POST');
    await expectTyped(res, 405, 'MethodNotAllowed');
  });
});

describe('POST /identity/refresh', () => {
  it('gives a new access token and the same, never-expiring refresh token; the old access token is revoked', async () => {
    const h = createHarness();
    const { conn, tokens } = await propertyTokens(h);
    h.clock.advance(400 * 24 * 3600);
    const res = await h.fetch(
      formRequest(REFRESH_URL, { client_id: conn.clientId, client_secret: conn.clientSecret, refresh_token: tokens.refresh_token!, grant_type: 'refresh_token', notes: 'nightly' }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as TokenBody;
    expect(Object.keys(body)).toEqual(['access_token', 'refresh_token', 'expireDate']);
    expect(body.refresh_token).toBe(tokens.refresh_token);
    expect(body.access_token).not.toBe(tokens.access_token);
    expect(body.access_token).toMatch(ACCESS_TOKEN_LOOK);
    expect(Date.parse(body.expireDate) - h.clock.now()).toBeGreaterThan(3590_000);
    expect((await h.fetch(bearer(`${API}/user/info`, body.access_token))).status).toBe(200);
    // Default quirk refreshRevokesPreviousAccessTokens: the token refreshed away no longer works.
    await expectTyped(await h.fetch(bearer(`${API}/user/info`, tokens.access_token)), 401, 'ApiKeyInvalid');
  });

  it('rotates the refresh token with quirk rotateRefreshToken, refusing the old one afterwards', async () => {
    const h = createHarness({ quirks: { octorate: { rotateRefreshToken: true } } });
    const { conn, tokens } = await propertyTokens(h);
    const fields = { client_id: conn.clientId, client_secret: conn.clientSecret, refresh_token: tokens.refresh_token! };
    const body = (await (await h.fetch(formRequest(REFRESH_URL, fields))).json()) as TokenBody;
    expect(body.refresh_token).toMatch(REFRESH_TOKEN_LOOK);
    expect(body.refresh_token).not.toBe(tokens.refresh_token);
    await expectTyped(await h.fetch(formRequest(REFRESH_URL, fields)), 401, 'ApiKeyInvalid');
  });

  it('refuses a refresh token of another application, an access token, a wrong grant_type and a JSON body', async () => {
    const h = createHarness();
    const { tokens } = await propertyTokens(h);
    const sandbox = connectionSettings(h, { environment: 'sandbox' });
    const prod = connectionSettings(h);
    await expectTyped(
      await h.fetch(formRequest(REFRESH_URL, { client_id: sandbox.clientId, client_secret: sandbox.clientSecret, refresh_token: tokens.refresh_token! })),
      401,
      'ApiKeyInvalid',
    );
    await expectTyped(
      await h.fetch(formRequest(REFRESH_URL, { client_id: prod.clientId, client_secret: prod.clientSecret, refresh_token: tokens.access_token })),
      401,
      'ApiKeyInvalid',
    );
    const grant = await h.fetch(
      formRequest(REFRESH_URL, { client_id: prod.clientId, client_secret: prod.clientSecret, refresh_token: tokens.refresh_token!, grant_type: 'code' }),
    );
    expect((await expectTyped(grant, 400, 'ApiParamsExemption')).element).toBe('grant_type');
    const json = await h.fetch(
      new Request(REFRESH_URL, {
        method: 'POST',
        body: JSON.stringify({ client_id: prod.clientId, client_secret: prod.clientSecret, refresh_token: tokens.refresh_token }),
        headers: { 'content-type': 'application/json' },
      }),
    );
    await expectTyped(json, 400, 'ApiParamsExemption');
  });
});

describe('POST /identity/apilogin', () => {
  it('answers {access_token, expireDate} without a refresh token, and refuses bad credentials', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const res = await h.fetch(formRequest(APILOGIN_URL, { client_id: conn.clientId, client_secret: conn.clientSecret }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as TokenBody;
    expect(Object.keys(body)).toEqual(['access_token', 'expireDate']);
    expect(body.access_token).toMatch(ACCESS_TOKEN_LOOK);
    expect(body.expireDate).toMatch(ISO_MILLIS_Z);
    await expectTyped(await h.fetch(formRequest(APILOGIN_URL, { client_id: conn.clientId, client_secret: `${conn.clientSecret}x` })), 403, 'ApiSecurityException');
    const get = await h.fetch(new Request(`${APILOGIN_URL}?client_id=${conn.clientId}`));
    await expectTyped(get, 405, 'MethodNotAllowed');
  });

  it('keeps the client secret out of the journal', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    await h.fetch(formRequest(APILOGIN_URL, { client_id: conn.clientId, client_secret: conn.clientSecret }));
    expect(JSON.stringify(h.journal.entries())).not.toContain(conn.clientSecret);
  });
});
