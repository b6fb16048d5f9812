// The authorisation page on admin.octorate.com: the form, its refusals (400 pages, never redirects), approve and deny.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { approveAuthorization, connectionSettings } from '../../providers/octorate/index.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { AUTHORIZE_URL, exchange } from './support.ts';

const pageUrl = (params: Record<string, string>) => `${AUTHORIZE_URL}?${new URLSearchParams(params)}`;

describe('GET /octobook/identity/oauth.xhtml', () => {
  it('shows an HTML form that posts back on the host it was reached on, listing test users and their properties', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const res = await h.fetch(new Request(pageUrl({ client_id: conn.clientId, redirect_uri: conn.redirectUri, state: 'a"<b>' })));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/octobook/identity/oauth.xhtml">');
    expect(html).toContain('value="a&quot;&lt;b&gt;"');
    expect(html).not.toContain('a"<b>');
    expect(html.match(/name="property"/g)?.length).toBeGreaterThanOrEqual(5);
    expect(html).toMatch(/name="property"[^>]*checked/);
    // Every & in the page is an escape: property names like "B&B …" are escaped too.
    expect(html).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
    const local = await h.fetch(new Request(`http://127.0.0.1:9/admin.octorate.com/octobook/identity/oauth.xhtml?${new URLSearchParams({ client_id: conn.clientId, redirect_uri: conn.redirectUri, state: 's' })}`));
    expect(await local.text()).toContain('action="/admin.octorate.com/octobook/identity/oauth.xhtml"');
  });

  it('answers an unknown client, an unregistered redirect URI and a missing state with a 400 page, never a redirect', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const cases = [
      { client_id: 'nobody', redirect_uri: conn.redirectUri, state: 's' },
      { client_id: conn.clientId, redirect_uri: 'https://evil.example.test/cb', state: 's' },
      { client_id: conn.clientId, redirect_uri: `${conn.redirectUri}?x=1`, state: 's' },
      { client_id: conn.clientId, redirect_uri: conn.redirectUri },
      { redirect_uri: conn.redirectUri, state: 's' },
    ];
    for (const params of cases) {
      const res = await h.fetch(new Request(pageUrl(params as Record<string, string>)));
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('id="error-message"');
    }
  });

  it('refuses an http redirect URI for a PRODUCTION application, even when registered', async () => {
    const h = createHarness();
    h.clients.register({ provider: 'octorate', environment: 'production', clientId: 'plain-http', clientSecret: 's3cret', redirectUris: ['http://127.0.0.1:5000/cb'] });
    h.clients.register({ provider: 'octorate', environment: 'sandbox', clientId: 'plain-http-sbx', clientSecret: 's3cret', redirectUris: ['http://127.0.0.1:5000/cb'] });
    const prod = await h.fetch(new Request(pageUrl({ client_id: 'plain-http', redirect_uri: 'http://127.0.0.1:5000/cb', state: 's' })));
    expect(prod.status).toBe(400);
    expect(await prod.text()).toContain('https');
    const sandbox = await h.fetch(new Request(pageUrl({ client_id: 'plain-http-sbx', redirect_uri: 'http://127.0.0.1:5000/cb', state: 's' })));
    expect(sandbox.status).toBe(200);
  });

  it('answers an unknown admin path with a 404 page', async () => {
    const h = createHarness();
    const res = await h.fetch(new Request('https://admin.octorate.com/octobook/nothing'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
  });
});

describe('the form and approveAuthorization', () => {
  it('posting the form as a browser would redirects (302) to redirect_uri with code and the same state', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const body = new URLSearchParams({ client_id: conn.clientId, redirect_uri: conn.redirectUri, state: 'xyz&1', property: '', decision: 'approve' });
    const html = await (await h.fetch(new Request(pageUrl({ client_id: conn.clientId, redirect_uri: conn.redirectUri, state: 'xyz&1' })))).text();
    body.set('property', /name="property"[^>]*value="(\d+)" checked/.exec(html)![1]!);
    const res = await h.fetch(new Request(AUTHORIZE_URL, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(conn.redirectUri);
    expect(location.searchParams.get('state')).toBe('xyz&1');
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9]{40}$/);
  });

  it('deny redirects with error=access_denied and the state, and issues no code', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const location = new URL(await approveAuthorization(h, { clientId: conn.clientId, redirectUri: conn.redirectUri, state: 'no', decision: 'deny' }));
    expect(Object.fromEntries(location.searchParams)).toEqual({ error: 'access_denied', state: 'no' });
    expect(h.codes.list('octorate')).toHaveLength(0);
  });

  it('approves for a named user and property, and refuses a property the user does not own', async () => {
    const h = createHarness();
    const conn = connectionSettings(h, { environment: 'sandbox' });
    const users = (await (await adminFetch(h, '/users')).json()) as Array<{ email: string; id: string }>;
    const properties = (await (await adminFetch(h, '/properties')).json()) as Array<{ id: string; ownerId: string; environment: string }>;
    const owner = users[2]!;
    const mine = properties.find((p) => p.ownerId === owner.id)!;
    const theirs = properties.find((p) => p.ownerId !== owner.id)!;
    const location = await approveAuthorization(h, { clientId: conn.clientId, redirectUri: conn.redirectUri, state: 's', userEmail: owner.email });
    const code = h.codes.find(new URL(location).searchParams.get('code')!)!;
    expect(code.subject).toMatchObject({ propertyId: mine.id, userId: owner.id });
    await expect(approveAuthorization(h, { clientId: conn.clientId, redirectUri: conn.redirectUri, state: 's', userEmail: owner.email, propertyId: theirs.id })).rejects.toThrow(
      /does not belong/,
    );
    await expect(approveAuthorization(h, { clientId: conn.clientId, redirectUri: 'https://elsewhere.test/cb', state: 's' })).rejects.toThrow(/400.*not registered/);
  });
});

/** The provider's admin routes without a server: they are a plain Hono app. */
async function adminFetch(h: ReturnType<typeof createHarness>, path: string, init?: RequestInit): Promise<Response> {
  const provider = h.providers.find((p) => p.id === 'octorate')!;
  return provider.adminRoutes!(h.context('octorate')).fetch(new Request(`http://admin${path}`, init));
}

describe('admin API: POST /__admin/providers/octorate/authorize', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('returns the redirect URL with a code that /identity/token accepts', async () => {
    const h = createHarness();
    server = await startServer({ harness: h, port: 0 });
    const conn = connectionSettings(h);
    const res = await fetch(`${server.url}/__admin/providers/octorate/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: conn.clientId, redirectUri: conn.redirectUri, state: 'adm' }),
    });
    expect(res.status).toBe(200);
    const { redirectUrl } = (await res.json()) as { redirectUrl: string };
    const url = new URL(redirectUrl);
    expect(url.searchParams.get('state')).toBe('adm');
    expect((await exchange(h, conn, url.searchParams.get('code')!)).status).toBe(200);
    const bad = await fetch(`${server.url}/__admin/providers/octorate/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: conn.clientId, redirectUri: 'https://nope.test/', state: 'adm' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error_description: string }).error_description).toContain('not registered');
  });
});
