// The commonest broken token requests get the fix in the provider's own error, and never a piece of the secret back.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { connectionSettings } from '../../providers/octorate/index.ts';
import { APILOGIN_URL, TOKEN_URL } from '../octorate/support.ts';

const ONEIO_TOKEN = 'https://receiver-authz-test.service-flow.com/oauth2/token';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** The pieces a body built without form-encoding scatters a secret into, long enough to recognise. */
const pieces = (secret: string): string[] => [secret, secret.replaceAll('+', ' '), ...secret.split(/[+&=/]/)].filter((p) => p.length >= 4);

async function text(response: Response): Promise<string> {
  return response.text();
}

describe('ONEiO token endpoint', () => {
  it('says an unencoded client_secret was not form-encoded and how to fix it, echoing no piece of it', async () => {
    const h = createHarness();
    const { clientId, clientSecret } = h.credentials('oneio', 'qa');
    const body = `grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`;
    const response = await h.fetch(new Request(ONEIO_TOKEN, { method: 'POST', headers: FORM, body }));
    const answer = await text(response);
    expect(response.status).toBe(400);
    expect(JSON.parse(answer)).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('The client_secret was not form-encoded') });
    expect(answer).toContain('URLSearchParams');
    for (const piece of pieces(clientSecret)) expect(answer).not.toContain(piece);
  });

  it('says the credentials go in the form, not in Authorization: Basic', async () => {
    const h = createHarness();
    const { clientId, clientSecret } = h.credentials('oneio', 'qa');
    const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    const response = await h.fetch(new Request(ONEIO_TOKEN, { method: 'POST', headers: { ...FORM, authorization: basic }, body: 'grant_type=client_credentials' }));
    const answer = JSON.parse(await text(response)) as { error: string; error_description: string };
    expect(response.status).toBe(400);
    expect(answer.error).toBe('invalid_request');
    expect(answer.error_description).toContain('as the form fields client_id and client_secret, not in an Authorization: Basic header');
  });
});

describe('Octorate identity calls', () => {
  it('tells a refresh sent to /identity/token where refreshes go', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const response = await h.fetch(
      new Request(TOKEN_URL, {
        method: 'POST',
        headers: FORM,
        body: new URLSearchParams({ client_id: conn.clientId, client_secret: conn.clientSecret, grant_type: 'refresh_token', refresh_token: 'a'.repeat(32) + 'AB' }),
      }),
    );
    const answer = JSON.parse(await text(response)) as { type: string; message: string };
    expect(response.status).toBe(400);
    expect(answer.type).toBe('ApiParamsExemption');
    expect(answer.message).toContain('to renew a property token, POST client_id, client_secret and refresh_token to /rest/v1/identity/refresh');
  });

  it('says an unencoded client_secret was not form-encoded, keeping Octorate’s status, echoing no piece of it', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const body = `client_id=${conn.clientId}&client_secret=${conn.clientSecret}`;
    const response = await h.fetch(new Request(APILOGIN_URL, { method: 'POST', headers: FORM, body }));
    const answer = await text(response);
    expect(response.status).toBe(403);
    expect(JSON.parse(answer)).toMatchObject({ type: 'ApiSecurityException', message: expect.stringContaining('The client_secret was not form-encoded') });
    for (const piece of pieces(conn.clientSecret)) expect(answer).not.toContain(piece);
  });

  it('says the credentials go in the form, not in Authorization: Basic', async () => {
    const h = createHarness();
    const conn = connectionSettings(h);
    const basic = `Basic ${Buffer.from(`${conn.clientId}:${conn.clientSecret}`).toString('base64')}`;
    const response = await h.fetch(new Request(APILOGIN_URL, { method: 'POST', headers: { ...FORM, authorization: basic }, body: 'notes=x' }));
    const answer = JSON.parse(await text(response)) as { type: string; message: string };
    expect(response.status).toBe(400);
    expect(answer.message).toContain('Octorate takes client_id and client_secret as form params in the body, not in an Authorization: Basic header');
  });
});
