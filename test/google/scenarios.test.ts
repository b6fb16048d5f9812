// Google's scenarios: revoked refresh token, repeat consent without a refresh token, Testing apps' 7-day expiry, token endpoint down, and the shared kinds.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { expectOAuthError, refresh, tokensFor } from './support.ts';

const DAY = 86_400;

describe('Google scenarios', () => {
  it('refresh-token-revoked: "Token has been expired or revoked.", for good, and the access tokens die with it', async () => {
    const h = createHarness();
    const { conn, tokens } = await tokensFor(h, { scope: 'email', accessType: 'offline' });
    h.scenarios.apply('refresh-token-revoked', { times: 1 });
    await expectOAuthError(await refresh(h, conn, tokens.refresh_token!), 400, 'invalid_grant', 'Token has been expired or revoked.');
    expect(h.scenarios.active('google')).toEqual([]);
    await expectOAuthError(await refresh(h, conn, tokens.refresh_token!), 400, 'invalid_grant', 'Token has been expired or revoked.');
    expect((await h.fetch(new Request(`https://oauth2.googleapis.com/tokeninfo?access_token=${tokens.access_token}`))).status).toBe(400);
    // The consent is gone: the next offline authorisation is a first one and brings a refresh token.
    expect((await tokensFor(h, { scope: 'email', accessType: 'offline' })).tokens.refresh_token).toBeDefined();
  });

  it('consent-without-refresh-token: no refresh_token unless the authorisation asked prompt=consent', async () => {
    const h = createHarness();
    h.scenarios.apply('consent-without-refresh-token');
    expect((await tokensFor(h, { scope: 'email', accessType: 'offline' })).tokens.refresh_token).toBeUndefined();
    expect((await tokensFor(h, { scope: 'email', accessType: 'offline', prompt: 'consent' })).tokens.refresh_token).toBeDefined();
  });

  it('testing-app-7-day-expiry: the refresh token works for 7 days of clock time, then is "expired or revoked"', async () => {
    const h = createHarness({ clock: { frozen: true } });
    h.scenarios.apply('testing-app-7-day-expiry');
    const { conn, tokens } = await tokensFor(h, { scope: 'email', accessType: 'offline' });
    h.clock.advance(7 * DAY - 1);
    expect((await refresh(h, conn, tokens.refresh_token!)).status).toBe(200);
    h.clock.advance(1);
    await expectOAuthError(await refresh(h, conn, tokens.refresh_token!), 400, 'invalid_grant', 'Token has been expired or revoked.');
    // Without the scenario (a published app) the same age is fine.
    const published = createHarness({ clock: { frozen: true } });
    const other = await tokensFor(published, { scope: 'email', accessType: 'offline' });
    published.clock.advance(30 * DAY);
    expect((await refresh(published, other.conn, other.tokens.refresh_token!)).status).toBe(200);
  });

  it('token-endpoint-down: 503 at /token only, until cleared or `times` runs out', async () => {
    const h = createHarness();
    const { conn, tokens } = await tokensFor(h, { scope: 'email', accessType: 'offline' });
    h.scenarios.apply('token-endpoint-down', { times: 2, params: { retryAfter: 5 } });
    const down = await refresh(h, conn, tokens.refresh_token!);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(((await down.json()) as { error: string }).error).toBe('temporarily_unavailable');
    // Revocation and the consent page are other endpoints: they still answer.
    expect((await h.fetch(new Request(`https://oauth2.googleapis.com/tokeninfo?access_token=${tokens.access_token}`))).status).toBe(200);
    expect((await refresh(h, conn, tokens.refresh_token!)).status).toBe(503);
    expect((await refresh(h, conn, tokens.refresh_token!)).status).toBe(200);
  });

  it('the shared kinds answer at /token: rate-limited (429 + Retry-After), malformed and HTML answers, invalid-credentials', async () => {
    const h = createHarness({ clock: { frozen: true } });
    const { conn, tokens } = await tokensFor(h, { scope: 'email', accessType: 'offline' });
    h.scenarios.apply('rate-limited', { provider: 'google', params: { retryAfter: 10 } });
    const limited = await refresh(h, conn, tokens.refresh_token!);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('10');
    h.clock.advance(10);
    expect((await refresh(h, conn, tokens.refresh_token!)).status).toBe(200);
    h.scenarios.clear();
    h.scenarios.apply('token-response-malformed', { provider: 'google', times: 1 });
    expect(() => JSON.parse('{"access_token": "')).toThrow();
    expect(await (await refresh(h, conn, tokens.refresh_token!)).text()).toBe('{"access_token": "');
    h.scenarios.apply('invalid-credentials', { provider: 'google', times: 1 });
    await expectOAuthError(await refresh(h, conn, tokens.refresh_token!), 401, 'invalid_client', 'Unauthorized');
    expect((await refresh(h, conn, tokens.refresh_token!)).status).toBe(200);
  });

  it('signing-key-rotated: new id_tokens carry a new kid; the JWKS keeps the old key only if asked', async () => {
    const h = createHarness();
    const first = (await tokensFor(h, { scope: 'openid' })).tokens.id_token!;
    const kid = (t: string) => (JSON.parse(Buffer.from(t.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
    h.scenarios.apply('signing-key-rotated');
    const second = (await tokensFor(h, { scope: 'openid' })).tokens.id_token!;
    expect(kid(second)).not.toBe(kid(first));
    const published = ((await (await h.fetch(new Request('https://www.googleapis.com/oauth2/v3/certs'))).json()) as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid);
    expect(published).toEqual([kid(second)]);
  });

  it('id-token-issuer-without-scheme: iss is the bare host, which a strict https-only issuer check refuses', async () => {
    const h = createHarness();
    const iss = (t: string) => (JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()) as { iss: string }).iss;
    expect(iss((await tokensFor(h, { scope: 'openid' })).tokens.id_token!)).toBe('https://accounts.google.com');
    h.scenarios.apply('id-token-issuer-without-scheme', { times: 1 });
    expect(iss((await tokensFor(h, { scope: 'openid' })).tokens.id_token!)).toBe('accounts.google.com');
    expect(iss((await tokensFor(h, { scope: 'openid' })).tokens.id_token!)).toBe('https://accounts.google.com');
  });
});
