// Approving an authorisation without a browser: opens the client's authorisation URL through harness.fetch, submits the page's form.
import type { Harness } from '../../../core/harness.ts';

export interface ApproveOptions {
  /** The authorisation URL the client built (`https://operated.ochno.com/identity/oauth/v2/authorize?…`, or its local form). */
  url: string;
  /** The test user who signs in (default the first one of the page). */
  userEmail?: string;
  /** One of that user's accounts (default their first). */
  accountId?: string;
  /** Default `approve`; `deny` gives `redirect_uri?error=access_denied&state=…`. */
  decision?: 'approve' | 'deny';
}

const unescape = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

function chosenGrant(page: string, options: ApproveOptions): string | undefined {
  const radios = [...page.matchAll(/name="grant" value="([^"]+)" data-email="([^"]+)"/g)].map((m) => ({ value: unescape(m[1]!), email: unescape(m[2]!) }));
  const matching = radios.filter(
    (r) => (!options.userEmail || r.email.toLowerCase() === options.userEmail.toLowerCase()) && (!options.accountId || r.value.endsWith(`|${options.accountId}`)),
  );
  if (matching.length === 0) throw new Error(`Ochno authorisation page: no test user ${options.userEmail ?? ''} with account ${options.accountId ?? '(any)'}.`);
  return matching[0]!.value;
}

/**
 * GET the page, then POST its form as the browser would: the same checks as a person clicking. Returns the
 * redirect (`redirect_uri?code=…&state=…`, or `?error=…` when the request was refused after the redirect
 * URI was trusted); throws with the page's message for an unknown client or unregistered redirect URI.
 */
export async function approveAuthorization(harness: Harness, options: ApproveOptions): Promise<string> {
  const url = new URL(options.url);
  const pageResponse = await harness.fetch(new Request(url));
  if (pageResponse.status === 302) return pageResponse.headers.get('location') ?? '';
  const page = await pageResponse.text();
  if (pageResponse.status !== 200) {
    throw new Error(`Ochno authorisation page answered ${pageResponse.status}: ${unescape(/id="error-message">([^<]*)</.exec(page)?.[1] ?? page.slice(0, 200))}`);
  }
  const form = new URLSearchParams();
  for (const m of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(m[1]!, unescape(m[2]!));
  const decision = options.decision ?? 'approve';
  if (decision === 'approve') form.set('grant', chosenGrant(page, options)!);
  form.set('decision', decision);
  const action = unescape(/<form method="post" action="([^"]+)"/.exec(page)?.[1] ?? url.pathname);
  const answer = await harness.fetch(
    new Request(new URL(action, url.origin), { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
  );
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location) throw new Error(`Ochno authorisation form answered ${answer.status}.`);
  return location;
}
