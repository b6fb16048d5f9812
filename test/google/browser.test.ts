// The consent page in real headless Chromium, through the local server: choose an account, Allow, land on the app; openid-client finishes.
import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { skipBrowserTests, useBrowserScene } from '../support/browser.ts';

describe.skipIf(skipBrowserTests())('Google consent page in Chromium', () => {
  const harness = createHarness({ seed: 23 });
  const scene = useBrowserScene({
    harness,
    callbackPath: '/google/callback',
    page: () => '<!DOCTYPE html><title>callback</title><p>signed in</p>',
    register: (callbackUrl) =>
      harness.clients.register({ provider: 'google', environment: 'production', clientId: 'browser.apps.googleusercontent.com', clientSecret: 'GOCSPX-browser', redirectUris: [callbackUrl], label: 'Browser Test App' }),
  });

  it('a person picks the second account and clicks Allow; the code and id_token are that account’s', async () => {
    const config = await client.discovery(new URL(scene.server.base('accounts.google.com')), 'browser.apps.googleusercontent.com', 'GOCSPX-browser', undefined, {
      execute: [client.allowInsecureRequests],
    });
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, { redirect_uri: scene.callbackUrl, scope: 'openid email', nonce, state: 'st-Ä&1' });
    const page = await scene.browser.newPage();
    await page.goto(url.href);
    expect(await page.locator('#application-name').textContent()).toBe('Browser Test App');
    const second = page.locator('input[name="user"]').nth(1);
    const email = await second.getAttribute('value');
    await second.click();
    await Promise.all([page.waitForURL((u) => u.href.startsWith(scene.callbackUrl)), page.click('#approve')]);
    const tokens = await client.authorizationCodeGrant(config, new URL(page.url()), { expectedNonce: nonce, expectedState: 'st-Ä&1' });
    expect(tokens.claims()?.['email']).toBe(email);
  });

  it('Cancel lands on the app with error=access_denied', async () => {
    const page = await scene.browser.newPage();
    const query = new URLSearchParams({ client_id: 'browser.apps.googleusercontent.com', redirect_uri: scene.callbackUrl, response_type: 'code', scope: 'email', state: 'c' });
    await page.goto(`${scene.server.base('accounts.google.com')}/o/oauth2/v2/auth?${query}`);
    await Promise.all([page.waitForURL((u) => u.href.startsWith(scene.callbackUrl)), page.click('#deny')]);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ state: 'c', error: 'access_denied' });
  });
});
