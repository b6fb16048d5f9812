// admin.googleapis.com: Admin SDK Directory users — list and insert with a Workspace admin's token, scope enforced, Google's error object.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { DIRECTORY_SCOPE, tokensFor, USERS_URL } from './support.ts';

const get = (url: string, token?: string) => new Request(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const insert = (token: string, body: unknown, type = 'application/json') =>
  new Request(USERS_URL, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });

interface ApiError {
  error: { code: number; message: string; errors: Array<{ message: string; domain: string; reason: string }>; status: string };
}

async function expectApiError(res: Response, code: number, reason: string, status: string): Promise<ApiError> {
  const body = (await res.json()) as ApiError;
  expect({ http: res.status, code: body.error.code, reason: body.error.errors[0]!.reason, status: body.error.status }).toEqual({ http: code, code, reason, status });
  return body;
}

describe('users.list and users.insert', () => {
  it('lists the customer’s users page by page, with the Directory API’s resource shape', async () => {
    const h = createHarness();
    const { tokens } = await tokensFor(h, { scope: DIRECTORY_SCOPE });
    const first = await h.fetch(get(`${USERS_URL}?customer=my_customer&maxResults=4`, tokens.access_token));
    expect(first.status).toBe(200);
    const page = (await first.json()) as { kind: string; users: Array<Record<string, unknown>>; nextPageToken?: string };
    expect(page.kind).toBe('admin#directory#users');
    expect(page.users).toHaveLength(4);
    expect(page.users[0]).toMatchObject({ kind: 'admin#directory#user', isAdmin: true, suspended: false, orgUnitPath: '/' });
    expect(page.users[0]!['id']).toMatch(/^\d{21}$/);
    const rest = (await (await h.fetch(get(`${USERS_URL}?customer=my_customer&maxResults=500&pageToken=${page.nextPageToken}`, tokens.access_token))).json()) as typeof page;
    expect(rest.nextPageToken).toBeUndefined();
    expect(new Set([...page.users, ...rest.users].map((u) => u['primaryEmail'])).size).toBe(10);
  });

  it('inserts a user who then shows in the list; a second insert of the address is 409 duplicate', async () => {
    const h = createHarness();
    const { tokens } = await tokensFor(h, { scope: DIRECTORY_SCOPE });
    const list = (await (await h.fetch(get(`${USERS_URL}?customer=my_customer`, tokens.access_token))).json()) as { users: Array<{ primaryEmail: string }> };
    const domain = list.users[0]!.primaryEmail.split('@')[1]!;
    const user = { primaryEmail: `new.hire@${domain}`, name: { givenName: 'New', familyName: 'Hire' }, password: 'Welcome-2026!' };
    const created = await h.fetch(insert(tokens.access_token, user));
    expect(created.status).toBe(200);
    expect(await created.json()).toMatchObject({ kind: 'admin#directory#user', primaryEmail: `new.hire@${domain}`, name: { fullName: 'New Hire' } });
    const after = (await (await h.fetch(get(`${USERS_URL}?domain=${domain}`, tokens.access_token))).json()) as { users: Array<{ primaryEmail: string }> };
    expect(after.users.map((u) => u.primaryEmail)).toContain(`new.hire@${domain}`);
    const again = await expectApiError(await h.fetch(insert(tokens.access_token, user)), 409, 'duplicate', 'INVALID_ARGUMENT');
    expect(again.error.message).toBe('Entity already exists.');
    await expectApiError(await h.fetch(insert(tokens.access_token, { ...user, primaryEmail: `x@${domain}`, password: 'short' })), 400, 'invalid', 'INVALID_ARGUMENT');
    await expectApiError(await h.fetch(insert(tokens.access_token, { ...user, primaryEmail: 'x@elsewhere.example' })), 400, 'invalid', 'INVALID_ARGUMENT');
    await expectApiError(await h.fetch(insert(tokens.access_token, { primaryEmail: `y@${domain}`, password: 'Welcome-2026!' })), 400, 'invalid', 'INVALID_ARGUMENT');
    await expectApiError(await h.fetch(insert(tokens.access_token, '{"primaryEmail": ')), 400, 'parseError', 'INVALID_ARGUMENT');
    await expectApiError(await h.fetch(insert(tokens.access_token, new URLSearchParams(user as never).toString(), 'application/x-www-form-urlencoded')), 400, 'parseError', 'INVALID_ARGUMENT');
  });
});

describe('who may call', () => {
  it('no token: 401 "Login Required." with a bare Bearer challenge; a dead token: 401 authError', async () => {
    const h = createHarness();
    const none = await h.fetch(get(`${USERS_URL}?customer=my_customer`));
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="https://accounts.google.com/"');
    expect((await expectApiError(none, 401, 'required', 'UNAUTHENTICATED')).error.errors[0]!.message).toBe('Login Required.');
    const dead = await h.fetch(get(`${USERS_URL}?customer=my_customer`, 'ya29.a0nothing'));
    expect(dead.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect((await expectApiError(dead, 401, 'authError', 'UNAUTHENTICATED')).error.errors[0]!.message).toBe('Invalid Credentials');
  });

  it('a token without the directory scope is 403 insufficientPermissions; the readonly scope lists but cannot insert', async () => {
    const h = createHarness();
    const { tokens } = await tokensFor(h, { scope: 'openid email' });
    const res = await h.fetch(get(`${USERS_URL}?customer=my_customer`, tokens.access_token));
    expect(res.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    await expectApiError(res, 403, 'insufficientPermissions', 'PERMISSION_DENIED');
    const readonly = (await tokensFor(h, { scope: `${DIRECTORY_SCOPE}.readonly` })).tokens.access_token;
    expect((await h.fetch(get(`${USERS_URL}?customer=my_customer`, readonly))).status).toBe(200);
    await expectApiError(await h.fetch(insert(readonly, { primaryEmail: 'a@b.c' })), 403, 'insufficientPermissions', 'PERMISSION_DENIED');
  });

  it('a Workspace member who is not an admin, or a consumer account, is 403 forbidden; customer or domain is required', async () => {
    const h = createHarness();
    const world = h.context('google').state.get('world') as { users: Array<{ email: string }> };
    for (const account of world.users.slice(1)) {
      const { tokens } = await tokensFor(h, { scope: DIRECTORY_SCOPE, userEmail: account.email });
      const res = await expectApiError(await h.fetch(get(`${USERS_URL}?customer=my_customer`, tokens.access_token)), 403, 'forbidden', 'PERMISSION_DENIED');
      expect(res.error.message).toBe('Not Authorized to access this resource/api');
    }
    const { tokens } = await tokensFor(h, { scope: DIRECTORY_SCOPE });
    await expectApiError(await h.fetch(get(USERS_URL, tokens.access_token)), 400, 'badRequest', 'INVALID_ARGUMENT');
    await expectApiError(await h.fetch(get(`${USERS_URL}?customer=my_customer&maxResults=501`, tokens.access_token)), 400, 'invalid', 'INVALID_ARGUMENT');
    await expectApiError(await h.fetch(get(`${USERS_URL}?domain=other.example.test`, tokens.access_token)), 403, 'forbidden', 'PERMISSION_DENIED');
  });
});
