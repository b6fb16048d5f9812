// accounts.google.com/o/oauth2/v2/auth: the consent page, Google's error pages (never a redirect), Allow and Cancel.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { approveAuthorization, connectionSettings } from '../../providers/google/public.ts';
import { AUTH_URL, authorizeCode, manifestRedirect, seedAuthenticateUrl } from './support.ts';

const page = (params: Record<string, string>) => new Request(`${AUTH_URL}?${new URLSearchParams(params)}`);

describe('the consent page', () => {
  it('lists the test accounts and the scopes asked, and posts back on the host it was reached on', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const params = { client_id: conn.clientId, redirect_uri: conn.redirectUri, response_type: 'code', scope: 'openid email', state: 'a"<b>' };
    const res = await h.fetch(page(params));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/signin/oauth/consent">');
    expect(html).toContain('value="a&quot;&lt;b&gt;"');
    expect(html).not.toContain('a"<b>');
    expect(html.match(/name="user"/g)).toHaveLength(3);
    expect(html).toContain('data-scope="https://www.googleapis.com/auth/userinfo.email"');
    const local = await h.fetch(new Request(`http://127.0.0.1:9/accounts.google.com/o/oauth2/v2/auth?${new URLSearchParams(params)}`));
    expect(await local.text()).toContain('action="/accounts.google.com/signin/oauth/consent"');
  });

  it('answers an unknown client with Google’s 401 invalid_client page and an unregistered redirect URI with redirect_uri_mismatch, never a redirect', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const base = { client_id: conn.clientId, redirect_uri: conn.redirectUri, response_type: 'code', scope: 'openid' };
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ ...base, client_id: 'nobody.apps.googleusercontent.com' }, 401, 'invalid_client'],
      [{ ...base, redirect_uri: 'https://evil.example.test/cb' }, 400, 'redirect_uri_mismatch'],
      [{ ...base, redirect_uri: `${conn.redirectUri}/` }, 400, 'redirect_uri_mismatch'],
      [{ ...base, response_type: 'token' }, 400, 'unsupported_response_type'],
      [{ ...base, scope: 'openid drive' }, 400, 'invalid_scope'],
      [{ ...base, scope: '' }, 400, 'invalid_request'],
      [{ ...base, access_type: 'forever' }, 400, 'invalid_request'],
      [{ ...base, prompt: 'none consent' }, 400, 'invalid_request'],
      [{ ...base, approval_prompt: 'force', prompt: 'consent' }, 400, 'invalid_request'],
      [{ ...base, client_secret: conn.clientSecret }, 400, 'invalid_request'],
      [{ ...base, code_challenge: 'short', code_challenge_method: 'S256' }, 400, 'invalid_request'],
    ];
    for (const [params, status, code] of cases) {
      const res = await h.fetch(page(params));
      const html = await res.text();
      expect({ status: res.status, code: /Error \d+: (\w+)/.exec(html)?.[1] }, JSON.stringify(params)).toEqual({ status, code });
      expect(res.headers.get('location')).toBeNull();
    }
    // The unknown parameter is named, as Google does ("Parameter not allowed for this message type").
    expect(await (await h.fetch(page({ ...base, client_secret: 'x' }))).text()).toContain('Parameter not allowed for this message type: client_secret');
  });

  it('runs the seed’s authenticate_url unchanged: scope URL and redirect URI unencoded in the query', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const location = new URL(await approveAuthorization(h, { url: seedAuthenticateUrl(conn) }));
    expect(`${location.origin}${location.pathname}`).toBe(manifestRedirect(conn));
    expect(location.searchParams.get('code')).toMatch(/^4\/0A[\w-]+$/);
    expect(location.searchParams.get('scope')).toBe('https://www.googleapis.com/auth/admin.directory.user');
    expect(location.searchParams.get('prompt')).toBe('consent');
    // The code's slash arrives percent-encoded: the callback must decode it once.
    expect(location.search).toContain('code=4%2F0A');
  });

  it('Cancel redirects with error=access_denied and the state; a browser-style form post gives a 302 with code and state', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const denied = new URL(await approveAuthorization(h, { clientId: conn.clientId, redirectUri: conn.redirectUri, scope: 'email', state: 'x&y', decision: 'deny' }));
    expect(Object.fromEntries(denied.searchParams)).toEqual({ state: 'x&y', error: 'access_denied' });

    const users = (await (await h.fetch(page({ client_id: conn.clientId, redirect_uri: conn.redirectUri, response_type: 'code', scope: 'email' }))).text()).match(/name="user"[^>]*value="([^"]+)"/g)!;
    const second = /value="([^"]+)"/.exec(users[1]!)![1]!;
    const body = new URLSearchParams({ client_id: conn.clientId, redirect_uri: conn.redirectUri, response_type: 'code', scope: 'email', state: 's1', user: second, decision: 'approve' });
    const res = await h.fetch(new Request('https://accounts.google.com/signin/oauth/consent', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('s1');
    expect(location.searchParams.get('code')).toBeTruthy();
    // The form re-checks everything: a tampered redirect URI is refused there too.
    body.set('redirect_uri', 'https://evil.example.test/cb');
    const tampered = await h.fetch(new Request('https://accounts.google.com/signin/oauth/consent', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    expect(tampered.status).toBe(400);
    expect(tampered.headers.get('location')).toBeNull();
  });

  it('prompt=none gives a code only after an earlier consent covering the scopes, consent_required otherwise', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const silent = () => approveAuthorization(h, { clientId: conn.clientId, redirectUri: conn.redirectUri, scope: 'openid email', prompt: 'none', state: 'q' });
    expect(new URL(await silent()).searchParams.get('error')).toBe('consent_required');
    await authorizeCode(h, { scope: 'openid email' });
    const again = new URL(await silent());
    expect(again.searchParams.get('code')).toBeTruthy();
    expect(again.searchParams.get('prompt')).toBe('none');
  });

  it('hd narrows the accounts to the Workspace domain; login_hint preselects one', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const all = await (await h.fetch(page({ client_id: conn.clientId, redirect_uri: conn.redirectUri, response_type: 'code', scope: 'email' }))).text();
    const emails = [...all.matchAll(/name="user"[^>]*value="([^"]+)"/g)].map((m) => m[1]!);
    const domain = emails[0]!.split('@')[1]!;
    const narrowed = await (await h.fetch(page({ client_id: conn.clientId, redirect_uri: conn.redirectUri, response_type: 'code', scope: 'email', hd: domain }))).text();
    expect([...narrowed.matchAll(/name="user"[^>]*value="([^"]+)"/g)].map((m) => m[1])).toEqual(emails.filter((e) => e.endsWith(`@${domain}`)));
    const hinted = await (await h.fetch(page({ client_id: conn.clientId, redirect_uri: conn.redirectUri, response_type: 'code', scope: 'email', login_hint: emails[2]! }))).text();
    expect(/name="user"[^>]*value="([^"]+)" checked/.exec(hinted)![1]).toBe(emails[2]);
    await expect(approveAuthorization(h, { clientId: conn.clientId, redirectUri: conn.redirectUri, scope: 'email', hd: domain, userEmail: emails[2]! })).rejects.toThrow(/not in the domain/);
  });

  it('takes the authorisation request as a POSTed form too (OIDC Core §3.1.2.1), with the same checks', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const post = (body: Record<string, string>, type = 'application/x-www-form-urlencoded') =>
      h.fetch(new Request(AUTH_URL, { method: 'POST', body: new URLSearchParams(body), headers: { 'content-type': type } }));
    const ok = await post({ client_id: conn.clientId, redirect_uri: conn.redirectUri, response_type: 'code', scope: 'email' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('action="/signin/oauth/consent"');
    expect((await post({ client_id: conn.clientId, redirect_uri: 'https://evil.example.test/', response_type: 'code', scope: 'email' })).status).toBe(400);
    expect((await post({ client_id: conn.clientId }, 'text/plain')).status).toBe(400);
    const put = await h.fetch(new Request(AUTH_URL, { method: 'PUT' }));
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
  });

  it('approveAuthorization throws with the page’s message for a bad request', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    await expect(approveAuthorization(h, { clientId: conn.clientId, redirectUri: 'https://evil.example.test/', scope: 'email' })).rejects.toThrow(
      /400: Error 400: redirect_uri_mismatch: .*redirect_uri=https:\/\/evil\.example\.test\//,
    );
  });
});

