// Every registered secret and every issued token or code is fingerprinted wherever a request puts it, and no error echoes one.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { accessToken, ONEIO, tokenRequest } from '../support/oneio.ts';
import { API, authorizeCode, propertyTokens, TOKEN_URL } from '../octorate/support.ts';
import { connectionSettings } from '../../providers/octorate/index.ts';

const TOKEN_URL_ONEIO = `https://${ONEIO.qaToken}`;
const RECEIVER_URL = `https://${ONEIO.qaReceiver}`;

async function setup() {
  const h = createHarness();
  const qa = h.credentials('oneio', 'qa');
  const token = await accessToken(h.fetch, 'https://', ONEIO.qaToken, qa);
  h.journal.clear();
  /** The journal as a reader gets it, in any letter case. */
  const journal = () => JSON.stringify(h.journal.entries());
  const leaks = (secret: string) => journal().toLowerCase().includes(secret.toLowerCase());
  return { h, qa, token, journal, leaks };
}

/** The pieces a secret with separators falls into (ONEiO's carry `+`, `&` and `=`). */
const pieces = (secret: string) => secret.split(/[^A-Za-z0-9]+/).filter((p) => p.length >= 4);

describe('redaction everywhere', () => {
  it('fingerprints a secret in JSON sent as text/plain', async () => {
    const { h, qa, leaks } = await setup();
    await h.fetch(new Request(TOKEN_URL_ONEIO, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ grant_type: 'client_credentials', client_id: qa.clientId, client_secret: qa.clientSecret }) }));
    expect(h.journal.entries()[0]!.body.kind).toBe('text');
    expect(leaks(qa.clientSecret)).toBe(false);
    for (const piece of pieces(qa.clientSecret)) expect(leaks(piece)).toBe(false);
  });

  it('fingerprints a secret in a multipart body', async () => {
    const { h, qa, leaks } = await setup();
    const form = new FormData();
    form.set('grant_type', 'client_credentials');
    form.set('client_id', qa.clientId);
    form.set('client_secret', qa.clientSecret);
    await h.fetch(new Request(TOKEN_URL_ONEIO, { method: 'POST', body: form }));
    expect(h.journal.entries()[0]!.contentType).toMatch(/^multipart\/form-data/);
    expect(leaks(qa.clientSecret)).toBe(false);
    for (const piece of pieces(qa.clientSecret)) expect(leaks(piece)).toBe(false);
  });

  it('fingerprints a multipart secret the harness never registered, by its field name', async () => {
    const { h, leaks } = await setup();
    const form = new FormData();
    form.set('client_secret', 'wrong-but-still-secret-123');
    await h.fetch(new Request(TOKEN_URL_ONEIO, { method: 'POST', body: form }));
    expect(leaks('wrong-but-still-secret-123')).toBe(false);
  });

  it('fingerprints X-Client-Secret, X-Access-Token and any header carrying a known token', async () => {
    const { h, qa, token, leaks } = await setup();
    await h.fetch(new Request(RECEIVER_URL, { method: 'POST', headers: { 'x-client-secret': qa.clientSecret, 'x-access-token': token, 'x-whatever': token, 'content-type': 'application/json' }, body: '{}' }));
    expect(leaks(qa.clientSecret)).toBe(false);
    expect(leaks(token)).toBe(false);
    expect(h.journal.entries()[0]!.headers['x-client-secret']).toMatch(/^‹redacted:[0-9a-f]{8}›$/);
  });

  it('fingerprints a token or secret in any query parameter', async () => {
    const { h, qa, token, leaks } = await setup();
    await h.fetch(new Request(`${RECEIVER_URL}?t=${token}&s=${encodeURIComponent(qa.clientSecret)}&plain=hello`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' }));
    const [entry] = h.journal.entries();
    expect(leaks(token)).toBe(false);
    expect(leaks(qa.clientSecret)).toBe(false);
    expect(leaks(encodeURIComponent(qa.clientSecret))).toBe(false);
    expect(entry!.query['plain']).toBe('hello');
    expect(entry!.secretInUrl).toBe(true);
  });

  it('fingerprints a token in the path', async () => {
    const { h, token, leaks } = await setup();
    await h.fetch(new Request(`${RECEIVER_URL}/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
    const [entry] = h.journal.entries();
    expect(leaks(token)).toBe(false);
    expect(entry!.path).toMatch(/^\/api\/v2\/‹redacted:[0-9a-f]{8}›$/);
    expect(entry!.secretInUrl).toBe(true);
    // Filtering by the real path still finds it.
    expect(h.journal.entries({ path: `/api/v2/${token}` })).toHaveLength(1);
  });

  it('does not take a bare `Authorization: <token>` for a scheme, nor echo it in the answer', async () => {
    const { h, token, leaks } = await setup();
    const res = await h.fetch(new Request(RECEIVER_URL, { method: 'POST', headers: { authorization: token, 'content-type': 'application/json' }, body: '{}' }));
    expect(res.status).toBe(401);
    expect((await res.text()).toLowerCase()).not.toContain(token.toLowerCase());
    expect(h.journal.entries()[0]!.credential).toEqual({ scheme: '(no scheme)', ref: 'unknown' });
    expect(leaks(token)).toBe(false);
  });

  it('fingerprints issued codes and tokens wherever an Octorate client puts them', async () => {
    const h = createHarness();
    const { conn, tokens } = await propertyTokens(h);
    const { code } = await authorizeCode(h, conn);
    h.journal.clear();
    await h.fetch(new Request(`${TOKEN_URL}?x=${code}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: `{"c":"${code}","r":"${tokens.refresh_token}"}` }));
    await h.fetch(new Request(`${API}/user/info`, { headers: { authorization: tokens.access_token, 'x-token': tokens.refresh_token! } }));
    const journal = JSON.stringify(h.journal.entries());
    for (const value of [code, tokens.refresh_token!, tokens.access_token, conn.clientSecret]) expect(journal).not.toContain(value);
  });
});

describe('no error message echoes a token or a piece of a secret', () => {
  it('ONEiO: a secret sent unencoded splits into stray fields, and the error names none of its pieces', async () => {
    const h = createHarness({ quirks: { oneio: { rejectUnknownTokenFields: true } } });
    const qa = h.credentials('oneio', 'qa');
    const res = await h.fetch(new Request(TOKEN_URL_ONEIO, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=client_credentials&client_id=${qa.clientId}&client_secret=${qa.clientSecret}` }));
    const text = await res.text();
    expect(res.status).toBe(400);
    for (const piece of pieces(qa.clientSecret)) expect(text).not.toContain(piece);
    const journal = JSON.stringify(h.journal.entries());
    for (const piece of pieces(qa.clientSecret)) expect(journal).not.toContain(piece);
  });

  it('Octorate: a token sent where a grant type goes is not repeated back', async () => {
    const h = createHarness();
    const { conn, tokens } = await propertyTokens(h);
    const res = await h.fetch(
      new Request(TOKEN_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: conn.clientId, client_secret: conn.clientSecret, redirect_uri: conn.redirectUri, grant_type: tokens.access_token, code: 'x' }),
      }),
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    const text = await res.text();
    expect(text).not.toContain(tokens.access_token);
    expect(text).toMatch(/‹redacted:[0-9a-f]{8}›/);
  });

  it('a wrong secret that differs from the right one by a character does not leak the right one', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    await h.fetch(tokenRequest('https://', ONEIO.qaToken, { clientId: conn.clientId, clientSecret: `${conn.clientSecret}x` }));
    expect(JSON.stringify(h.journal.entries())).not.toContain(conn.clientSecret);
  });
});
