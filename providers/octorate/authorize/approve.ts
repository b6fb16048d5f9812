// Approving an authorisation without a browser: drives the real page through harness.fetch and returns the redirect URL.
import type { Harness } from '../../../core/harness.ts';
import { OCTORATE_ADMIN_HOST, AUTHORIZE_PATH } from '../hosts.ts';

export interface ApproveOptions {
  clientId: string;
  redirectUri: string;
  state?: string;
  /** The property to grant; default the first property of the application's environment. */
  propertyId?: string;
  /** The test user who signs in; must own `propertyId` when both are given. */
  userEmail?: string;
  /** Default `approve`; `deny` gives `redirect_uri?error=access_denied&state=…`. */
  decision?: 'approve' | 'deny';
}

const unescape = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

const pageMessage = (text: string): string => unescape(/id="error-message">([^<]*)</.exec(text)?.[1] ?? text.slice(0, 200));

/** Reads the property the page preselects, so that a default approval is exactly what a person clicking would send. */
function preselected(page: string, userEmail: string | undefined): string | undefined {
  if (userEmail) {
    const start = page.indexOf(`data-email="${userEmail.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`);
    if (start === -1) throw new Error(`Octorate authorisation page: no test user ${userEmail}.`);
    const block = page.slice(start, page.indexOf('</fieldset>', start));
    return /name="property"[^>]*value="([^"]+)"/.exec(block)?.[1];
  }
  return /name="property"[^>]*value="([^"]+)" checked/.exec(page)?.[1];
}

/**
 * GET the authorisation page, then POST its form as the browser would. The same code path as a person
 * in a browser: the same checks (unknown client, unregistered redirect URI → throws with the page's message).
 */
export async function approveAuthorization(harness: Harness, options: ApproveOptions): Promise<string> {
  const url = new URL(`https://${OCTORATE_ADMIN_HOST}${AUTHORIZE_PATH}`);
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('redirect_uri', options.redirectUri);
  if (options.state !== undefined) url.searchParams.set('state', options.state);
  const pageResponse = await harness.fetch(new Request(url));
  const page = await pageResponse.text();
  if (pageResponse.status !== 200) {
    throw new Error(`Octorate authorisation page answered ${pageResponse.status}: ${pageMessage(page)}`);
  }
  const form = new URLSearchParams({ client_id: options.clientId, redirect_uri: options.redirectUri });
  if (options.state !== undefined) form.set('state', options.state);
  const decision = options.decision ?? 'approve';
  if (decision === 'approve') {
    const property = options.propertyId ?? preselected(page, options.userEmail);
    if (property) form.set('property', property);
    if (options.userEmail) form.set('user', options.userEmail);
  }
  form.set('decision', decision);
  const answer = await harness.fetch(
    new Request(url.origin + url.pathname, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
  );
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location) {
    throw new Error(`Octorate authorisation form answered ${answer.status}: ${pageMessage(await answer.text())}`);
  }
  return location;
}
