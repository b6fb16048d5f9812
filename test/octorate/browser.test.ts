// The authorisation page in real headless Chromium: a person picks a property, grants access, lands on the app with a code.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { connectionSettings } from '../../providers/octorate/index.ts';
import { skipBrowserTests, useBrowserScene } from '../support/browser.ts';
import type { TokenBody } from './support.ts';

describe.skipIf(skipBrowserTests())('Octorate authorisation page in Chromium', () => {
  const harness = createHarness({ seed: 21 });
  const scene = useBrowserScene({
    harness,
    callbackPath: '/octorate/callback',
    // The application's redirect URI: a page that echoes its query, as a real callback would read it.
    page: (query) => `<!DOCTYPE html><title>callback</title><pre id="query">${JSON.stringify(Object.fromEntries(query)).replace(/</g, '\\u003c')}</pre>`,
    // DOC: only SANDBOX applications may use a non-https redirect URI.
    register: (callbackUrl) =>
      harness.clients.register({ provider: 'octorate', environment: 'sandbox', clientId: 'browser-app', clientSecret: 'browser-secret+/=', redirectUris: [callbackUrl], label: 'Browser Test App' }),
  });

  it('approving by clicking lands on the redirect URI with a code and the same state; the code buys tokens', async () => {
    const page = await scene.browser.newPage();
    const state = 'state-Ä&42';
    const authorize = `${scene.server.base('admin.octorate.com')}/octobook/identity/oauth.xhtml?${new URLSearchParams({ client_id: 'browser-app', redirect_uri: scene.callbackUrl, state })}`;
    await page.goto(authorize);
    expect(await page.locator('#application-name').textContent()).toBe('Browser Test App');

    // Pick the last SANDBOX property listed (not the preselected one), then grant.
    const sandboxChoice = page.locator('label', { hasText: 'SANDBOX' }).last().locator('input[name="property"]');
    const propertyId = await sandboxChoice.getAttribute('value');
    await sandboxChoice.click();
    await Promise.all([page.waitForURL((url) => url.href.startsWith(scene.callbackUrl)), page.click('#approve')]);

    const landed = new URL(page.url());
    expect(landed.searchParams.get('state')).toBe(state);
    const echoed = JSON.parse((await page.locator('#query').textContent()) ?? '{}') as Record<string, string>;
    expect(echoed['state']).toBe(state);
    expect(echoed['code']).toBeTruthy();

    const conn = connectionSettings(harness, { environment: 'sandbox', clientId: 'browser-app', base: scene.server.base });
    const res = await fetch(conn.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({ client_id: conn.clientId, client_secret: conn.clientSecret, redirect_uri: scene.callbackUrl, grant_type: 'code', code: echoed['code']! }),
    });
    expect(res.status).toBe(200);
    const tokens = (await res.json()) as TokenBody;
    expect(Object.keys(tokens)).toEqual(['access_token', 'refresh_token', 'expireDate']);
    const own = await fetch(`${conn.apiBaseUrl}/accommodation`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(((await own.json()) as Array<{ id: string; sandboxProperty: boolean }>).map((a) => [a.id, a.sandboxProperty])).toEqual([[propertyId, true]]);
    await page.close();
  });

  it('deny lands on the redirect URI with error=access_denied', async () => {
    const page = await scene.browser.newPage();
    await page.goto(`${scene.server.base('admin.octorate.com')}/octobook/identity/oauth.xhtml?${new URLSearchParams({ client_id: 'browser-app', redirect_uri: scene.callbackUrl, state: 'd' })}`);
    await Promise.all([page.waitForURL((url) => url.href.startsWith(scene.callbackUrl)), page.click('#deny')]);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ error: 'access_denied', state: 'd' });
    await page.close();
  });

  it('an unregistered redirect URI shows an error page and stays on Octorate', async () => {
    const page = await scene.browser.newPage();
    const response = await page.goto(
      `${scene.server.base('admin.octorate.com')}/octobook/identity/oauth.xhtml?${new URLSearchParams({ client_id: 'browser-app', redirect_uri: `${scene.callbackUrl}/other`, state: 'x' })}`,
    );
    expect(response?.status()).toBe(400);
    expect(page.url().startsWith(scene.server.url)).toBe(true);
    expect(await page.locator('#error-message').textContent()).toContain('not registered');
    await page.close();
  });
});