describe('POST /__admin/providers/google/authorize', () => {
  it('approves the URL a client built, or fields; refuses what the page refuses, and bad bodies', async () => {
    const { startServer } = await import('../../server/serve.ts');
    const h = createHarness();
    const server = await startServer({ harness: h, port: 0 });
    try {
      const conn = connectionSettings(h, { base: (host) => server.base(host) });
      const admin = (body: unknown) =>
        fetch(`${server.url}/__admin/providers/google/authorize`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
      const byUrl = (await (await admin({ url: seedAuthenticateUrl(conn, server.base('accounts.google.com')) })).json()) as { redirectUrl: string };
      expect(new URL(byUrl.redirectUrl).searchParams.get('code')).toMatch(/^4\/0A/);
      const byFields = (await (await admin({ clientId: conn.clientId, redirectUri: conn.redirectUri, scope: ['openid', 'email'], state: 's', decision: 'deny' })).json()) as { redirectUrl: string };
      expect(new URL(byFields.redirectUrl).searchParams.get('error')).toBe('access_denied');
      const mismatch = await admin({ clientId: conn.clientId, redirectUri: 'https://evil.example.test/', scope: 'email' });
      expect(mismatch.status).toBe(400);
      expect(((await mismatch.json()) as { error: string }).error).toBe('redirect_uri_mismatch');
      expect((await admin('{nope')).status).toBe(400);
      expect((await admin({ url: 'not a url' })).status).toBe(400);
    } finally {
      await server.close();
    }
  });
});
