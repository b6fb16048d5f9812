// The consent page in real headless Chromium, through the local server: choose an account, Allow, land on the app; openid-client finishes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { browserAvailable, launchBrowser } from '../support/browser.ts';

// In CI the browser is installed by .ci/run, so there a missing browser fails the test instead of skipping it.
const skip = !browserAvailable() && !process.env['CI'];
if (skip) console.warn('Browser test skipped: no Chromium on this machine; `bash scripts/install-browser.sh` installs it.');
describe.skipIf(skip)('Google consent page in Chromium', () => {
  const harness = createHarness({ seed: 23 });
  let server: RunningServer;
  let callback: Server;
  let callbackUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ harness, port: 0 });
    callback = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><title>callback</title><p>signed in</p>');
    });
    await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
    callbackUrl = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/google/callback`;
    harness.clients.register({ provider: 'google', environment: 'production', clientId: 'browser.apps.googleusercontent.com', clientSecret: 'GOCSPX-browser', redirectUris: [callbackUrl], label: 'Browser Test App' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise<void>((resolve) => (callback ? callback.close(() => resolve()) : resolve()));
  });

  it('a person picks the second account and clicks Allow; the code and id_token are that account’s', async () => {
    const config = await client.discovery(new URL(server.base('accounts.google.com')), 'browser.apps.googleusercontent.com', 'GOCSPX-browser', undefined, {
      execute: [client.allowInsecureRequests],
    });
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, { redirect_uri: callbackUrl, scope: 'openid email', nonce, state: 'st-Ä&1' });
    const page = await browser.newPage();
    await page.goto(url.href);
    expect(await page.locator('#application-name').textContent()).toBe('Browser Test App');
    const second = page.locator('input[name="user"]').nth(1);
    const email = await second.getAttribute('value');
    await second.click();
    await Promise.all([page.waitForURL((u) => u.href.startsWith(callbackUrl)), page.click('#approve')]);
    const tokens = await client.authorizationCodeGrant(config, new URL(page.url()), { expectedNonce: nonce, expectedState: 'st-Ä&1' });
    expect(tokens.claims()?.['email']).toBe(email);
  });

  it('Cancel lands on the app with error=access_denied', async () => {
    const page = await browser.newPage();
    const query = new URLSearchParams({ client_id: 'browser.apps.googleusercontent.com', redirect_uri: callbackUrl, response_type: 'code', scope: 'email', state: 'c' });
    await page.goto(`${server.base('accounts.google.com')}/o/oauth2/v2/auth?${query}`);
    await Promise.all([page.waitForURL((u) => u.href.startsWith(callbackUrl)), page.click('#deny')]);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ state: 'c', error: 'access_denied' });
  });
});
