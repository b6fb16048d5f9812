// The interpreter does what the platform does, flaws included (chiefonboarding.md): each documented behaviour, shown on the wire.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { diagnostic, ids, integration, manifest, REDIRECT, scripted } from './support.ts';

const CALLBACK = `${REDIRECT}?code=abc`;
const TOKEN = { access_token: 'at-1', refresh_token: 'rt-1', expires_in: 3599, token_type: 'Bearer' };

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 5, 9), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the code exchange', () => {
  it('appends the code to the access_token URL with ?code= or &code=, raw', async () => {
    const wire = scripted(() => ({ json: TOKEN }));
    await integration(manifest({ access_token: { url: 'https://id.example.test/token' } }), wire.fetch).callback(`${REDIRECT}?code=4%2F0Ab%2Bc`);
    await integration(manifest({ access_token: { url: 'https://id.example.test/token?grant_type=authorization_code' } }), wire.fetch).callback(`${REDIRECT}?code=plain`);
    // Django decodes the callback's query (%2F → /, %2B → +); the platform appends the decoded value without re-encoding it.
    expect(wire.sent[0]!.url).toBe('https://id.example.test/token?code=4/0Ab+c');
    expect(wire.sent[1]!.url).toBe('https://id.example.test/token?grant_type=authorization_code&code=plain');
  });

  it('says so when the code holds characters that change meaning in a URL', async () => {
    const wire = scripted(() => ({ json: TOKEN }));
    const i = integration(manifest(), wire.fetch);
    await i.callback(`${REDIRECT}?code=a%2Bb%26c`);
    expect(wire.sent[0]!.url).toBe('https://id.example.test/token?code=a+b&c');
    expect(diagnostic(i, 'code-unencoded')?.cause).toMatch(/the code is appended without encoding: this one holds "\+" "&"/);
  });

  it('refuses a callback without a code unless without_code is set, and does not send one then', async () => {
    const wire = scripted(() => ({ json: TOKEN }));
    expect(await integration(manifest(), wire.fetch).callback(`${REDIRECT}?state=x`)).toEqual({ ok: false, message: 'Code was not provided' });
    expect(wire.sent).toHaveLength(0);
    expect(await integration(manifest({ without_code: true }), wire.fetch).callback(REDIRECT)).toEqual({ ok: true, status: 200 });
    expect(wire.sent[0]!.url).toBe('https://id.example.test/token');
  });

  it('sends data as a form body even when the request says Content-Type: application/json', async () => {
    const wire = scripted(() => ({ json: TOKEN }));
    const i = integration(manifest({ access_token: { url: 'https://id.example.test/token', headers: { 'Content-Type': 'application/json' }, data: { client_id: '{{ CLIENT_ID }}', n: 5, ok: true, skip: null } } }), wire.fetch);
    await i.callback(CALLBACK);
    expect(wire.sent[0]!.headers['content-type']).toBe('application/json');
    // python-requests' form encoding of a dict: str() of scalars (True), None dropped.
    expect(wire.sent[0]!.body).toBe('client_id=client-1&n=5&ok=True');
    expect(diagnostic(i, 'json-header-form-body')?.cause).toMatch(/sends it form-encoded/);
  });

  it('labels a form body as a form when no Content-Type is configured, with python-requests headers', async () => {
    const wire = scripted(() => ({ json: TOKEN }));
    await integration(manifest(), wire.fetch).callback(CALLBACK);
    expect(wire.sent[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(wire.sent[0]!.headers['user-agent']).toMatch(/^python-requests\//);
    expect(wire.sent[0]!.body).toBe('client_id=client-1&client_secret=plain-secret&grant_type=authorization_code');
  });

  it('saves the whole JSON answer as oauth and an expiry from expires_in only', async () => {
    const wire = scripted(() => ({ json: { ...TOKEN, id_token: 'x.y.z' } }));
    const i = integration(manifest(), wire.fetch);
    await i.callback(CALLBACK);
    expect(i.state.enabled).toBe(true);
    expect(i.state.oauth).toEqual({ ...TOKEN, id_token: 'x.y.z' });
    expect(i.state.expiring).toBe(Date.now() + 3599_000);
  });

  it('treats any status as success without status_code: the error body is saved as the token', async () => {
    const error = { error: 'invalid_grant', error_description: 'Bad Request' };
    const i = integration(manifest(), scripted(() => ({ status: 400, json: error })).fetch);
    expect(await i.callback(CALLBACK)).toEqual({ ok: true, status: 400 });
    expect(i.state).toMatchObject({ enabled: true, oauth: error });
    expect(diagnostic(i, 'error-saved-as-token')?.cause).toMatch(/^the token request failed with 400 and the error body would be saved as the token/);
    expect(diagnostic(i, 'error-saved-as-token')?.fix).toMatch(/"status_code": \[200\]/);
  });

  it('with status_code listed, shows the error instead and stays disconnected', async () => {
    const i = integration(manifest({ access_token: { url: 'https://id.example.test/token', status_code: [200] } }), scripted(() => ({ status: 400, json: { error: 'invalid_grant' } })).fetch);
    const result = await i.callback(CALLBACK);
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(result.ok ? '' : result.message).toMatch(/^Couldn't save token: \{"error":"invalid_grant"\}/);
    expect(i.state.enabled).toBe(false);
  });

  it('neither generates nor checks state', async () => {
    const wire = scripted(() => ({ json: TOKEN }));
    const i = integration(manifest(), wire.fetch);
    expect(new URL(i.authorizeUrl()).searchParams.has('state')).toBe(false);
    expect(await i.callback(`${CALLBACK}&state=forged-by-someone`)).toEqual({ ok: true, status: 200 });
    expect(ids(i)).toContain('state-not-checked');
  });
});

describe('templates', () => {
  const tricky = { CLIENT_ID: 'client-1', CLIENT_SECRET: "s&cr'<t>" };

  it('HTML-escapes values, in URLs and in data, and says so', async () => {
    const wire = scripted(() => ({ json: TOKEN }));
    const i = integration(
      manifest({ access_token: { url: 'https://id.example.test/token?client_secret={{CLIENT_SECRET}}', data: { secret: '{{ CLIENT_SECRET }}' } } }),
      wire.fetch,
      { values: tricky },
    );
    await i.callback(CALLBACK);
    expect(wire.sent[0]!.url).toBe('https://id.example.test/token?client_secret=s&amp;cr&#x27;&lt;t&gt;&code=abc');
    expect(new URLSearchParams(wire.sent[0]!.body).get('secret')).toBe('s&amp;cr&#x27;&lt;t&gt;');
    const escaped = i.diagnostics().filter((d) => d.id === 'html-escaped');
    expect(escaped.map((d) => d.key)).toEqual(['oauth.access_token.url', 'oauth.access_token.data.secret']);
    expect(escaped[0]!.cause).toMatch(/contains & ' < > and is HTML-escaped by the template/);
    expect(escaped[0]!.fix).toMatch(/\|urlencode/);
    expect(escaped[1]!.fix).toMatch(/\|safe/);
  });

  it('|safe sends the value as it is and |urlencode encodes it for a URL', async () => {
    const wire = scripted(() => ({ json: TOKEN }));
    const i = integration(
      manifest({ access_token: { url: 'https://id.example.test/token?client_secret={{ CLIENT_SECRET|urlencode }}', data: { secret: '{{ CLIENT_SECRET|safe }}' } } }),
      wire.fetch,
      { values: tricky },
    );
    await i.callback(CALLBACK);
    expect(wire.sent[0]!.url).toBe('https://id.example.test/token?client_secret=s%26cr%27%3Ct%3E&code=abc');
    expect(new URLSearchParams(wire.sent[0]!.body).get('secret')).toBe("s&cr'<t>");
    expect(ids(i)).not.toContain('html-escaped');
  });

  it('renders {{ redirect_url }} and the saved oauth fields', async () => {
    const wire = scripted((_, n) => ({ json: n === 0 ? TOKEN : { ok: true } }));
    const i = integration(manifest({}, { execute: [{ url: 'https://api.example.test/me?r={{ redirect_url }}', method: 'GET', headers: { Authorization: 'Bearer {{ oauth.access_token }}' } }] }), wire.fetch);
    expect(i.authorizeUrl()).toBe(`https://id.example.test/authorize?client_id=client-1&redirect_uri=${REDIRECT}`);
    await i.callback(CALLBACK);
    await i.execute();
    expect(wire.sent[1]).toMatchObject({ method: 'GET', url: `https://api.example.test/me?r=${REDIRECT}` });
    expect(wire.sent[1]!.headers['authorization']).toBe('Bearer at-1');
  });
});

describe('refresh', () => {
  async function connected(answers: ((n: number) => { status?: number; json: unknown }) | undefined = undefined, oauth: Record<string, unknown> = {}) {
    const wire = scripted((_, n) => (n === 0 ? { json: TOKEN } : (answers?.(n) ?? { json: { ok: true } })));
    const i = integration(manifest(oauth, { execute: [{ url: 'https://api.example.test/me', method: 'GET', headers: { Authorization: 'Bearer {{ oauth.access_token }}' } }] }), wire.fetch);
    await i.callback(CALLBACK);
    return { i, wire };
  }

  it('runs only once the saved expiry has passed: not at it, right after it (no margin)', async () => {
    const { i, wire } = await connected((n) => (n === 2 ? { json: { access_token: 'at-2', expires_in: 3599 } } : { json: {} }));
    vi.advanceTimersByTime(3599_000);
    await i.execute();
    expect(wire.sent.map((s) => s.url)).toEqual(['https://id.example.test/token?code=abc', 'https://api.example.test/me']);
    vi.advanceTimersByTime(1);
    await i.execute();
    expect(wire.sent[2]!.url).toBe('https://id.example.test/token');
    expect(new URLSearchParams(wire.sent[2]!.body).get('refresh_token')).toBe('rt-1');
    expect(wire.sent[3]!.headers['authorization']).toBe('Bearer at-2');
  });

  it('merges the answer into oauth: a refresh without refresh_token keeps the old one, and the expiry moves', async () => {
    const { i } = await connected((n) => (n === 1 ? { json: { access_token: 'at-2', expires_in: 3599, scope: 's' } } : { json: {} }));
    vi.advanceTimersByTime(3600_000);
    await i.execute();
    expect(i.state.oauth).toEqual({ ...TOKEN, access_token: 'at-2', scope: 's' });
    expect(i.state.expiring).toBe(Date.now() + 3599_000);
  });

  it('never refreshes a token saved without expires_in', async () => {
    const wire = scripted((_, n) => ({ json: n === 0 ? { access_token: 'at-1', refresh_token: 'rt-1', expireDate: '2026-01-05T10:00:00.000Z' } : {} }));
    const i = integration(manifest({}, { execute: [{ url: 'https://api.example.test/me', method: 'GET' }] }), wire.fetch, { hints: { title: 'Octorate', expiryField: 'expireDate' } });
    await i.callback(CALLBACK);
    vi.advanceTimersByTime(30 * 24 * 3600_000);
    await i.execute();
    expect(wire.sent.map((s) => s.url)).toEqual(['https://id.example.test/token?code=abc', 'https://api.example.test/me']);
    expect(diagnostic(i, 'no-expires-in')?.cause).toMatch(/no expires_in .*so this token is never refreshed/);
  });

  it('merges an error answer too, leaves the expiry behind, and so refreshes again on every run', async () => {
    const dead = { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' };
    const { i, wire } = await connected((n) => (n % 2 === 1 ? { status: 400, json: dead } : { status: 401, json: {} }));
    vi.advanceTimersByTime(3600_000);
    await i.execute();
    await i.execute();
    expect(wire.sent.filter((s) => s.url === 'https://id.example.test/token')).toHaveLength(2);
    expect(i.state.oauth).toMatchObject({ ...dead, access_token: 'at-1', expires_in: 3599 });
    expect(diagnostic(i, 'refresh-error-merged')?.cause).toMatch(/^the refresh answer is an error \(400 .*\) and every later call will refresh again/);
  });

  it('with status_code on refresh, stops the run instead of merging', async () => {
    const { i, wire } = await connected((n) => ({ status: n === 1 ? 400 : 200, json: { error: 'invalid_grant' } }), {
      refresh: { url: 'https://id.example.test/token', data: { refresh_token: '{{ oauth.refresh_token }}' }, status_code: [200] },
    });
    vi.advanceTimersByTime(3600_000);
    expect(await i.execute()).toMatchObject({ ok: false, message: 'the refresh failed' });
    expect(wire.sent).toHaveLength(2);
    expect(i.state.oauth).toEqual(TOKEN);
  });

  it('without refresh: the validator refuses the manifest, and the token is treated as permanent as documented', async () => {
    const m = manifest();
    delete (m['oauth'] as Record<string, unknown>)['refresh'];
    const { i } = { i: integration(m, scripted(() => ({ json: TOKEN })).fetch) };
    expect(diagnostic(i, 'refresh-missing')).toMatchObject({ severity: 'refused', key: 'oauth' });
    expect(diagnostic(i, 'refresh-missing')!.cause).toMatch(/^refresh is missing\. The documentation says .* the platform’s validator requires oauth\.refresh/);
    await i.callback(CALLBACK);
    vi.advanceTimersByTime(7200_000);
    expect(await i.execute()).toMatchObject({ ok: true, refreshed: false });
  });
});

describe('execute', () => {
  it('runs url, method, data, headers, status_code and store_data; reports the rest as not run', async () => {
    const wire = scripted((_, n) => ({ json: n === 0 ? TOKEN : n === 1 ? { user: { id: 'u-7' } } : {} }));
    const i = integration(
      manifest({}, {
        headers: { Authorization: 'Bearer {{ oauth.access_token }}' },
        execute: [
          { url: 'https://api.example.test/users', method: 'POST', data: { email: '{{ email }}' }, store_data: { USER_ID: 'user.id' }, polling: { interval: 1, amount: 1000000 } },
          { url: 'https://api.example.test/users/{{ USER_ID }}/groups', method: 'PUT', headers: { Authorization: 'Basic {{ CLIENT_ID }}:{{ CLIENT_SECRET }}' }, status_code: [200] },
        ],
      }),
      wire.fetch,
    );
    await i.callback(CALLBACK);
    expect(await i.execute()).toMatchObject({ ok: true, steps: [{ step: 'execute[0]', status: 200 }, { step: 'execute[1]', status: 200 }] });
    // The manifest's headers stand in for a request without its own, the token endpoint's included.
    expect(wire.sent[0]!.headers['authorization']).toBe('Bearer');
    expect(wire.sent[1]!.headers['authorization']).toBe('Bearer at-1');
    expect(wire.sent[1]!.body).toBe('email=ada.lovelace%40example.com');
    expect(wire.sent[2]!.url).toBe('https://api.example.test/users/u-7/groups');
    expect(wire.sent[2]!.headers['authorization']).toBe(`Basic ${Buffer.from('client-1:plain-secret').toString('base64')}`);
    expect(diagnostic(i, 'not-run')).toMatchObject({ key: 'execute[0].polling', severity: 'info' });
  });

  it('stops at a step whose status is not listed', async () => {
    const wire = scripted((_, n) => ({ status: n === 0 ? 200 : 403, json: n === 0 ? TOKEN : { error: 'forbidden' } }));
    const i = integration(manifest({}, { execute: [{ url: 'https://api.example.test/a', status_code: [200, 201] }, { url: 'https://api.example.test/b' }] }), wire.fetch);
    await i.callback(CALLBACK);
    expect(await i.execute()).toMatchObject({ ok: false, message: 'execute[0] answered 403' });
    expect(wire.sent).toHaveLength(2);
  });

  it('gives up on a request after the platform’s 120 s', async () => {
    const wire = scripted((_, n) => (n === 0 ? { json: TOKEN } : 'hang'));
    const i = integration(manifest({}, { execute: [{ url: 'https://api.example.test/slow', status_code: [200] }] }), wire.fetch);
    await i.callback(CALLBACK);
    const run = i.execute();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(await run).toMatchObject({ ok: false, message: 'execute[0] answered no answer within 120 s' });
    expect(i.requests().at(-1)?.error).toBe('no answer within 120 s');
  });
});

describe('diagnostics', () => {
  it('records every request with secrets fingerprinted', async () => {
    const wire = scripted(() => ({ json: TOKEN }));
    const i = integration(manifest({ access_token: { url: 'https://id.example.test/token?client_id={{CLIENT_ID}}&client_secret={{CLIENT_SECRET}}' } }), wire.fetch);
    i.authorizeUrl();
    await i.callback(`${REDIRECT}?code=the-code-value`);
    const text = JSON.stringify(i.requests());
    for (const secret of ['plain-secret', 'the-code-value', 'at-1', 'rt-1']) expect(text).not.toContain(secret);
    expect(i.requests()[1]!.url).toMatch(/^https:\/\/id\.example\.test\/token\?client_id=client-1&client_secret=‹redacted:[0-9a-f]{8}›&code=‹redacted:[0-9a-f]{8}›$/);
    expect(diagnostic(i, 'secret-in-url')?.key).toBe('oauth.access_token.url');
  });

  it('names the grant_type a provider needs when the manifest sends another', () => {
    const i = integration(manifest(), scripted(() => ({ json: TOKEN })).fetch, { hints: { title: 'Octorate', exchangeGrantType: 'code' } });
    expect(diagnostic(i, 'grant-type')?.cause).toBe(
      'Octorate needs grant_type=code for the code exchange but the manifest sends grant_type=authorization_code, so Octorate refuses the request.',
    );
  });

  it('warns that a template would send an empty string when the saved token lacks a field', async () => {
    const wire = scripted((_, n) => ({ json: n === 0 ? { access_token: 'at-1', expires_in: 60 } : {} }));
    const i = integration(manifest(), wire.fetch, { hints: { title: 'Google', refreshTokenAdvice: 'add access_type=offline&prompt=consent to authenticate_url.' } });
    await i.callback(CALLBACK);
    vi.advanceTimersByTime(61_000);
    await i.execute();
    expect(new URLSearchParams(wire.sent[1]!.body).get('refresh_token')).toBe('');
    expect(diagnostic(i, 'missing-value')).toMatchObject({ key: 'oauth.refresh.data.refresh_token', fix: 'add access_type=offline&prompt=consent to authenticate_url.' });
  });
});
