// Approving an authorisation without a browser: drives the real consent page through harness.fetch and returns the redirect URL.
import type { Harness } from '../../../core/harness.ts';
import { ACCOUNTS_HOST, AUTHORIZE_PATH } from '../hosts.ts';

export interface AuthorizationFields {
  clientId: string;
  redirectUri: string;
  /** Space-separated or a list; `email` and `profile` are expanded as Google does. */
  scope: string | string[];
  state?: string;
  /** `offline` for a refresh token. */
  accessType?: 'online' | 'offline';
  /** e.g. `consent` to be asked again (and get a new refresh token). */
  prompt?: string;
  nonce?: string;
  loginHint?: string;
  includeGrantedScopes?: boolean;
  hd?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
}

export type ApproveOptions = (
  | AuthorizationFields
  | {
      /** The authorisation URL exactly as the client under test built it (real or local form). */
      url: string;
    }
) & {
  /** The test account that signs in; default the page's preselected one (login_hint, else the Workspace admin). */
  userEmail?: string;
  /** Default `approve`; `deny` gives `redirect_uri?error=access_denied&state=…` (Cancel on the page). */
  decision?: 'approve' | 'deny';
};

/** The query of an authorisation request, from fields. */
export function authorizationQuery(fields: AuthorizationFields): URLSearchParams {
  const q = new URLSearchParams({ client_id: fields.clientId, redirect_uri: fields.redirectUri, response_type: 'code' });
  q.set('scope', Array.isArray(fields.scope) ? fields.scope.join(' ') : fields.scope);
  const optional: Array<[string, string | undefined]> = [
    ['state', fields.state],
    ['access_type', fields.accessType],
    ['prompt', fields.prompt],
    ['nonce', fields.nonce],
    ['login_hint', fields.loginHint],
    ['include_granted_scopes', fields.includeGrantedScopes === undefined ? undefined : String(fields.includeGrantedScopes)],
    ['hd', fields.hd],
    ['code_challenge', fields.codeChallenge],
    ['code_challenge_method', fields.codeChallengeMethod],
  ];
  for (const [key, value] of optional) if (value !== undefined) q.set(key, value);
  return q;
}

const unescape = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

const pageMessage = (text: string): string => {
  const message = /id="error-message">([^<]*)</.exec(text)?.[1];
  const code = /id="error-code"><strong>([^<]*)</.exec(text)?.[1];
  return message ? unescape(`${code ? `${code}: ` : ''}${message}`) : text.slice(0, 200);
};

/**
 * GET the consent page, then POST its form as a browser would: the same checks as for a person (an unknown
 * client or unregistered redirect URI throws with the page's message). With `prompt=none` the page answers
 * with the redirect itself.
 */
export async function approveAuthorization(harness: Harness, options: ApproveOptions): Promise<string> {
  const pageUrl = 'url' in options ? new URL(options.url) : new URL(`https://${ACCOUNTS_HOST}${AUTHORIZE_PATH}?${authorizationQuery(options)}`);
  const pageResponse = await harness.fetch(new Request(pageUrl));
  const direct = pageResponse.headers.get('location');
  if (pageResponse.status === 302 && direct) return direct;
  const page = await pageResponse.text();
  if (pageResponse.status !== 200) throw new Error(`Google authorisation page answered ${pageResponse.status}: ${pageMessage(page)}`);

  const form = new URLSearchParams();
  for (const match of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.append(unescape(match[1]!), unescape(match[2]!));
  const decision = options.decision ?? 'approve';
  if (decision === 'approve') {
    const user = options.userEmail ?? /name="user"[^>]*value="([^"]+)" checked/.exec(page)?.[1];
    if (user) form.set('user', unescape(user));
  }
  form.set('decision', decision);
  const action = new URL(unescape(/<form method="post" action="([^"]+)"/.exec(page)![1]!), pageUrl);
  const answer = await harness.fetch(
    new Request(action, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
  );
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location) throw new Error(`Google consent form answered ${answer.status}: ${pageMessage(await answer.text())}`);
  return location;
}
