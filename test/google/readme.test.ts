// The README's Google recipe: openid-client discovers the fake Google under MSW and verifies its id_token.
import * as client from 'openid-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setupDoubles } from '../../mocks/index.ts';
import { approveAuthorization, connectionSettings } from '../../providers/google/public.ts';

const doubles = setupDoubles();
beforeAll(() => doubles.listen());
afterAll(() => doubles.close());

it('runs the README snippet', async () => {
  const google = connectionSettings(doubles);
  const config = await client.discovery(new URL('https://accounts.google.com'), google.clientId, google.clientSecret);
  const nonce = client.randomNonce();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, { redirect_uri: google.redirectUri, scope: 'openid email', nonce, state, access_type: 'offline' });
  const callback = await approveAuthorization(doubles, { url: url.href }); // "Allow" on the consent page, as the Workspace admin
  const tokens = await client.authorizationCodeGrant(config, new URL(callback), { expectedNonce: nonce, expectedState: state });
  expect(tokens.claims()?.email).toMatch(/@.+\.example\.test$/);
  expect(tokens.refresh_token).toMatch(/^1\/\/0/);
});
