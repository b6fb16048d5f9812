// ONEiO receiver: Bearer tokens per environment, expiry on the harness clock, the inbox, and the Basic variant.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { accessToken, ONEIO, receiverRequest } from '../support/oneio.ts';

const HTTPS = 'https://';

describe('ONEiO receiver', () => {
  it('accepts a message with a fresh token and keeps it in the QA inbox', async () => {
    const h = createHarness();
    const token = await accessToken(h.fetch, HTTPS, ONEIO.qaToken, h.credentials('oneio', 'qa'));
    const res = await h.fetch(receiverRequest(HTTPS, ONEIO.qaReceiver, token, { id: '123456789' }));
    expect(res.status).toBe(200);
    const [message] = h.inbox('oneio', 'qa');
    expect(message).toMatchObject({ body: { id: '123456789' }, auth: 'bearer', path: '/api/v2' });
    expect(message!.headers.authorization).toMatch(/^Bearer ‹redacted:[0-9a-f]{8}›$/);
    expect(h.inbox('oneio', 'prod')).toEqual([]);
  });

  it('refuses the token once 3599 s of clock time have passed, not before', async () => {
    const h = createHarness({ clock: { frozen: true, start: Date.UTC(2026, 0, 1) } });
    const token = await accessToken(h.fetch, HTTPS, ONEIO.qaToken, h.credentials('oneio', 'qa'));
    h.clock.advance(3598);
    expect((await h.fetch(receiverRequest(HTTPS, ONEIO.qaReceiver, token))).status).toBe(200);
    h.clock.advance(1);
    const res = await h.fetch(receiverRequest(HTTPS, ONEIO.qaReceiver, token));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(h.inbox('oneio', 'qa')).toHaveLength(1);
  });

  it('refuses a QA token at PROD', async () => {
    const h = createHarness();
    const token = await accessToken(h.fetch, HTTPS, ONEIO.qaToken, h.credentials('oneio', 'qa'));
    const res = await h.fetch(receiverRequest(HTTPS, ONEIO.prodReceiver, token));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_token' });
    expect(h.inbox('oneio', 'prod')).toEqual([]);
  });

  it('answers a request without credentials with a bare Bearer challenge (RFC 6750 §3.1)', async () => {
    const h = createHarness();
    const res = await h.fetch(new Request(`${HTTPS}${ONEIO.qaReceiver}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="ONEiO"');
  });

  it('takes Basic credentials on …/api and refuses them on …/api/v2', async () => {
    const h = createHarness();
    const qa = h.credentials('oneio', 'qa');
    const basic = `Basic ${Buffer.from(`${qa.clientId}:${qa.clientSecret}`).toString('base64')}`;
    const headers = { authorization: basic, 'content-type': 'application/json' };
    const ok = await h.fetch(new Request('https://rest-receiver-test.service-flow.com/api', { method: 'POST', headers, body: '{"n":1}' }));
    expect(ok.status).toBe(200);
    const v2 = await h.fetch(new Request(`${HTTPS}${ONEIO.qaReceiver}`, { method: 'POST', headers, body: '{"n":2}' }));
    expect(v2.status).toBe(401);
    const wrong = await h.fetch(
      new Request('https://rest-receiver-test.service-flow.com/api', {
        method: 'POST',
        headers: { ...headers, authorization: `Basic ${Buffer.from(`${qa.clientId}:nope`).toString('base64')}` },
        body: '{"n":3}',
      }),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Basic realm="ONEiO"');
    expect(h.inbox('oneio', 'qa').map((m) => m.body)).toEqual([{ n: 1 }]);
  });

  it('issues HS256 JWTs from the injected clock when the tokenFormat quirk says so', async () => {
    const start = Date.UTC(2030, 5, 1);
    const h = createHarness({ clock: { frozen: true, start }, quirks: { oneio: { tokenFormat: 'jwt' } } });
    const token = await accessToken(h.fetch, HTTPS, ONEIO.qaToken, h.credentials('oneio', 'qa'));
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number };
    expect(payload.iat).toBe(start / 1000);
    expect(payload.exp - payload.iat).toBe(3599);
    expect((await h.fetch(receiverRequest(HTTPS, ONEIO.qaReceiver, token))).status).toBe(200);
  });
});
