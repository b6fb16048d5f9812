// ONEiO token resource: the documented request and response, and the errors for everything else.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';

const TOKEN_URL = 'https://receiver-authz-test.service-flow.com/oauth2/token';

function tokenRequest(body: string | URLSearchParams, contentType = 'application/x-www-form-urlencoded'): Request {
  return new Request(TOKEN_URL, { method: 'POST', body, headers: { 'content-type': contentType } });
}

describe('ONEiO token resource', () => {
  it('answers the documented form request with the documented JSON', async () => {
    const h = createHarness();
    const qa = h.credentials('oneio', 'qa');
    const res = await h.fetch(
      tokenRequest(new URLSearchParams({ grant_type: 'client_credentials', client_id: qa.clientId, client_secret: qa.clientSecret })),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['access_token', 'scope', 'token_type', 'expires_in']);
    expect(body).toMatchObject({ scope: 'ROLE_INTEGRATION', token_type: 'Bearer', expires_in: 3599 });
    expect(body).not.toHaveProperty('refresh_token');
  });

  it('refuses a wrong secret with invalid_client and keeps the secret out of the journal', async () => {
    const h = createHarness();
    const qa = h.credentials('oneio', 'qa');
    const res = await h.fetch(tokenRequest(new URLSearchParams({ grant_type: 'client_credentials', client_id: qa.clientId, client_secret: 'nope' })));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_client' });
    await h.fetch(tokenRequest(new URLSearchParams({ grant_type: 'client_credentials', client_id: qa.clientId, client_secret: qa.clientSecret })));
    expect(JSON.stringify(h.journal.entries())).not.toContain(qa.clientSecret);
  });

  it('refuses PROD credentials at the QA token resource', async () => {
    const h = createHarness();
    const prod = h.credentials('oneio', 'prod');
    const res = await h.fetch(tokenRequest(new URLSearchParams({ grant_type: 'client_credentials', client_id: prod.clientId, client_secret: prod.clientSecret })));
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error_description: string }).error_description).toContain('belongs to PROD');
  });

  it('gives the same credentials and tokens for the same seed, and different ones for another', async () => {
    const a = createHarness({ seed: 5 });
    const b = createHarness({ seed: 5 });
    const c = createHarness({ seed: 6 });
    expect(a.credentials('oneio', 'qa')).toEqual(b.credentials('oneio', 'qa'));
    expect(a.credentials('oneio', 'qa').clientSecret).not.toBe(c.credentials('oneio', 'qa').clientSecret);
  });
});
