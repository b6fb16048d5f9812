// Seed 000's own axios example, pointed at the fake with only the URL prefix changed: a token, a refresh token, then step 3's refresh.
import axios from 'axios';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { mswHandlers } from '../../mocks/handlers.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';

const harness = createHarness({ seed: 5 });
const client = harness.credentials('ochno', 'production');
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ harness, port: 0 });
  process.env.clientID = client.clientId;
  process.env.clientSecret = client.clientSecret;
});
afterAll(async () => {
  await server.close();
  delete process.env.clientID;
  delete process.env.clientSecret;
});

/** The guide's step 1, verbatim except for the URL prefix; step 3 with the fields it lists. */
async function guide(prefix: string) {
  const response = await axios.post(`${prefix}/identity/oauth/v2/token`, {
    client_id: process.env.clientID,
    client_secret: process.env.clientSecret,
    grant_type: 'client_credentials',
    scope: 'hubs:read hubs:write accounts:read'
  },
  {
    headers : {
      "Content-Type" : "application/x-www-form-urlencoded",
    }
  })
  const access_token = response.data.access_token;
  const refresh_token = response.data.refresh_token;

  const step3 = await axios.post(`${prefix}/identity/oauth/v2/token`, {
    refresh_token,
    client_id: process.env.clientID,
    client_secret: process.env.clientSecret,
    grant_type: 'refresh_token',
    redirect_uri: client.redirectUris[0],
  }, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  return { access_token, refresh_token, step3: step3.data as { access_token: string; refresh_token: string } };
}

describe('seed 000: the Server2Server guide’s axios example', () => {
  it('gets an access and a refresh token from the local server, and step 3 refreshes them', async () => {
    const { access_token, refresh_token, step3 } = await guide(`${server.url}/operated.ochno.com`);
    expect(access_token).toMatch(/^\w{48}$/);
    expect(refresh_token).toMatch(/^\w{64}$/);
    expect(step3.refresh_token).not.toBe(refresh_token);
    const hubs = await axios.get(`${server.url}/operated.ochno.com/api/hubs/v1`, { headers: { Authorization: `Bearer ${step3.access_token}` } });
    expect(hubs.data.length).toBeGreaterThan(0);
  });

  it('works unchanged on the real URL under MSW', async () => {
    const msw = setupServer(...mswHandlers(harness));
    msw.listen({ onUnhandledFrame: 'error' });
    try {
      const { step3 } = await guide('https://operated.ochno.com');
      expect(step3.access_token).toBeTruthy();
    } finally {
      msw.close();
    }
  });
});
