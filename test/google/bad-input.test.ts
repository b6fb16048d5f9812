// Bad input at every Google host, over harness.fetch (the MSW path) and the HTTP server: Google's own errors, never a crash or a leak.
import { describe, expect, it } from 'vitest';
import { connectionSettings } from '../../providers/google/public.ts';
import { bothTransports } from '../support/transports.ts';
import { DIRECTORY_SCOPE, tokensFor } from './support.ts';

const transports = bothTransports(9);
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(transports)('bad input via $name', (t) => {
  const url = (hostPath: string) => `${t.base}${hostPath}`;
  const post = (hostPath: string, body: BodyInit | null, headers: Record<string, string> = FORM) => t.send(new Request(url(hostPath), { method: 'POST', body, headers }));
  const oauthError = async (res: Response, status: number, error: string): Promise<string> => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as { error: string; error_description: string };
    expect(body.error).toBe(error);
    return body.error_description;
  };

  it('the token endpoint: JSON, empty, repeated, unknown grant, __proto__, oversized, wrong method, malformed Basic', async () => {
    const conn = connectionSettings(t.harness);
    const good = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: '1//0x', client_id: conn.clientId, client_secret: conn.clientSecret });
    expect(await oauthError(await post('oauth2.googleapis.com/token', JSON.stringify(Object.fromEntries(good)), { 'content-type': 'application/json' }), 400, 'invalid_request')).toContain(
      'application/x-www-form-urlencoded',
    );
    expect(await oauthError(await post('oauth2.googleapis.com/token', null, {}), 400, 'unsupported_grant_type')).toBe('Invalid grant_type: ');
    expect(await oauthError(await post('oauth2.googleapis.com/token', `${good}&client_id=again`), 400, 'invalid_request')).toContain('client_id');
    await oauthError(await post('oauth2.googleapis.com/token', new URLSearchParams({ grant_type: 'password', username: 'u', password: 'p' })), 400, 'unsupported_grant_type');
    await oauthError(await post('oauth2.googleapis.com/token', `${good}&__proto__[polluted]=yes`), 400, 'invalid_grant');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    await oauthError(await post('oauth2.googleapis.com/token', `${good}&pad=${'x'.repeat(70 * 1024)}`), 413, 'invalid_request');
    const get = await t.send(new Request(url('oauth2.googleapis.com/token')));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    await oauthError(await post('oauth2.googleapis.com/token', good, { ...FORM, authorization: 'Basic !!!' }), 401, 'invalid_client');
    await oauthError(await post('oauth2.googleapis.com/token?code=%zz&grant_type=authorization_code', null, {}), 400, 'invalid_request');
    await oauthError(await post('oauth2.googleapis.com/revoke', null, {}), 400, 'invalid_request');
    await oauthError(await post('oauth2.googleapis.com/tokeninfo?access_token=%00', null, {}), 400, 'invalid_token');
  });

  it('the authorisation page: unknown or repeated parameters, a non-form consent post, a bad decision — HTML error pages, never a redirect', async () => {
    const conn = connectionSettings(t.harness);
    const base = `client_id=${encodeURIComponent(conn.clientId)}&redirect_uri=${encodeURIComponent(conn.redirectUri)}&response_type=code&scope=email`;
    for (const query of [`${base}&scope=openid`, `${base}&foo=bar`, `${base}&state=%E0%A4%A`, 'client_id=', `${base.replace('scope=email', 'scope=%20%20')}`]) {
      const res = await t.send(new Request(url(`accounts.google.com/o/oauth2/v2/auth?${query}`)));
      expect(res.status, query).toBe(query.includes('%E0%A4%A') ? 200 : 400);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('content-type')).toContain('text/html');
    }
    const consent = (body: string, type = FORM['content-type']) => post('accounts.google.com/signin/oauth/consent', body, { 'content-type': type });
    expect((await consent(`${base}&decision=approve`, 'application/json')).status).toBe(400);
    expect((await consent(`${base}&decision=maybe`)).status).toBe(400);
    expect((await consent(`${base}&decision=approve&user=nobody@example.test`)).status).toBe(400);
    expect((await consent(`${base}&decision=approve&extra=1`)).status).toBe(400);
    const missing = await t.send(new Request(url('accounts.google.com/nothing/here')));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('That’s an error.');
  });

  it('the APIs: malformed Bearer, non-JSON insert, unknown user key, unknown path', async () => {
    const malformed = await t.send(new Request(url('openidconnect.googleapis.com/v1/userinfo'), { headers: { authorization: 'Bearer two words' } }));
    expect(malformed.status).toBe(401);
    const { tokens } = await tokensFor(t.harness, { scope: DIRECTORY_SCOPE });
    const users = url('admin.googleapis.com/admin/directory/v1/users');
    const insert = await t.send(new Request(users, { method: 'POST', body: '[1,2', headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' } }));
    expect(insert.status).toBe(400);
    expect(((await insert.json()) as { error: { errors: Array<{ reason: string }> } }).error.errors[0]!.reason).toBe('parseError');
    const deep = await t.send(new Request(users, { method: 'POST', body: '['.repeat(5000), headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' } }));
    expect(deep.status).toBe(400);
    const nobody = await t.send(new Request(`${users}/nobody@example.test`, { headers: { authorization: `Bearer ${tokens.access_token}` } }));
    expect(nobody.status).toBe(404);
    expect(((await nobody.json()) as { error: { message: string } }).error.message).toBe('Resource Not Found: userKey');
    expect((await t.send(new Request(url('www.googleapis.com/oauth2/v1/certs')))).status).toBe(404);
    const del = await t.send(new Request(users, { method: 'DELETE', headers: { authorization: `Bearer ${tokens.access_token}` } }));
    expect(del.status).toBe(405);
  });

  it('after all of that, the flow works and the journal holds no secret, token or code', async () => {
    const { conn, tokens } = await tokensFor(t.harness, { scope: 'openid email', accessType: 'offline' });
    const entries = JSON.stringify(t.harness.journal.entries());
    expect(entries).not.toContain(conn.clientSecret);
    expect(entries).not.toContain(tokens.access_token);
    expect(entries).not.toContain(tokens.refresh_token!);
    expect(t.harness.journal.entries().every((e) => e.status < 500)).toBe(true);
  });
});
