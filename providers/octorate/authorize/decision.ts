// The user's answer on the authorisation page: a code bound to client, redirect URI and property — or access_denied.
import { DoubleError } from '../../../core/errors.ts';
import type { ProviderContext } from '../../../core/provider.ts';
import { redirectWith, type AuthorizeRequest } from './request.ts';
import type { OctorateQuirks } from '../quirks.ts';
import { codeValue } from '../identity/token-values.ts';
import { connect, findProperty, world, type Property } from '../data/world.ts';

export interface Decision {
  approve: boolean;
  propertyId?: string | null;
  /** Optional: the signed-in user's email; must own the property. */
  userEmail?: string | null;
}

/** The redirect URL for the decision. */
export function decide(ctx: ProviderContext<OctorateQuirks>, request: AuthorizeRequest, decision: Decision): string {
  // RFC 6749 §4.1.2.1: the user refused.
  if (!decision.approve) return redirectWith(request, { error: 'access_denied' });
  const w = world(ctx);
  const property = decision.propertyId ? findProperty(w, decision.propertyId) : undefined;
  if (!property) throw new DoubleError('invalid_request', 'Choose a property to grant access to.', { field: 'property' });
  const owner = w.users.find((u) => u.id === property.ownerId)!;
  if (decision.userEmail && decision.userEmail.toLowerCase() !== owner.email.toLowerCase()) {
    throw new DoubleError('access_denied', `Property ${property.accommodation.id} does not belong to ${decision.userEmail}.`, { field: 'property', status: 400 });
  }
  const now = ctx.clock.now();
  const code = ctx.codes.issue({
    value: codeValue(ctx.random),
    provider: 'octorate',
    environment: request.client.environment,
    clientId: request.client.clientId,
    redirectUri: request.redirectUri,
    state: request.state,
    issuedAt: now,
    // DOC (tutorial): "maximum one minute" (quirk codeLifetimeSeconds).
    expiresAt: now + ctx.quirks.codeLifetimeSeconds * 1000,
    subject: { propertyId: property.accommodation.id, userId: owner.id },
  });
  connect(w, request.client.clientId, property.accommodation.id);
  return redirectWith(request, { code: code.value });
}

/** The property a programmatic approval picks when none is named: the user's (or anyone's) first of the app's environment. */
export function defaultProperty(ctx: ProviderContext<OctorateQuirks>, request: AuthorizeRequest, userEmail?: string | null): Property | undefined {
  const w = world(ctx);
  const user = userEmail ? w.users.find((u) => u.email.toLowerCase() === userEmail.toLowerCase()) : undefined;
  if (userEmail && !user) throw new DoubleError('invalid_request', `No test user ${userEmail}.`, { field: 'user' });
  const mine = w.properties.filter((p) => !user || p.ownerId === user.id);
  return mine.find((p) => p.environment === request.environment) ?? mine[0];
}
