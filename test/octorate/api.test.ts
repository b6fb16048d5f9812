// The Octorate API: which token may call what, the resources' shapes, paging, headers, quota and environments.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { connectionSettings } from '../../providers/octorate/index.ts';
import { API, REFRESH_URL, apiLoginToken, bearer, expectTyped, formRequest, propertyTokens, type TokenBody } from './support.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z\[UTC\]$/;

interface Accommodation {
  id: string;
  name: string;
  sandboxProperty: boolean;
  contact: { email: string };
}

async function json<T>(res: Response): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

describe('bearer tokens', () => {
  it('answers 401 ApiKeyMissing without a token and 401 ApiKeyInvalid for unknown, refresh, expired and Basic credentials', async () => {
    const h = createHarness();
    const { tokens } = await propertyTokens(h);
    await expectTyped(await h.fetch(new Request(`${API}/user/info`)), 401, 'ApiKeyMissing');
    await expectTyped(await h.fetch(new Request(`${API}/user/info`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } })), 401, 'ApiKeyMissing');
    await expectTyped(await h.fetch(bearer(`${API}/user/info`, 'made-up')), 401, 'ApiKeyInvalid');
    await expectTyped(await h.fetch(bearer(`${API}/user/info`, tokens.refresh_token!)), 401, 'ApiKeyInvalid');
    h.clock.advance(3600);
    const expired = await expectTyped(await h.fetch(bearer(`${API}/user/info`, tokens.access_token)), 401, 'ApiKeyInvalid');
    expect(expired.message).toContain('expired');
  });

  it('puts request-id (UUID) and X-RateLimit-Remaining on API answers, errors included', async () => {
    const h = createHarness();
    const { tokens } = await propertyTokens(h);
    const ok = await h.fetch(bearer(`${API}/user/info`, tokens.access_token));
    expect(ok.headers.get('request-id')).toMatch(UUID);
    expect(ok.headers.get('x-ratelimit-remaining')).toBe('9999');
    const refused = await h.fetch(bearer(`${API}/api/configuration`, tokens.access_token));
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('9998');
    expect(refused.headers.get('request-id')).toMatch(UUID);
    const anonymous = await h.fetch(new Request(`${API}/user/info`));
    expect(anonymous.headers.get('request-id')).toMatch(UUID);
    expect(anonymous.headers.get('x-ratelimit-remaining')).toBeNull();
  });

  it('counts calls per application against the quota (quirk quotaLimit) and answers 403 ApiQuotaException beyond it', async () => {
    const h = createHarness({ quirks: { octorate: { quotaLimit: 3, quotaWindowSeconds: 60 } } });
    const { tokens } = await propertyTokens(h);
    const remaining: Array<string | null> = [];
    for (let i = 0; i < 3; i++) remaining.push((await h.fetch(bearer(`${API}/user/info`, tokens.access_token))).headers.get('x-ratelimit-remaining'));
    expect(remaining).toEqual(['2', '1', '0']);
    const over = await h.fetch(bearer(`${API}/user/info`, tokens.access_token));
    expect(over.headers.get('x-ratelimit-remaining')).toBe('0');
    await expectTyped(over, 403, 'ApiQuotaException');
    // The sandbox application has its own quota.
    const sandbox = await propertyTokens(h, 'sandbox');
    expect((await h.fetch(bearer(`${API}/user/info`, sandbox.tokens.access_token))).status).toBe(200);
    // A new window (clock time) gives the quota back.
    h.clock.advance(60);
    const renewed = await h.fetch(bearer(`${API}/user/info`, tokens.access_token));
    expect(renewed.status).toBe(200);
    expect(renewed.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('answers a wrong path with a plain 404 without a JSON body, and a wrong method with 405', async () => {
    const h = createHarness();
    const res = await h.fetch(new Request(`${API}/nothing/here`));
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('');
    expect(res.headers.get('content-type')).toBeNull();
    const del = await h.fetch(new Request(`${API}/accommodation`, { method: 'DELETE' }));
    expect(del.headers.get('allow')).toBe('GET');
    await expectTyped(del, 405, 'MethodNotAllowed');
  });
});

describe('property token vs apilogin token', () => {
  it('user/info answers {name, email, username} for a property token; apilogin tokens are refused', async () => {
    const h = createHarness();
    const { tokens } = await propertyTokens(h);
    const info = await json<Record<string, string>>(await h.fetch(bearer(`${API}/user/info`, tokens.access_token)));
    expect(Object.keys(info).sort()).toEqual(['email', 'name', 'username']);
    await expectTyped(await h.fetch(bearer(`${API}/user/info`, await apiLoginToken(h))), 403, 'ApiSecurityException');
  });

  it('GET accommodation: a bare array — the property token its property, the apilogin token all of the application’s', async () => {
    const h = createHarness();
    const { tokens, code } = await propertyTokens(h);
    const granted = h.codes.find(code)!.subject['propertyId'];
    const own = await json<Accommodation[]>(await h.fetch(bearer(`${API}/accommodation`, tokens.access_token)));
    expect(Array.isArray(own)).toBe(true);
    expect(own.map((a) => a.id)).toEqual([granted]);
    expect(Object.keys(own[0]!)).toEqual(['id', 'name', 'currency', 'timeZone', 'contact', 'location', 'propertyCategory', 'sandboxProperty']);
    const all = await json<Accommodation[]>(await h.fetch(bearer(`${API}/accommodation`, await apiLoginToken(h))));
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all.every((a) => a.sandboxProperty === false)).toBe(true);
    const filtered = await json<Accommodation[]>(await h.fetch(bearer(`${API}/accommodation?mail=${encodeURIComponent(all[0]!.contact.email.toUpperCase())}`, await apiLoginToken(h))));
    expect(filtered.length).toBeGreaterThanOrEqual(1);
    const sandboxAll = await json<Accommodation[]>(await h.fetch(bearer(`${API}/accommodation`, await apiLoginToken(h, 'sandbox'))));
    expect(sandboxAll.every((a) => a.sandboxProperty)).toBe(true);
  });

  it('GET accommodation/{id}: its own property only (403 ApiSecurityException otherwise); apilogin tokens refused', async () => {
    const h = createHarness();
    const { tokens, code } = await propertyTokens(h);
    const granted = h.codes.find(code)!.subject['propertyId']!;
    expect((await json<Accommodation>(await h.fetch(bearer(`${API}/accommodation/${granted}`, tokens.access_token)))).id).toBe(granted);
    await expectTyped(await h.fetch(bearer(`${API}/accommodation/${Number(granted) + 1}`, tokens.access_token)), 403, 'ApiSecurityException');
    await expectTyped(await h.fetch(bearer(`${API}/accommodation/${granted}`, await apiLoginToken(h))), 403, 'ApiSecurityException');
  });

  it('api/configuration is for apilogin tokens only', async () => {
    const h = createHarness();
    const { tokens } = await propertyTokens(h);
    const conn = connectionSettings(h);
    const config = await json<Record<string, unknown>>(await h.fetch(bearer(`${API}/api/configuration`, await apiLoginToken(h))));
    expect(config).toMatchObject({ environment: 'PRODUCTION', redirectUri: [conn.redirectUri], quotaLimit: 10000, quotaStatus: 1 });
    await expectTyped(await h.fetch(bearer(`${API}/api/configuration`, tokens.access_token)), 403, 'ApiSecurityException');
  });

  it('a SANDBOX application granted a PRODUCTION property gets 403 WrongEnviroment on every call', async () => {
    const h = createHarness();
    const properties = await (
      await h.providers.find((p) => p.id === 'octorate')!.adminRoutes!(h.context('octorate')).fetch(new Request('http://x/properties'))
    ).json() as Array<{ id: string; environment: string }>;
    const production = properties.find((p) => p.environment === 'production')!;
    const { tokens } = await propertyTokens(h, 'sandbox', { propertyId: production.id });
    const body = await expectTyped(await h.fetch(bearer(`${API}/accommodation/${production.id}`, tokens.access_token)), 403, 'WrongEnviroment');
    expect(body.message).toContain('SANDBOX');
  });
});

