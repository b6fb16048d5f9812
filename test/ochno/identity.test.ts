// Ochno's token endpoint: scoped client credentials, rotating refresh with redirect_uri and family revocation, environments.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { clientCredentials, errorOf, ochnoOf, refresh, tokenRequest, tokens, api } from './support.ts';

describe('Ochno client credentials', () => {
  it('answers a space-separated scope with both tokens, expires_in 3600 and the scope, not cached', async () => {
    const o = ochnoOf(createHarness());
    const res = await clientCredentials(o);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['access_token', 'refresh_token', 'token_type', 'expires_in', 'scope']);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'hubs:read hubs:write accounts:read' });
  });

  it('refuses comma- and plus-joined, unknown, empty and ungranted scopes with invalid_scope naming the value', async () => {
    const o = ochnoOf(createHarness());
    for (const [scope, says] of [
      ['hubs:read,hubs:write', '"hubs:read,hubs:write" is not space-separated'],
      ['hubs:read+hubs:write', 'not space-separated'],
      ['hubs:read rooms:write', 'Unknown scope "rooms:write"'],
    ] as const) {
      const e = await errorOf(await clientCredentials(o, scope));
      expect(e, scope).toMatchObject({ status: 400, error: 'invalid_scope' });
      expect(e.description).toContain(says);
    }
    const readOnly = createHarness();
    const dashboard = readOnly.clients.list('ochno', 'production')[1]!;
    const r = ochnoOf(readOnly, { clientId: dashboard.clientId });
    const e = await errorOf(await clientCredentials(r, 'hubs:read hubs:write'));
    expect(e).toMatchObject({ status: 400, error: 'invalid_scope' });
    expect(e.description).toContain('not granted the scope "hubs:write"');
    expect((await clientCredentials(r, 'hubs:read')).status).toBe(200);
  });

  it('refuses JSON naming the form type, a missing scope, a wrong secret and an unknown grant', async () => {
    const o = ochnoOf(createHarness());
    const json = await errorOf(await tokenRequest(o, { client_id: o.s.clientId, client_secret: o.s.clientSecret, grant_type: 'client_credentials', scope: 'hubs:read' }, 'application/json'));
    expect(json).toMatchObject({ status: 400, error: 'invalid_request' });
    expect(json.description).toContain('application/x-www-form-urlencoded body, not JSON');
    expect((await errorOf(await tokenRequest(o, { client_id: o.s.clientId, client_secret: o.s.clientSecret, grant_type: 'client_credentials' }))).description).toContain('"scope"');
    expect(await errorOf(await clientCredentials(o, 'hubs:read', { client_secret: 'wrong' }))).toMatchObject({ status: 401, error: 'invalid_client' });
    expect(await errorOf(await clientCredentials(o, 'hubs:read', { grant_type: 'password' }))).toMatchObject({ status: 400, error: 'unsupported_grant_type' });
  });

  it('keeps production and stage apart: credentials and tokens of one are refused by the other, saying so', async () => {
    const h = createHarness();
    const prod = ochnoOf(h);
    const stage = ochnoOf(h, { environment: 'stage' });
    const crossed = { ...stage, s: { ...stage.s, clientId: prod.s.clientId, clientSecret: prod.s.clientSecret } };
    const e = await errorOf(await clientCredentials(crossed));
    expect(e).toMatchObject({ status: 401, error: 'invalid_client' });
    expect(e.description).toContain('is an integration of operated.ochno.com, not of stage.ochno.com');
    const token = (await tokens(prod)).access_token;
    const wrong = await errorOf(await api(stage, token, '/api/hubs/v1'));
    expect(wrong).toMatchObject({ status: 401, error: 'invalid_token' });
    expect(wrong.description).toContain('issued by operated.ochno.com, not stage.ochno.com');
    expect(wrong.challenge).toContain('error="invalid_token"');
  });
});

describe('Ochno refresh', () => {
  it('needs redirect_uri, rotates the refresh token, and a reused one revokes the whole family', async () => {
    const o = ochnoOf(createHarness());
    const first = await tokens(o);
    const missing = await errorOf(await refresh(o, first.refresh_token, { redirect_uri: '' }));
    expect(missing).toMatchObject({ status: 400, error: 'invalid_request' });
    expect(missing.description).toContain('needs "redirect_uri"');
    expect((await errorOf(await refresh(o, first.refresh_token, { redirect_uri: 'https://elsewhere.test/cb' }))).error).toBe('invalid_grant');

    const second = (await (await refresh(o, first.refresh_token)).json()) as { access_token: string; refresh_token: string };
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const third = (await (await refresh(o, second.refresh_token)).json()) as { access_token: string; refresh_token: string };
    expect((await api(o, third.access_token, '/api/hubs/v1')).status).toBe(200);

    const reused = await errorOf(await refresh(o, first.refresh_token));
    expect(reused).toMatchObject({ status: 400, error: 'invalid_grant' });
    expect(reused.description).toContain('already used');
    expect(reused.description).toContain('revokes its whole family');
    // The family is gone: the newest access and refresh tokens are revoked too.
    expect((await api(o, third.access_token, '/api/hubs/v1')).status).toBe(401);
    expect((await errorOf(await refresh(o, third.refresh_token))).description).toContain('family');
  });

  it('honours the grace-period and no-rotation readings as quirks', async () => {
    const grace = ochnoOf(createHarness({ quirks: { ochno: { refreshReuseGraceSeconds: 30 } } }));
    const t = await tokens(grace);
    expect((await refresh(grace, t.refresh_token)).status).toBe(200);
    expect((await refresh(grace, t.refresh_token)).status).toBe(200);
    grace.h.clock.advance(31);
    expect((await refresh(grace, t.refresh_token)).status).toBe(400);

    const fixed = ochnoOf(createHarness({ quirks: { ochno: { rotateRefreshToken: false } } }));
    const f = await tokens(fixed);
    const again = (await (await refresh(fixed, f.refresh_token)).json()) as { refresh_token: string };
    expect(again.refresh_token).toBe(f.refresh_token);
    expect((await refresh(fixed, f.refresh_token)).status).toBe(200);
  });
});
