// oauth2.googleapis.com/token: the seed's query-string request, form bodies, refresh-token rules and Google's error bodies.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { approveAuthorization, connectionSettings } from '../../providers/google/public.ts';
import {
  authorizeCode, exchange, expectOAuthError, formPost, refresh, seedAuthenticateUrl, seedTokenUrl, tokensFor, REVOKE_URL, TOKEN_URL,
  type GoogleTokens,
} from './support.ts';

describe('the seed’s manifest requests', () => {
  it('exchanges with every parameter in the query string and the code appended raw, then refreshes with a form body', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const callback = new URL(await approveAuthorization(h, { url: seedAuthenticateUrl(conn) }));
    // The platform reads the decoded code from the callback and appends it without encoding.
    const res = await h.fetch(new Request(seedTokenUrl(conn, callback.searchParams.get('code')!), { method: 'POST' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const tokens = (await res.json()) as GoogleTokens;
    expect(Object.keys(tokens)).toEqual(['access_token', 'expires_in', 'refresh_token', 'scope', 'token_type']);
    expect(tokens).toMatchObject({ expires_in: 3599, token_type: 'Bearer', scope: 'https://www.googleapis.com/auth/admin.directory.user' });
    expect(tokens.access_token).toMatch(/^ya29\./);
    expect(tokens.refresh_token).toMatch(/^1\/\/0/);

    const renewed = await refresh(h, conn, tokens.refresh_token!);
    expect(renewed.status).toBe(200);
    const body = (await renewed.json()) as GoogleTokens;
    expect(Object.keys(body)).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
    expect(body.access_token).not.toBe(tokens.access_token);
    // The refresh token stays good: no rotation.
    expect((await refresh(h, conn, tokens.refresh_token!)).status).toBe(200);
    // The journal flags the secret the seed's example puts in the URL, and shows it nowhere.
    const entry = h.journal.entries({ provider: 'google', path: '/token' })[0]!;
    expect(entry.secretInUrl).toBe(true);
    expect(JSON.stringify(h.journal.entries())).not.toContain(conn.clientSecret);
  });

  it('an access token expires after 3599 s of clock time', async () => {
    const h = createHarness({ clock: { frozen: true } });
    const { tokens } = await tokensFor(h, { scope: 'email' });
    const info = () => h.fetch(new Request(`https://oauth2.googleapis.com/tokeninfo?access_token=${tokens.access_token}`));
    expect((await (await info()).json()) as Record<string, string>).toMatchObject({ expires_in: '3599', access_type: 'online' });
    h.clock.advance(3598);
    expect((await info()).status).toBe(200);
    h.clock.advance(1);
    await expectOAuthError(await info(), 400, 'invalid_token', 'Invalid Value');
  });
});

describe('refresh tokens', () => {
  it('come only with access_type=offline', async () => {
    const h = createHarness();
    expect((await tokensFor(h, { scope: 'email' })).tokens.refresh_token).toBeUndefined();
    expect((await tokensFor(h, { scope: 'email', accessType: 'offline' })).tokens.refresh_token).toBeDefined();
  });

  it('come again on a later consent only with prompt=consent (or approval_prompt=force); the first one stays good', async () => {
    const h = createHarness();
    const first = await tokensFor(h, { scope: 'email', accessType: 'offline' });
    const again = await tokensFor(h, { scope: 'email', accessType: 'offline' });
    expect(again.tokens.refresh_token).toBeUndefined();
    const forced = await tokensFor(h, { scope: 'email', accessType: 'offline', prompt: 'consent' });
    expect(forced.tokens.refresh_token).toBeDefined();
    expect((await refresh(h, first.conn, first.tokens.refresh_token!)).status).toBe(200);
    // Consent is per account: another test user consenting for the first time gets one.
    const users = h.context('google').state.get('world') as { users: Array<{ email: string }> };
    expect((await tokensFor(h, { scope: 'email', accessType: 'offline', userEmail: users.users[1]!.email })).tokens.refresh_token).toBeDefined();
  });

  it('a revoked consent is a first consent again', async () => {
    const h = createHarness();
    const { conn, tokens } = await tokensFor(h, { scope: 'email', accessType: 'offline' });
    const revoke = await h.fetch(formPost(REVOKE_URL, { token: tokens.refresh_token! }));
    expect(revoke.status).toBe(200);
    await expectOAuthError(await refresh(h, conn, tokens.refresh_token!), 400, 'invalid_grant', 'Token has been expired or revoked.');
    // Revoking the refresh token ended the access token too.
    const info = await h.fetch(new Request(`https://oauth2.googleapis.com/tokeninfo?access_token=${tokens.access_token}`));
    expect(info.status).toBe(400);
    await expectOAuthError(await h.fetch(formPost(REVOKE_URL, { token: tokens.refresh_token! })), 400, 'invalid_token', 'Token expired or revoked');
    expect((await tokensFor(h, { scope: 'email', accessType: 'offline' })).tokens.refresh_token).toBeDefined();
  });

  it('keeps at most 100 live per account and client: one more silently ends the oldest', async () => {
    const h = createHarness({ quirks: { google: { refreshTokensPerGrant: 2 } } });
    const issued: string[] = [];
    let conn;
    for (let i = 0; i < 3; i++) {
      const got = await tokensFor(h, { scope: 'email', accessType: 'offline', prompt: 'consent' });
      conn = got.conn;
      issued.push(got.tokens.refresh_token!);
    }
    await expectOAuthError(await refresh(h, conn!, issued[0]!), 400, 'invalid_grant', 'Token has been expired or revoked.');
    expect((await refresh(h, conn!, issued[1]!)).status).toBe(200);
    expect((await refresh(h, conn!, issued[2]!)).status).toBe(200);
  });

  it('refuses a refresh token of another client with unauthorized_client, and an unknown one with Bad Request', async () => {
    const h = createHarness({ clients: [{ provider: 'google', environment: 'production', clientId: 'other.apps.googleusercontent.com', clientSecret: 'GOCSPX-other', redirectUris: [] }] });
    const { conn, tokens } = await tokensFor(h, { scope: 'email', accessType: 'offline' });
    const other = connectionSettings(h, { clientId: 'other.apps.googleusercontent.com' });
    await expectOAuthError(await refresh(h, other, tokens.refresh_token!), 401, 'unauthorized_client', 'Unauthorized');
    await expectOAuthError(await refresh(h, conn, '1//0nonsense'), 400, 'invalid_grant', 'Bad Request');
    await expectOAuthError(await refresh(h, conn, ''), 400, 'invalid_request', 'Missing required parameter: refresh_token');
  });
});

describe('Google’s error bodies at the token endpoint', () => {
  it('a reused code is invalid_grant "Bad Request", and what it bought is revoked', async () => {
    const h = createHarness();
    const { code, conn } = await authorizeCode(h, { accessType: 'offline' });
    const first = (await (await exchange(h, conn, code)).json()) as GoogleTokens;
    await expectOAuthError(await exchange(h, conn, code), 400, 'invalid_grant', 'Bad Request');
    await expectOAuthError(await refresh(h, conn, first.refresh_token!), 400, 'invalid_grant', 'Token has been expired or revoked.');
  });

  it('an expired, unknown or twice-encoded code', async () => {
    const h = createHarness({ clock: { frozen: true } });
    const { code, conn } = await authorizeCode(h);
    await expectOAuthError(await exchange(h, conn, encodeURIComponent(code)), 400, 'invalid_grant', 'Malformed auth code.');
    await expectOAuthError(await exchange(h, conn, `4/0A${'x'.repeat(69)}`), 400, 'invalid_grant', 'Bad Request');
    h.clock.advance(600);
    await expectOAuthError(await exchange(h, conn, code), 400, 'invalid_grant', 'Bad Request');
  });

  it('a redirect URI other than the authorisation’s is redirect_uri_mismatch; a missing one is named', async () => {
    const h = createHarness();
    const { code, conn } = await authorizeCode(h);
    await expectOAuthError(await exchange(h, conn, code, { redirect_uri: `${conn.redirectUri}/` }), 400, 'redirect_uri_mismatch', 'Bad Request');
    const fields = { client_id: conn.clientId, client_secret: conn.clientSecret, grant_type: 'authorization_code', code };
    await expectOAuthError(await h.fetch(formPost(TOKEN_URL, fields)), 400, 'invalid_request', 'Missing parameter: redirect_uri');
  });

  it('bad client credentials: 401 invalid_client, with Google’s texts', async () => {
    const h = createHarness();
    const { code, conn } = await authorizeCode(h);
    await expectOAuthError(await exchange(h, conn, code, { client_secret: 'GOCSPX-wrong' }), 401, 'invalid_client', 'Unauthorized');
    await expectOAuthError(await exchange(h, conn, code, { client_id: 'nobody.apps.googleusercontent.com' }), 401, 'invalid_client', 'The OAuth client was not found.');
    await expectOAuthError(await exchange(h, conn, code, { client_secret: '' }), 400, 'invalid_request', 'client_secret is missing.');
    await expectOAuthError(await exchange(h, conn, code, { client_id: '' }), 400, 'invalid_request', 'Could not determine client ID from request.');
    await expectOAuthError(await exchange(h, conn, code, { grant_type: 'code' }), 400, 'unsupported_grant_type', 'Invalid grant_type: code');
    // The code survived the refusals.
    expect((await exchange(h, conn, code)).status).toBe(200);
  });

  it('HTTP Basic client authentication works; both Basic and a client_secret parameter do not', async () => {
    const h = createHarness();
    const { code, conn } = await authorizeCode(h);
    const basic = `Basic ${Buffer.from(`${encodeURIComponent(conn.clientId)}:${encodeURIComponent(conn.clientSecret)}`).toString('base64')}`;
    const fields = { grant_type: 'authorization_code', code, redirect_uri: conn.redirectUri };
    const both = await h.fetch(formPost(TOKEN_URL, { ...fields, client_secret: conn.clientSecret }, { 'content-type': 'application/x-www-form-urlencoded', authorization: basic }));
    expect(both.status).toBe(400);
    const res = await h.fetch(formPost(TOKEN_URL, fields, { 'content-type': 'application/x-www-form-urlencoded', authorization: basic }));
    expect(res.status).toBe(200);
  });

  it('PKCE: Google’s "Missing code verifier." and "Invalid code verifier."', async () => {
    const h = createHarness();
    const verifier = 'v'.repeat(43);
    const { createHash } = await import('node:crypto');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const { code, conn } = await authorizeCode(h, { codeChallenge: challenge, codeChallengeMethod: 'S256' });
    await expectOAuthError(await exchange(h, conn, code), 400, 'invalid_grant', 'Missing code verifier.');
    await expectOAuthError(await exchange(h, conn, code, { code_verifier: 'w'.repeat(43) }), 400, 'invalid_grant', 'Invalid code verifier.');
    expect((await exchange(h, conn, code, { code_verifier: verifier })).status).toBe(200);
  });

  it('a parameter twice (query and body together) and a JSON body are invalid_request', async () => {
    const h = createHarness();
    const { code, conn } = await authorizeCode(h);
    const fields = { client_id: conn.clientId, client_secret: conn.clientSecret, grant_type: 'authorization_code', code, redirect_uri: conn.redirectUri };
    const twice = await h.fetch(formPost(`${TOKEN_URL}?code=${code}`, fields));
    await expectOAuthError(twice, 400, 'invalid_request');
    const json = await h.fetch(new Request(TOKEN_URL, { method: 'POST', body: JSON.stringify(fields), headers: { 'content-type': 'application/json' } }));
    await expectOAuthError(json, 400, 'invalid_request');
    const jsonHarness = createHarness({ quirks: { google: { acceptJsonTokenBody: true } } });
    const other = await authorizeCode(jsonHarness);
    const accepted = await jsonHarness.fetch(
      new Request(TOKEN_URL, { method: 'POST', body: JSON.stringify({ ...fields, client_id: other.conn.clientId, client_secret: other.conn.clientSecret, code: other.code }), headers: { 'content-type': 'application/json' } }),
    );
    expect(accepted.status).toBe(200);
  });
});
