// The harness plays the user and the hardware: approves the client's authorisation URL, and sends webhook deliveries to the client's route.
import { approveAuthorization, ochnoHubs, routeWebhooks, webhooksSettled, AUTHORIZE_PATH, OCHNO_HOST } from '../../providers/ochno/public.ts';
import { readAuthorizationUrl } from '../common/authorization-url.ts';
import type { Outcome } from '../types.ts';
import { errorMessage } from '../virtual-time.ts';
import { evidenceSince, judgeOperation, type OchnoContext } from './judge.ts';

export interface Authorization {
  url: string;
  params: URLSearchParams;
}

/** Asks the client for an authorisation URL; fails the check (undefined) when it is not Ochno's page. */
export async function startAuthorization(t: OchnoContext, when: string): Promise<Authorization | undefined> {
  const read = await readAuthorizationUrl(t, when, { provider: 'Ochno', who: 'the user', realPage: `https://${OCHNO_HOST}${AUTHORIZE_PATH}` });
  return read && { url: read.text, params: read.url.searchParams };
}

/** The user signs in and allows access; the redirect back to the client's callback (`?code=…&state=…`), or undefined (check failed). */
export async function approve(t: OchnoContext, auth: Authorization, when: string): Promise<{ callbackUrl: string; code: string; since: number } | undefined> {
  const since = t.mark();
  let callbackUrl: string;
  try {
    callbackUrl = await approveAuthorization(t.harness, { url: auth.url });
  } catch (error) {
    t.fail(`${when}: Ochno's authorisation page refused the client's URL — ${errorMessage(error).replace(/^Error: /, '')}`, [`authorizationUrl() → ${auth.url}`, ...evidenceSince(t, since)]);
    return undefined;
  }
  const back = new URL(callbackUrl).searchParams;
  if (back.get('error')) {
    t.fail(`${when}: Ochno sent the user back with error=${back.get('error')}: ${back.get('error_description') ?? ''}`, [`authorizationUrl() → ${auth.url}`, `redirect → ${callbackUrl}`]);
    return undefined;
  }
  return { callbackUrl, code: back.get('code') ?? '', since };
}

export const callback = (t: OchnoContext, callbackUrl: string): Promise<Outcome> => t.run((client) => client.handleCallback(callbackUrl));

/** Authorisation URL, approval, callback — the connection must succeed. */
export async function connectUser(t: OchnoContext, when = 'connecting the user'): Promise<boolean> {
  const auth = await startAuthorization(t, when);
  if (!auth) return false;
  const approval = await approve(t, auth, when);
  if (!approval) return false;
  return judgeOperation(t, await callback(t, approval.callbackUrl), `${when}: handleCallback`, approval.since);
}

/** A hub of the integration's account. */
export function integrationHub(t: OchnoContext): string {
  const account = t.harness.tokens.list({ provider: 'ochno', kind: 'access' })[0]?.subject['accountId'];
  const hubs = ochnoHubs(t.harness, t.settings.environment);
  return (hubs.find((h) => h.accountId === account) ?? hubs[0]!).hub.id;
}

/** Hands Ochno's deliveries to the client's `handleWebhook`, as its webhook route would receive them. */
export function deliverToClient(t: OchnoContext): void {
  routeWebhooks(t.harness, (request) => t.client.handleWebhook(request));
}

export const settled = (t: OchnoContext): Promise<void> => webhooksSettled(t.harness);
