// The README's unit-test recipe: setupDoubles intercepts the real https:// URLs and exposes the harness.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupDoubles } from '../mocks/index.ts';

const doubles = setupDoubles({ seed: 7 });
beforeAll(() => doubles.listen());
afterEach(() => doubles.reset());
afterAll(() => doubles.close());

async function deliver(message: unknown): Promise<Response> {
  const qa = doubles.credentials('oneio', 'qa');
  const token = await fetch('https://receiver-authz-test.service-flow.com/oauth2/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: qa.clientId, client_secret: qa.clientSecret }),
  });
  const { access_token } = (await token.json()) as { access_token: string };
  return fetch('https://rest-receiver-test.service-flow.com/api/v2', {
    method: 'POST',
    headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify(message),
  });
}

describe('setupDoubles (MSW)', () => {
  it('answers the real URLs and shows the message in the inbox and the journal', async () => {
    expect((await deliver({ id: '1' })).status).toBe(200);
    expect(doubles.inbox('oneio', 'qa').map((m) => m.body)).toEqual([{ id: '1' }]);
    expect(doubles.journal.entries({ surface: 'token' })).toHaveLength(1);
  });

  it('starts each test from a clean harness after reset', () => {
    expect(doubles.inbox('oneio', 'qa')).toEqual([]);
    expect(doubles.journal.size).toBe(0);
  });

  it('applies scenarios to intercepted requests', async () => {
    doubles.scenarios.apply('receiver-unavailable', { times: 1 });
    expect((await deliver({ id: '2' })).status).toBe(503);
    expect((await deliver({ id: '3' })).status).toBe(200);
  });

  it('fails loudly on hosts nobody emulates', async () => {
    await expect(fetch('https://example.invalid/anything')).rejects.toThrow();
  });
});
