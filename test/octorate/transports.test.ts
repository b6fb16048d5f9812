// The same Octorate double over both transports: MSW on the real https:// URLs, and the HTTP server driven by the tutorial's curl commands.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { setupDoubles } from '../../mocks/index.ts';
import { approveAuthorization, connectionSettings } from '../../providers/octorate/index.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { ACCESS_TOKEN_LOOK, ISO_MILLIS_Z, REFRESH_TOKEN_LOOK, type TokenBody } from './support.ts';

describe('over MSW (real https:// URLs, global fetch)', () => {
  const doubles = setupDoubles({ seed: 11 });
  beforeAll(() => doubles.listen());
  afterEach(() => doubles.reset());
  afterAll(() => doubles.close());

  it('runs the whole code flow: page, form post, 302 to the redirect URI, token exchange, API call, refresh', async () => {
    const conn = connectionSettings(doubles);
    const page = await fetch(`${conn.authorizeUrl}?${new URLSearchParams({ client_id: conn.clientId, redirect_uri: conn.redirectUri, state: 'msw-state' })}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('action="/octobook/identity/oauth.xhtml"');
    const property = /name="property"[^>]*value="(\d+)" checked/.exec(html)![1]!;
    const post = await fetch(new URL('/octobook/identity/oauth.xhtml', conn.authorizeUrl), {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ client_id: conn.clientId, redirect_uri: conn.redirectUri, state: 'msw-state', property, decision: 'approve' }),
    });
    expect(post.status).toBe(302);
    const callback = new URL(post.headers.get('location')!);
    expect(callback.searchParams.get('state')).toBe('msw-state');

    const tokenRes = await fetch(conn.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: conn.clientId,
        client_secret: conn.clientSecret,
        redirect_uri: conn.redirectUri,
        grant_type: 'code',
        code: callback.searchParams.get('code')!,
      }),
    });
    expect(tokenRes.status).toBe(200);
    const tokens = (await tokenRes.json()) as TokenBody;
    const accommodations = await fetch(`${conn.apiBaseUrl}/accommodation`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(accommodations.status).toBe(200);
    expect(((await accommodations.json()) as Array<{ id: string }>).map((a) => a.id)).toEqual([property]);

    const refresh = await fetch(conn.refreshUrl, {
      method: 'POST',
      body: new URLSearchParams({ client_id: conn.clientId, client_secret: conn.clientSecret, refresh_token: tokens.refresh_token! }),
    });
    expect(refresh.status).toBe(200);
    expect(doubles.journal.entries({ provider: 'octorate' }).map((e) => e.status)).toEqual([200, 302, 200, 200, 200]);
  });
});

const run = promisify(execFile);
const CURL = ['/usr/bin/curl', '/bin/curl', '/usr/local/bin/curl'].find((p) => existsSync(p));

/** The unreserved set is kept, everything else percent-encoded, as curl's --data-urlencode does. */
const curlEscape = (text: string): string => encodeURIComponent(text).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Runs a curl command line (as an argument list). Without a curl binary, replays the few options the
 * tutorial uses (--location, --request, --header, --data-urlencode) with fetch, exactly as curl sends them.
 */
async function curl(args: string[]): Promise<{ status: number; body: string }> {
  if (CURL) {
    const { stdout } = await run(CURL, ['--silent', '--show-error', '--write-out', '\n%{http_code}', ...args]);
    const cut = stdout.lastIndexOf('\n');
    return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
  }
  let method = 'GET';
  let url = '';
  const headers = new Headers();
  const data: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--request') method = args[++i]!;
    else if (arg === '--header') {
      const [name, ...rest] = args[++i]!.split(':');
      headers.set(name!, rest.join(':').trim());
    } else if (arg === '--data-urlencode') {
      const value = args[++i]!;
      const eq = value.indexOf('=');
      data.push(eq === -1 ? curlEscape(value) : `${value.slice(0, eq)}=${curlEscape(value.slice(eq + 1))}`);
    } else if (arg !== '--location') url = arg;
  }
  if (data.length > 0 && !headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded');
  const res = await fetch(url, { method, headers, body: data.length > 0 ? data.join('&') : undefined });
  return { status: res.status, body: await res.text() };
}

describe(`the tutorial's curl commands (seed 003) against a started server${CURL ? ` (${CURL})` : ' (curl missing: replayed with fetch)'}`, () => {
  let server: RunningServer;
  const harness = createHarness({ seed: 3 });
  beforeAll(async () => {
    server = await startServer({ harness, port: 0 });
  });
  afterAll(() => server.close());

  it('exchanges a code, logs in with apilogin and calls the API with "Authorization: Bearer"', async () => {
    // The tutorial's {{enviroment}} is `api.octorate.com/connect`; under the server it is the local prefix.
    const environment = `${server.base('api.octorate.com')}/connect`;
    const version = 'v1';
    const conn = connectionSettings(harness);
    const location = await approveAuthorization(harness, { clientId: conn.clientId, redirectUri: conn.redirectUri, state: 'curl' });
    const code = new URL(location).searchParams.get('code')!;

    // Tutorial: "curl --location --request POST --data-urlencode 'client_secret={{yoursecret}}' …" — its URL is missing
    // in the text and two line continuations and a closing quote are lost; otherwise as written, field order included.
    const token = await curl([
      '--location', '--request', 'POST', `${environment}/rest/${version}/identity/token`,
      '--data-urlencode', `client_secret=${conn.clientSecret}`,
      '--data-urlencode', `client_id=${conn.clientId}`,
      '--data-urlencode', `redirect_uri=${conn.redirectUri}`,
      '--data-urlencode', 'grant_type=code',
      '--data-urlencode', `code=${code}`,
    ]);
    expect(token.status, token.body).toBe(200);
    const tokens = JSON.parse(token.body) as TokenBody;
    expect(tokens.access_token).toMatch(ACCESS_TOKEN_LOOK);
    expect(tokens.refresh_token).toMatch(REFRESH_TOKEN_LOOK);
    expect(tokens.expireDate).toMatch(ISO_MILLIS_Z);

    // Tutorial: "curl --request POST 'https://{{enviroment}}/rest/{version}/identity/apilogin' --header 'Content-Type: …' …"
    const login = await curl([
      '--request', 'POST', `${environment}/rest/${version}/identity/apilogin`,
      '--header', 'Content-Type: application/x-www-form-urlencoded',
      '--data-urlencode', `client_id=${conn.clientId}`,
      '--data-urlencode', `client_secret=${conn.clientSecret}`,
    ]);
    expect(login.status, login.body).toBe(200);
    expect(Object.keys(JSON.parse(login.body))).toEqual(['access_token', 'expireDate']);

    // Tutorial: HTTP HEADER "Authorization": "Bearer {{access_token}}".
    const info = await curl(['--header', `Authorization: Bearer ${tokens.access_token}`, `${environment}/rest/${version}/user/info`]);
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body)).toHaveProperty('email');

    // The same token call with the code reused: refused, and the tutorial-shaped client sees a typed error.
    const reused = await curl([
      '--request', 'POST', `${environment}/rest/${version}/identity/token`,
      '--data-urlencode', `client_secret=${conn.clientSecret}`,
      '--data-urlencode', `client_id=${conn.clientId}`,
      '--data-urlencode', `redirect_uri=${conn.redirectUri}`,
      '--data-urlencode', 'grant_type=code',
      '--data-urlencode', `code=${code}`,
    ]);
    expect(reused.status).toBe(400);
    expect(JSON.parse(reused.body)).toMatchObject({ type: 'ApiParamsExemption', element: 'code' });
  });

  it('shows the --data vs --data-urlencode difference: an unencoded secret with "+" is refused', async () => {
    const conn = connectionSettings(harness);
    expect(conn.clientSecret).toMatch(/[+/=]/);
    const raw = await curl([
      '--request', 'POST', `${server.base('api.octorate.com')}/connect/rest/v1/identity/apilogin`,
      '--header', 'Content-Type: application/x-www-form-urlencoded',
      ...(CURL ? ['--data', `client_id=${conn.clientId}&client_secret=${conn.clientSecret}`] : ['--data-urlencode', `client_id=${conn.clientId}`, '--data-urlencode', `client_secret=${conn.clientSecret.replace('+', ' ')}`]),
    ]);
    expect(raw.status).toBe(403);
    expect(JSON.parse(raw.body)).toMatchObject({ type: 'ApiSecurityException', element: 'client_secret' });
  });
});