describe('reservations', () => {
  it('pages {data, page:{page,totalPages,self,next}} with size 1–200 (default 20) and …Z[UTC] dates', async () => {
    const h = createHarness();
    const { tokens, code } = await propertyTokens(h);
    const id = h.codes.find(code)!.subject['propertyId'];
    type Page = { data: Array<Record<string, unknown>>; page: { page: number; totalPages: number; self: string; next: string | null } };
    const first = await json<Page>(await h.fetch(bearer(`${API}/reservation/${id}`, tokens.access_token)));
    expect(first.data).toHaveLength(20);
    expect(first.page.page).toBe(1);
    expect(first.page.totalPages).toBeGreaterThanOrEqual(2);
    expect(first.data[0]).toHaveProperty('checkin');
    expect(first.data[0]!['checkin']).toMatch(ZONED);
    expect(first.data[0]!['checkout']).toMatch(ZONED);
    expect(Object.keys(first.data[0]!).sort()).toEqual(['channelName', 'checkin', 'checkout', 'guests', 'id', 'refer', 'roomGross', 'status', 'totalGuest']);
    // Following `next` to the end visits every reservation once.
    const seen = new Set(first.data.map((r) => r['id']));
    let next = first.page.next;
    while (next) {
      const page = await json<Page>(await h.fetch(bearer(next, tokens.access_token)));
      for (const r of page.data) seen.add(r['id']);
      next = page.page.next;
      if (page.page.page === page.page.totalPages) expect(next).toBeNull();
    }
    const big = await json<Page>(await h.fetch(bearer(`${API}/reservation/${id}?size=200`, tokens.access_token)));
    expect(big.page.totalPages).toBe(1);
    expect(seen.size).toBe(big.data.length);
    for (const size of ['0', '201', 'x', '-1']) {
      expect((await expectTyped(await h.fetch(bearer(`${API}/reservation/${id}?size=${size}`, tokens.access_token)), 400, 'ApiParamsExemption')).element).toBe('size');
    }
    const cancelled = await json<Page>(await h.fetch(bearer(`${API}/reservation/${id}?size=200&status=CANCELLED`, tokens.access_token)));
    expect(cancelled.data.every((r) => r['status'] === 'CANCELLED')).toBe(true);
    await expectTyped(await h.fetch(bearer(`${API}/reservation/${Number(id) + 1}`, tokens.access_token)), 403, 'ApiSecurityException');
  });

  it('is the same data for the same seed, and different for another seed', async () => {
    const read = async (seed: number) => {
      const h = createHarness({ seed, clock: { start: Date.UTC(2025, 5, 1), frozen: true } });
      const { tokens, code } = await propertyTokens(h);
      const res = await h.fetch(bearer(`${API}/reservation/${h.codes.find(code)!.subject['propertyId']}?size=5`, tokens.access_token));
      return ((await res.json()) as { data: unknown[] }).data;
    };
    expect(await read(3)).toEqual(await read(3));
    expect(await read(3)).not.toEqual(await read(4));
  });
});

