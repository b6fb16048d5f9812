// The authorisation page in real headless Chromium: a person picks a property, grants access, lands on the app with a code.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { connectionSettings } from '../../providers/octorate/index.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { browserAvailable, launchBrowser } from '../support/browser.ts';
import type { TokenBody } from './support.ts';

// In CI the browser is installed by .ci/run, so there a missing browser fails the test instead of skipping it.
const skip = !browserAvailable() && !process.env['CI'];
if (skip) console.warn('Browser test skipped: no Chromium on this machine; `bash scripts/install-browser.sh` installs it.');
describe.skipIf(skip)('Octorate authorisation page in Chromium', () => {
  const harness = createHarness({ seed: 21 });
  let server: RunningServer;
  let callback: Server;
  let callbackUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ harness, port: 0 });
    // The application's redirect URI: a page that echoes its query, as a real callback would read it.
    callback = createServer((req, res) => {
      const query = Object.fromEntries(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!DOCTYPE html><title>callback</title><pre id="query">${JSON.stringify(query).replace(/</g, '\\u003c')}</pre>`);
    });
    await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
    callbackUrl = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/octorate/callback`;
    // DOC: only SANDBOX applications may use a non-https redirect URI.
    harness.clients.register({ provider: 'octorate', environment: 'sandbox', clientId: 'browser-app', clientSecret: 'browser-secret+/=', redirectUris: [callbackUrl], label: 'Browser Test App' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise<void>((resolve) => (callback ? callback.close(() => resolve()) : resolve()));
  });

  it('approving by clicking lands on the redirect URI with a code and the same state; the code buys tokens', async () => {
    const page = await browser.newPage();
    const state = 'state-Ä&42';
    const authorize = `${server.base('admin.octorate.com')}/octobook/identity/oauth.xhtml?${new URLSearchParams({ client_id: 'browser-app', redirect_uri: callbackUrl, state })}`;
    await page.goto(authorize);
    expect(await page.locator('#application-name').textContent()).toBe('Browser Test App');

    // Pick the last SANDBOX property listed (not the preselected one), then grant.
    const sandboxChoice = page.locator('label', { hasText: 'SANDBOX' }).last().locator('input[name="property"]');
    const propertyId = await sandboxChoice.getAttribute('value');
    await sandboxChoice.click();
    await Promise.all([page.waitForURL((url) => url.href.startsWith(callbackUrl)), page.click('#approve')]);

    const landed = new URL(page.url());
    expect(landed.searchParams.get('state')).toBe(state);
    const echoed = JSON.parse((await page.locator('#query').textContent()) ?? '{}') as Record<string, string>;
    expect(echoed['state']).toBe(state);
    expect(echoed['code']).toBeTruthy();

    const conn = connectionSettings(harness, { environment: 'sandbox', clientId: 'browser-app', base: server.base });
    const res = await fetch(conn.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({ client_id: conn.clientId, client_secret: conn.clientSecret, redirect_uri: callbackUrl, grant_type: 'code', code: echoed['code']! }),
    });
    expect(res.status).toBe(200);
    const tokens = (await res.json()) as TokenBody;
    expect(Object.keys(tokens)).toEqual(['access_token', 'refresh_token', 'expireDate']);
    const own = await fetch(`${conn.apiBaseUrl}/accommodation`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(((await own.json()) as Array<{ id: string; sandboxProperty: boolean }>).map((a) => [a.id, a.sandboxProperty])).toEqual([[propertyId, true]]);
    await page.close();
  });

  it('deny lands on the redirect URI with error=access_denied', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.base('admin.octorate.com')}/octobook/identity/oauth.xhtml?${new URLSearchParams({ client_id: 'browser-app', redirect_uri: callbackUrl, state: 'd' })}`);
    await Promise.all([page.waitForURL((url) => url.href.startsWith(callbackUrl)), page.click('#deny')]);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ error: 'access_denied', state: 'd' });
    await page.close();
  });

  it('an unregistered redirect URI shows an error page and stays on Octorate', async () => {
    const page = await browser.newPage();
    const response = await page.goto(
      `${server.base('admin.octorate.com')}/octobook/identity/oauth.xhtml?${new URLSearchParams({ client_id: 'browser-app', redirect_uri: `${callbackUrl}/other`, state: 'x' })}`,
    );
    expect(response?.status()).toBe(400);
    expect(page.url().startsWith(server.url)).toBe(true);
    expect(await page.locator('#error-message').textContent()).toContain('not registered');
    await page.close();
  });
});
