// OpenID Connect: discovery, the RS256 id_token against the JWKS, userinfo — and openid-client (v6) over MSW, the HTTP server and the HTTPS proxy.
import * as client from 'openid-client';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProxyAgent, fetch as undiciFetch, type RequestInit as UndiciInit } from 'undici';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../core/harness.ts';
import { createHarness } from '../../index.ts';
import { mswHandlers } from '../../mocks/handlers.ts';
import { approveAuthorization, connectionSettings, type GoogleConnection } from '../../providers/google/public.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { tokensFor } from './support.ts';

describe('discovery, id_token, JWKS and userinfo', () => {
  it('publishes Google’s discovery document on the real URLs, and a local one under the local prefix', async () => {
    const h = createHarness();
    const doc = (await (await h.fetch(new Request('https://accounts.google.com/.well-known/openid-configuration'))).json()) as Record<string, unknown>;
    expect(doc).toMatchObject({
      issuer: 'https://accounts.google.com',
      authorization_endpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
      token_endpoint: 'https://oauth2.googleapis.com/token',
      userinfo_endpoint: 'https://openidconnect.googleapis.com/v1/userinfo',
      revocation_endpoint: 'https://oauth2.googleapis.com/revoke',
      jwks_uri: 'https://www.googleapis.com/oauth2/v3/certs',
      id_token_signing_alg_values_supported: ['RS256'],
    });
    const local = (await (await h.fetch(new Request('http://127.0.0.1:4000/accounts.google.com/.well-known/openid-configuration'))).json()) as Record<string, unknown>;
    expect(local['issuer']).toBe('http://127.0.0.1:4000/accounts.google.com');
    expect(local['token_endpoint']).toBe('http://127.0.0.1:4000/oauth2.googleapis.com/token');
  });

  it('signs the id_token with RS256 under a published kid, with Google’s claims, the nonce echoed and times from the harness clock', async () => {
    const start = Date.UTC(2026, 0, 5, 9);
    const h = createHarness({ clock: { frozen: true, start } });
    const { conn, tokens } = await tokensFor(h, { scope: 'openid email profile', nonce: 'n-0S6_WzA2Mj' });
    expect(decodeProtectedHeader(tokens.id_token!)).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    const set = (await (await h.fetch(new Request('https://www.googleapis.com/oauth2/v3/certs'))).json()) as { keys: Array<Record<string, string>> };
    expect(set.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
    expect(set.keys[0]!['kid']).toMatch(/^[0-9a-f]{40}$/);
    const key = await importJWK(set.keys[0]!, 'RS256');
    const { payload } = await jwtVerify(tokens.id_token!, key, {
      issuer: 'https://accounts.google.com',
      audience: conn.clientId,
      currentDate: new Date(start),
    });
    expect(payload).toMatchObject({
      azp: conn.clientId,
      email_verified: true,
      nonce: 'n-0S6_WzA2Mj',
      iat: start / 1000,
      exp: start / 1000 + 3600,
    });
    expect(payload.sub).toMatch(/^\d{21}$/);
    expect(payload['hd']).toBe((payload['email'] as string).split('@')[1]);
    expect(payload['at_hash']).toBe(createHash('sha256').update(tokens.access_token).digest().subarray(0, 16).toString('base64url'));

    const info = (await (await h.fetch(new Request('https://openidconnect.googleapis.com/v1/userinfo', { headers: { authorization: `Bearer ${tokens.access_token}` } }))).json()) as Record<string, unknown>;
    expect(info).toMatchObject({ sub: payload.sub, email: payload['email'], email_verified: true, name: payload['name'] });
    // The older URL many libraries still use answers the same.
    const legacy = await h.fetch(new Request('https://www.googleapis.com/oauth2/v3/userinfo', { headers: { authorization: `Bearer ${tokens.access_token}` } }));
    expect(await legacy.json()).toEqual(info);
    expect((await h.fetch(new Request(`https://www.googleapis.com/oauth2/v3/tokeninfo?access_token=${tokens.access_token}`))).status).toBe(200);
  });

  it('sends no id_token without openid, email claims only with the email scope, and an id_token on refresh', async () => {
    const h = createHarness();
    expect((await tokensFor(h, { scope: 'email' })).tokens.id_token).toBeUndefined();
    const { conn, tokens } = await tokensFor(h, { scope: 'openid', accessType: 'offline' });
    const claims = JSON.parse(Buffer.from(tokens.id_token!.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims['email']).toBeUndefined();
    expect(claims['name']).toBeUndefined();
    const renewed = (await (await h.fetch(new Request('https://oauth2.googleapis.com/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, client_id: conn.clientId, client_secret: conn.clientSecret }),
    }))).json()) as Record<string, unknown>;
    expect(renewed['id_token']).toEqual(expect.any(String));
    expect(renewed['refresh_token']).toBeUndefined();
    // A `scope` on refresh narrows within the grant, aliases expanded; a scope never granted is refused.
    const narrowed = (scope: string) =>
      h.fetch(new Request('https://oauth2.googleapis.com/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, client_id: conn.clientId, client_secret: conn.clientSecret, scope }),
      }));
    expect((await narrowed('openid')).status).toBe(200);
    expect(((await (await narrowed('email')).json()) as { error: string }).error).toBe('invalid_scope');
  });

  it('userinfo refuses a missing or dead token with 401 and a Bearer challenge', async () => {
    const h = createHarness();
    const none = await h.fetch(new Request('https://openidconnect.googleapis.com/v1/userinfo'));
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="https://accounts.google.com/"');
    expect(await none.json()).toEqual({ error: 'invalid_request', error_description: 'Invalid Credentials' });
    const bad = await h.fetch(new Request('https://openidconnect.googleapis.com/v1/userinfo', { headers: { authorization: 'Bearer ya29.nothing' } }));
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(await bad.json()).toEqual({ error: 'invalid_request', error_description: 'Invalid Credentials' });
  });
});