describe('calendar', () => {
  it('answers {data:[{id,name,days}]} for dateFrom..dateTo, paged over products with size ≤ 20 (default 5)', async () => {
    const h = createHarness();
    const { tokens, code } = await propertyTokens(h);
    const id = h.codes.find(code)!.subject['propertyId'];
    type Cal = { data: Array<{ id: string; name: string; days: Array<Record<string, unknown>> }> };
    const cal = await json<Cal>(await h.fetch(bearer(`${API}/calendar/${id}?dateFrom=2025-06-01&dateTo=2025-06-07&size=1`, tokens.access_token)));
    expect(cal.data).toHaveLength(1);
    expect(cal.data[0]!.days).toHaveLength(7);
    expect(Object.keys(cal.data[0]!.days[0]!)).toEqual([
      'date', 'availability', 'price', 'minStay', 'maxStay', 'stopSells', 'closeToArrival', 'closeToDeparture', 'cutOffDays', 'bookable',
    ]);
    const again = await json<Cal>(await h.fetch(bearer(`${API}/calendar/${id}?dateFrom=2025-06-01&dateTo=2025-06-07&size=1`, tokens.access_token)));
    expect(again).toEqual(cal);
    const byProduct = await json<Cal>(await h.fetch(bearer(`${API}/calendar/${id}?dateFrom=2025-06-01&dateTo=2025-06-01&product[]=${cal.data[0]!.id}`, tokens.access_token)));
    expect(byProduct.data.map((p) => p.id)).toEqual([cal.data[0]!.id]);
    await expectTyped(await h.fetch(bearer(`${API}/calendar/${id}?dateFrom=2025-06-01&dateTo=2025-06-07&size=21`, tokens.access_token)), 400, 'ApiParamsExemption');
    expect((await expectTyped(await h.fetch(bearer(`${API}/calendar/${id}?dateTo=2025-06-07`, tokens.access_token)), 400, 'ApiParamsExemption')).element).toBe('dateFrom');
    await expectTyped(await h.fetch(bearer(`${API}/calendar/${id}?dateFrom=2025-02-30&dateTo=2025-03-02`, tokens.access_token)), 400, 'ApiParamsExemption');
    await expectTyped(await h.fetch(bearer(`${API}/calendar/${id}?dateFrom=2025-06-07&dateTo=2025-06-01`, tokens.access_token)), 400, 'ApiParamsExemption');
  });
});

