// Ochno's code flow: the authorisation page, programmatic approval, camelCase codeVerifier PKCE, single-use short-lived codes.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { approveAuthorization } from '../../providers/ochno/public.ts';
import { adminApp } from '../../server/admin.ts';
import { authorizeUrl, code, errorOf, exchange, ochnoOf, VERIFIER } from './support.ts';

describe('Ochno authorisation page', () => {
  it('shows a real page with the integration, its scopes and the test users’ accounts', async () => {
    const o = ochnoOf(createHarness());
    const res = await o.h.fetch(new Request(authorizeUrl(o)));
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Room automation (every scope)');
    expect(page).toContain('<code>hubs:read</code>');
    expect(page.match(/name="grant"/g)!.length).toBeGreaterThanOrEqual(2);
  });

  it('shows an error page, never a redirect, for an unknown client or an unregistered redirect URI', async () => {
    const o = ochnoOf(createHarness());
    for (const params of [{ client_id: 'nobody' }, { redirect_uri: 'https://evil.example/cb' }] as Record<string, string>[]) {
      const res = await o.h.fetch(new Request(authorizeUrl(o, params)));
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('content-type')).toContain('text/html');
    }
    await expect(approveAuthorization(o.h, { url: authorizeUrl(o, { redirect_uri: 'https://evil.example/cb' }) })).rejects.toThrow('not registered');
  });

  it('redirects other errors back with error and state; a denial is access_denied', async () => {
    const o = ochnoOf(createHarness());
    const bad = await approveAuthorization(o.h, { url: authorizeUrl(o, { scope: 'hubs:read,email' }) });
    expect(new URL(bad).searchParams.get('error')).toBe('invalid_scope');
    expect(new URL(bad).searchParams.get('state')).toBe('state-1');
    const noPkce = new URL(authorizeUrl(o));
    noPkce.searchParams.delete('code_challenge');
    expect(new URL(await approveAuthorization(o.h, { url: noPkce.toString() })).searchParams.get('error')).toBe('invalid_request');
    const denied = await approveAuthorization(o.h, { url: authorizeUrl(o), decision: 'deny' });
    expect(Object.fromEntries(new URL(denied).searchParams)).toEqual({ error: 'access_denied', state: 'state-1' });
  });

  it('exchanges a code with codeVerifier once; code_verifier is refused naming codeVerifier; a wrong verifier, late or reused code fails', async () => {
    const o = ochnoOf(createHarness());
    const snake = await errorOf(await exchange(o, await code(o), { codeVerifier: '', code_verifier: VERIFIER }));
    expect(snake.description).toContain('"codeVerifier", not "code_verifier"');
    const wrong = await errorOf(await exchange(o, await code(o), { codeVerifier: `${VERIFIER}x` }));
    expect(wrong).toMatchObject({ error: 'invalid_grant', description: expect.stringContaining('does not match the code_challenge') });

    const value = await code(o);
    const first = await exchange(o, value);
    expect(first.status).toBe(200);
    const reuse = await errorOf(await exchange(o, value));
    expect(reuse.description).toContain('already used');
    const issued = (await first.json()) as { access_token: string };
    expect((await o.h.fetch(new Request(`${o.s.baseUrl}/api/hubs/v1`, { headers: { authorization: `Bearer ${issued.access_token}` } }))).status).toBe(401);

    const late = await code(o);
    o.h.clock.advance(61);
    expect((await errorOf(await exchange(o, late))).description).toContain('expired');
    const plain = await code(o, { code_challenge: VERIFIER, code_challenge_method: 'plain' });
    expect((await exchange(o, plain)).status).toBe(200);
  });

  it('approves through the admin API like the page does', async () => {
    const o = ochnoOf(createHarness());
    const admin = adminApp(o.h);
    const res = await admin.fetch(
      new Request('http://127.0.0.1/__admin/providers/ochno/authorize', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: authorizeUrl(o) }) }),
    );
    expect(res.status).toBe(200);
    const { redirectUrl } = (await res.json()) as { redirectUrl: string };
    expect((await exchange(o, new URL(redirectUrl).searchParams.get('code')!)).status).toBe(200);
  });
});