/** What openid-client does in an application: discover, build the URL, (consent), take the callback, verify, userinfo, refresh. */
async function runOpenidClient(h: Harness, conn: GoogleConnection, issuer: URL, insecure: boolean, viaProxy?: typeof fetch) {
  const options: client.DiscoveryRequestOptions = insecure ? { execute: [client.allowInsecureRequests] } : {};
  if (viaProxy) options[client.customFetch] = viaProxy as never;
  const config = await client.discovery(issuer, conn.clientId, conn.clientSecret, undefined, options);
  const verifier = client.randomPKCECodeVerifier();
  const nonce = client.randomNonce();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: conn.redirectUri,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    nonce,
    state,
    access_type: 'offline',
  });
  const callback = await approveAuthorization(h, { url: url.href });
  const tokens = await client.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedNonce: nonce, expectedState: state, idTokenExpected: true });
  const claims = tokens.claims()!;
  const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  const renewed = await client.refreshTokenGrant(config, tokens.refresh_token!);
  return { config, claims, info, renewed };
}

describe('openid-client discovers the fake Google and verifies its id_token', () => {
  it('over MSW, on the real https URLs', async () => {
    const h = createHarness({ seed: 5 });
    const msw = setupServer(...mswHandlers(h));
    msw.listen({ onUnhandledFrame: 'error' });
    try {
      const conn = connectionSettings(h);
      const { config, claims, info, renewed } = await runOpenidClient(h, conn, new URL('https://accounts.google.com'), false);
      expect(config.serverMetadata().issuer).toBe('https://accounts.google.com');
      expect(claims).toMatchObject({ iss: 'https://accounts.google.com', aud: conn.clientId, azp: conn.clientId });
      expect(info.email).toBe(claims['email']);
      expect(renewed.access_token).toMatch(/^ya29\./);
      expect(renewed.claims()?.sub).toBe(claims.sub);
    } finally {
      msw.close();
    }
  });

  describe('over the HTTP server (npm start), with openid-client’s allowInsecureRequests for its http:// issuer', () => {
    const h = createHarness({ seed: 6 });
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer({ harness: h, port: 0 });
    });
    afterAll(async () => {
      await server?.close();
    });

    it('discovers the local issuer and verifies the id_token it issues', async () => {
      const conn = connectionSettings(h, { base: (host) => server.base(host) });
      const { config, claims, info, renewed } = await runOpenidClient(h, conn, new URL(conn.issuer), true);
      expect(config.serverMetadata().token_endpoint).toBe(`${server.url}/oauth2.googleapis.com/token`);
      expect(claims.iss).toBe(`${server.url}/accounts.google.com`);
      expect(info.sub).toBe(claims.sub);
      expect(renewed.expires_in).toBe(3599);
    });

    it('refuses an id_token whose nonce is not the one sent (the check is live)', async () => {
      const conn = connectionSettings(h, { base: (host) => server.base(host) });
      const config = await client.discovery(new URL(conn.issuer), conn.clientId, conn.clientSecret, undefined, { execute: [client.allowInsecureRequests] });
      const url = client.buildAuthorizationUrl(config, { redirect_uri: conn.redirectUri, scope: 'openid', nonce: 'sent-nonce', state: 's' });
      const callback = await approveAuthorization(h, { url: url.href });
      const refused = await client.authorizationCodeGrant(config, new URL(callback), { expectedNonce: 'other-nonce', expectedState: 's' }).catch((e: unknown) => e);
      expect((refused as Error).cause).toMatchObject({ message: 'unexpected ID Token "nonce" claim value', cause: { claim: 'nonce', expected: 'other-nonce', claims: { nonce: 'sent-nonce' } } });
    });
  });
});

describe('openid-client through the HTTPS forward proxy, on the real https URLs (no insecure option)', () => {
  const h = createHarness({ seed: 8 });
  let server: RunningServer;
  let agent: ProxyAgent;
  beforeAll(async () => {
    server = await startServer({ harness: h, port: 0, https: { caDir: join(mkdtempSync(join(tmpdir(), 'oauth-doubles-google-ca-')), 'ca') } });
    agent = new ProxyAgent({ uri: server.proxyUrl, requestTls: { ca: readFileSync(server.https!.caFile, 'utf8') } });
  });
  afterAll(async () => {
    await agent?.close();
    await server?.close();
  });

  it('discovers https://accounts.google.com and verifies the id_token', async () => {
    const proxied = (async (url: string, init: UndiciInit) => undiciFetch(url, { ...init, dispatcher: agent })) as unknown as typeof fetch;
    const conn = connectionSettings(h);
    const { config, claims, renewed } = await runOpenidClient(h, conn, new URL('https://accounts.google.com'), false, proxied);
    expect(config.serverMetadata().token_endpoint).toBe('https://oauth2.googleapis.com/token');
    expect(claims.iss).toBe('https://accounts.google.com');
    expect(renewed.access_token).toMatch(/^ya29\./);
    expect(h.journal.entries({ provider: 'google', path: '/token' }).length).toBe(2);
  });
});
