// Bad input at ONEiO's endpoints: each gets the documented or RFC-style error, and nothing is lost or crashes.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { bothTransports } from '../support/transports.ts';
import { accessToken, ONEIO, receiverRequest, tokenRequest } from '../support/oneio.ts';

const FORM = 'application/x-www-form-urlencoded';

const transports = bothTransports(3);

describe.each(transports)('bad input via $name', (t) => {
  const token = (body: BodyInit | null, headers: Record<string, string> = { 'content-type': FORM }) =>
    t.send(new Request(`${t.base}${ONEIO.qaToken}`, { method: 'POST', body, headers }));
  const good = () => {
    const qa = t.harness.credentials('oneio', 'qa');
    return new URLSearchParams({ grant_type: 'client_credentials', client_id: qa.clientId, client_secret: qa.clientSecret });
  };
  const expectError = async (res: Response, status: number, error: string, mentions?: string) => {
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: string; error_description: string };
    expect(body.error).toBe(error);
    if (mentions) expect(body.error_description).toContain(mentions);
  };

  it('a JSON token request gets invalid_request naming the form type', async () => {
    const qa = t.harness.credentials('oneio', 'qa');
    const body = JSON.stringify({ grant_type: 'client_credentials', client_id: qa.clientId, client_secret: qa.clientSecret });
    await expectError(await token(body, { 'content-type': 'application/json' }), 400, 'invalid_request', FORM);
  });

  it('an empty body, or no Content-Type, gets invalid_request', async () => {
    await expectError(await token(''), 400, 'invalid_request', 'Empty request body');
    await expectError(await token(good().toString(), {}), 400, 'invalid_request');
  });

  it('a missing, repeated or unknown field gets invalid_request naming it', async () => {
    const missing = good();
    missing.delete('client_secret');
    await expectError(await token(missing), 400, 'invalid_request', '"client_secret" is missing');
    await expectError(await token(`${good()}&client_id=again`), 400, 'invalid_request', '"client_id" was sent more than once');
    await expectError(await token(`${good()}&scope=all`), 400, 'invalid_request', '"scope"');
  });

  it('a __proto__ form key is just an unknown field and pollutes nothing', async () => {
    await expectError(await token(`${good()}&__proto__[polluted]=yes&__proto__=x`), 400, 'invalid_request', '__proto__');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a wrong grant_type gets unsupported_grant_type', async () => {
    const body = good();
    body.set('grant_type', 'authorization_code');
    await expectError(await token(body), 400, 'unsupported_grant_type');
  });

  it('a body over the size limit gets 413, and the server keeps serving', async () => {
    await expectError(await token(`${good()}&pad=${'x'.repeat(70 * 1024)}`), 413, 'payload_too_large');
    expect((await token(good())).status).toBe(200);
  });

  it('a malformed Authorization header gets 400 invalid_request; a non-JSON body 400; a wrong type 415', async () => {
    const bearer = await accessToken(t.send, t.base, ONEIO.qaToken, t.harness.credentials('oneio', 'qa'));
    const url = `${t.base}${ONEIO.qaReceiver}`;
    const malformed = await t.send(new Request(url, { method: 'POST', body: '{}', headers: { authorization: 'Bearer two words', 'content-type': 'application/json' } }));
    await expectError(malformed, 400, 'invalid_request', 'token68');
    const notJson = await t.send(new Request(url, { method: 'POST', body: '{"id": ', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' } }));
    await expectError(notJson, 400, 'invalid_request', 'not valid JSON');
    const text = await t.send(new Request(url, { method: 'POST', body: 'id=1', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'text/plain' } }));
    await expectError(text, 415, 'unsupported_media_type');
  });

  it('a GET on the token resource gets 405 with Allow: POST', async () => {
    const res = await t.send(new Request(`${t.base}${ONEIO.qaToken}`));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('after all of that, good requests work and the journal and inbox hold exactly what happened', async () => {
    t.harness.reset();
    const bearer = await accessToken(t.send, t.base, ONEIO.qaToken, t.harness.credentials('oneio', 'qa'));
    await token('{"nope":1}', { 'content-type': 'application/json' });
    await t.send(receiverRequest(t.base, ONEIO.qaReceiver, bearer, { n: 1 }));
    await t.send(new Request(`${t.base}${ONEIO.qaReceiver}`, { method: 'POST', body: 'oops', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' } }));
    await t.send(receiverRequest(t.base, ONEIO.qaReceiver, bearer, { n: 2 }));
    expect(t.harness.inbox('oneio', 'qa').map((m) => m.body)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(t.harness.journal.entries().map((e) => [e.surface, e.status])).toEqual([
      ['token', 200],
      ['token', 400],
      ['receiver', 200],
      ['receiver', 400],
      ['receiver', 200],
    ]);
    expect(t.harness.journal.entries()[3]!.body).toEqual({ kind: 'text', text: 'oops', truncated: false });
    expect(JSON.stringify(t.harness.journal.entries())).not.toContain(t.harness.credentials('oneio', 'qa').clientSecret);
    expect(JSON.stringify(t.harness.journal.entries())).not.toContain(bearer);
  });
});

describe('secrets in URLs', () => {
  it('are flagged in the journal and fingerprinted in the recorded URL', async () => {
    const h = createHarness();
    const qa = h.credentials('oneio', 'qa');
    const query = new URLSearchParams({ grant_type: 'client_credentials', client_id: qa.clientId, client_secret: qa.clientSecret });
    await h.fetch(new Request(`https://${ONEIO.qaToken}?${query}`, { method: 'POST', headers: { 'content-type': FORM }, body: query }));
    const [entry] = h.journal.entries();
    expect(entry!.secretInUrl).toBe(true);
    expect(entry!.url).not.toContain(encodeURIComponent(qa.clientSecret));
    expect(entry!.url).not.toContain(qa.clientSecret);
    await h.fetch(tokenRequest('https://', ONEIO.qaToken, qa));
    expect(h.journal.entries()[1]!.secretInUrl).toBe(false);
  });
});