describe('POST /rest/v2/accommodation', () => {
  const V2 = 'https://api.octorate.com/connect/rest/v2/accommodation';
  const create = (token: string, body: unknown, contentType = 'application/json') =>
    bearer(V2, token, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': contentType } });

  it('creates a property whose refresh token buys a property token for it; a duplicate email is 412 existing', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const token = await apiLoginToken(h);
    const body = { name: 'Hotel Nuovo', currency: 'EUR', contact: { email: 'owner@nuovo.example.test', givenName: 'Ada', familyName: 'Rossi' } };
    const created = await json<{ status: string; id: string; refresh_token: string }>(await h.fetch(create(token, body)));
    expect(created.status).toBe('CREATED_ACCOMMODATION');
    expect(created.refresh_token).toMatch(/^[0-9a-f]{32}[A-Z]{2}$/);
    const refreshed = await json<TokenBody>(
      await h.fetch(formRequest(REFRESH_URL, { client_id: conn.clientId, client_secret: conn.clientSecret, refresh_token: created.refresh_token })),
    );
    const own = await json<Accommodation>(await h.fetch(bearer(`${API}/accommodation/${created.id}`, refreshed.access_token)));
    expect(own).toMatchObject({ id: created.id, name: 'Hotel Nuovo', sandboxProperty: false });
    expect((await json<{ email: string }>(await h.fetch(bearer(`${API}/user/info`, refreshed.access_token)))).email).toBe('owner@nuovo.example.test');
    const all = await json<Accommodation[]>(await h.fetch(bearer(`${API}/accommodation`, token)));
    expect(all.map((a) => a.id)).toContain(created.id);
    const dup = await h.fetch(create(token, { ...body, contact: { email: 'OWNER@nuovo.example.test' } }));
    expect(dup.status).toBe(412);
    expect(await dup.json()).toEqual({ status: 'existing', id: created.id });
  });

  it('is for apilogin tokens only, takes JSON only and validates the body', async () => {
    const h = createHarness();
    const { tokens } = await propertyTokens(h);
    const token = await apiLoginToken(h);
    await expectTyped(await h.fetch(create(tokens.access_token, { name: 'X', contact: { email: 'x@x.test' } })), 403, 'ApiSecurityException');
    await expectTyped(await h.fetch(create(token, '{"name": ', 'application/json')), 400, 'JsonParseExemption');
    await expectTyped(await h.fetch(create(token, 'name=X', 'application/x-www-form-urlencoded')), 400, 'ApiParamsExemption');
    expect((await expectTyped(await h.fetch(create(token, { name: 'X', contact: { email: 'not-an-email' } })), 400, 'ApiValidationFailed')).element).toBe('contact.email');
    expect((await expectTyped(await h.fetch(create(token, { name: 'X', contact: { email: 'a@b.test' }, stars: 5 })), 400, 'ApiValidationFailed')).element).toBe('stars');
  });
});

describe('reset', () => {
  it('brings back the seeded world: created properties and used quota are gone, seeded ones are the same', async () => {
    const h = createHarness({ seed: 9 });
    const before = await json<Accommodation[]>(await h.fetch(bearer(`${API}/accommodation`, await apiLoginToken(h))));
    const token = await apiLoginToken(h);
    const V2 = 'https://api.octorate.com/connect/rest/v2/accommodation';
    await h.fetch(bearer(V2, token, { method: 'POST', body: JSON.stringify({ name: 'Temp', contact: { email: 't@t.test' } }), headers: { 'content-type': 'application/json' } }));
    h.reset();
    const fresh = await apiLoginToken(h);
    const after = await h.fetch(bearer(`${API}/accommodation`, fresh));
    expect(after.headers.get('x-ratelimit-remaining')).toBe('9999');
    expect(await after.json()).toEqual(before);
  });
});
