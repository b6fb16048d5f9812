// The harness plays the hotelier: opens the client's authorisation URL, grants a property, comes back to the callback; and an attacker forging one.
import { approveAuthorization, AUTHORIZE_PATH, OCTORATE_ADMIN_HOST } from '../../providers/octorate/index.ts';
import { world } from '../../providers/octorate/data/world.ts';
import { readAuthorizationUrl } from '../common/authorization-url.ts';
import type { Outcome } from '../types.ts';
import { errorMessage } from '../virtual-time.ts';
import { evidenceSince, judgeOperation, reservations, type OctorateContext } from './judge.ts';

/** What the client's authorisation URL asked Octorate for. */
export interface Authorization {
  url: string;
  clientId: string;
  redirectUri: string;
  state: string | null;
}

/** Octorate's redirect back to the application after the hotelier granted a property. */
export interface Approval {
  /** `redirect_uri?code=…&state=…`, as the browser arrives at the client's callback route. */
  callbackUrl: string;
  code: string;
  /** Clock time the code was issued (the redirect). */
  issuedAt: number;
  propertyId: string;
  /** Journal mark just before the hotelier opened the page. */
  since: number;
}

/** The first property of the application's environment: what the hotelier grants. */
export function hotelProperty(t: OctorateContext): string {
  const w = world(t.harness.context('octorate'));
  const property = w.properties.find((p) => p.environment === t.settings.environment);
  if (!property) throw new Error(`The Octorate world has no ${t.settings.environment} property.`);
  return property.accommodation.id;
}

/** A property of the same environment owned by somebody else: what an attacker connects. */
export function attackerProperty(t: OctorateContext): string {
  const w = world(t.harness.context('octorate'));
  const hotel = w.properties.find((p) => p.accommodation.id === hotelProperty(t))!;
  const other = w.properties.find((p) => p.environment === t.settings.environment && p.ownerId !== hotel.ownerId);
  if (!other) throw new Error(`The Octorate world has no second owner of a ${t.settings.environment} property.`);
  return other.accommodation.id;
}

/** Asks the client for an authorisation URL and reads it; fails the check (undefined) when it is not Octorate's page. */
export async function startAuthorization(t: OctorateContext, when: string): Promise<Authorization | undefined> {
  const read = await readAuthorizationUrl(t, when, { provider: 'Octorate', who: 'the hotelier', realPage: `https://${OCTORATE_ADMIN_HOST}${AUTHORIZE_PATH}` });
  if (!read) return undefined;
  const { text, url } = read;
  return {
    url: text,
    clientId: url.searchParams.get('client_id') ?? '',
    redirectUri: url.searchParams.get('redirect_uri') ?? '',
    state: url.searchParams.get('state'),
  };
}

/** The hotelier signs in on the page the client sent them to and grants `propertyId`; fails the check (undefined) if Octorate's page refuses. */
export async function approve(t: OctorateContext, auth: Authorization, when: string, propertyId = hotelProperty(t)): Promise<Approval | undefined> {
  const since = t.mark();
  let callbackUrl: string;
  try {
    callbackUrl = await approveAuthorization(t.harness, {
      clientId: auth.clientId,
      redirectUri: auth.redirectUri,
      ...(auth.state !== null ? { state: auth.state } : {}),
      propertyId,
    });
  } catch (error) {
    t.fail(`${when}: Octorate's authorisation page refused the client's URL ${auth.url} — ${errorMessage(error).replace(/^Error: /, '')}`, evidenceSince(t, since));
    return undefined;
  }
  const code = new URL(callbackUrl).searchParams.get('code') ?? '';
  const issuedAt = t.harness.codes.find(code)?.issuedAt ?? t.harness.clock.now();
  return { callbackUrl, code, issuedAt, propertyId, since };
}

/** The browser arrives at the client's callback route with this URL. */
export const callback = (t: OctorateContext, callbackUrl: string): Promise<Outcome> => t.run((client) => client.handleCallback(callbackUrl));

export interface Connected extends Approval {
  auth: Authorization;
  outcome: Outcome;
}

/** Authorisation URL, the hotelier's grant, the callback — whatever the callback came to. Undefined (check failed) when the page was never reached. */
export async function authorizeAndCallback(t: OctorateContext, when: string): Promise<Connected | undefined> {
  const auth = await startAuthorization(t, when);
  if (!auth) return undefined;
  const approval = await approve(t, auth, when);
  if (!approval) return undefined;
  return { ...approval, auth, outcome: await callback(t, approval.callbackUrl) };
}

/** A whole connection that must succeed. Fails the check (undefined) unless the client connected. */
export async function connect(t: OctorateContext, when = 'connecting the hotelier’s property'): Promise<Connected | undefined> {
  const connected = await authorizeAndCallback(t, when);
  if (!connected) return undefined;
  const { outcome } = connected;
  if (outcome.kind !== 'resolved') {
    const what = outcome.kind === 'stopped' ? `handleCallback never finished — ${outcome.message}` : `handleCallback failed (${outcome.message})`;
    t.fail(`${when}: ${what}`, evidenceSince(t, connected.since));
    return undefined;
  }
  return connected;
}

/** Connects, then reads the property's reservations once: the start of every behavioural check. Fails the check (undefined) unless both worked. */
export async function connectAndRead(t: OctorateContext, when: string): Promise<Connected | undefined> {
  const connected = await connect(t);
  if (!connected) return undefined;
  return judgeOperation(t, await reservations(t, connected.propertyId), when) ? connected : undefined;
}

/**
 * An attacker connects *their own* property through this application and sends the victim's browser
 * to the callback with their code: with a state of their own (`forged`), or none (`missing`).
 */
export async function forgedCallback(t: OctorateContext, state: 'forged' | 'missing'): Promise<{ callbackUrl: string; code: string }> {
  const location = await approveAuthorization(t.harness, {
    clientId: t.settings.clientId,
    redirectUri: t.settings.redirectUri,
    state: `attacker-${t.harness.clock.now().toString(36)}`,
    propertyId: attackerProperty(t),
  });
  const url = new URL(location);
  if (state === 'missing') url.searchParams.delete('state');
  return { callbackUrl: url.toString(), code: url.searchParams.get('code') ?? '' };
}
