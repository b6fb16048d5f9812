// Who calls an API resource: the Bearer token checked (RFC 6750 §2.1), its application, quota and environment.
import type { Context } from 'hono';
import type { ClientRecord } from '../../../core/clients.ts';
import { readCredential } from '../../../core/credential.ts';
import { DoubleError } from '../../../core/errors.ts';
import type { HarnessVariables, ProviderContext } from '../../../core/provider.ts';
import type { TokenRecord } from '../../../core/state/tokens.ts';
import { applicationEnvironment, type OctorateEnvironment } from '../clients.ts';
import { grantOf, type Grant } from '../identity/grants.ts';
import type { OctorateQuirks } from '../quirks.ts';
import { countCall } from './quota.ts';
import { findProperty, world } from '../data/world.ts';

export interface Caller {
  token: TokenRecord;
  client: ClientRecord;
  environment: OctorateEnvironment;
  grant: Grant;
  /** Calls left in the application's quota window, for `X-RateLimit-Remaining`. */
  remaining: number;
}

/** The API routes' Hono environment: the harness variables plus the caller once known. */
export type ApiEnv = { Variables: HarnessVariables & { caller: Caller | undefined } };

/** Which token a call takes (octorate.md: "OAuthLogin" property tokens vs "ApiOperations" apilogin tokens). */
export type TokenNeed = 'property' | 'apilogin' | 'any';

const NEED_TEXT: Record<Exclude<TokenNeed, 'any'>, string> = {
  property: 'a property token (from /identity/token or /identity/refresh)',
  apilogin: 'an API-operations token (from /identity/apilogin)',
};

export function authorizeCall(ctx: ProviderContext<OctorateQuirks>, c: Context<ApiEnv>, need: TokenNeed): Caller {
  const credential = readCredential(c.req.header('authorization'));
  // DOC: no token → 401 ApiKeyMissing; wrong or expired token → 401 ApiKeyInvalid.
  if (credential.scheme === 'none' || credential.scheme === 'basic' || credential.scheme === 'other') {
    throw new DoubleError('missing_token', 'Missing API key: send "Authorization: Bearer <access_token>".', { field: 'Authorization' });
  }
  if (credential.scheme === 'malformed') throw new DoubleError('invalid_token', credential.reason, { field: 'Authorization' });
  const token = ctx.tokens.find(credential.token);
  if (!token || token.provider !== 'octorate' || token.kind !== 'access') {
    const dropped = ctx.tokens.dropped(credential.token, 'octorate');
    throw new DoubleError('invalid_token', `Invalid API key: ${dropped?.message ?? 'not an access token Octorate issued.'}`, { field: 'Authorization' });
  }
  const status = ctx.tokens.status(token, ctx.clock.now());
  if (status !== 'valid') throw new DoubleError('invalid_token', `Invalid API key: the access token is ${status}.`, { field: 'Authorization' });
  const client = ctx.clients.find('octorate', token.environment, token.clientId);
  const environment = client ? applicationEnvironment(client) : undefined;
  if (!client || !environment) throw new DoubleError('invalid_token', 'Invalid API key: the application no longer exists.', { field: 'Authorization' });

  const quota = countCall(ctx, client.clientId);
  const caller: Caller = { token, client, environment, grant: grantOf(token), remaining: quota.remaining };
  c.set('caller', caller);
  if (quota.exceeded) throw new DoubleError('quota_exceeded', 'API quota exceeded for this application; wait for the quota window to reset.');

  // DOC: "a call in the wrong one gets 403 WrongEnviroment" — a property of the other world, or scenario `wrong-environment`.
  const grant = caller.grant;
  const property = grant.grant === 'property' ? findProperty(world(ctx), grant.propertyId) : undefined;
  if (ctx.scenarios.consume('octorate', 'wrong-environment') !== undefined || (property && property.environment !== environment)) {
    throw new DoubleError(
      'wrong_environment',
      `Wrong environment: the application is ${environment.toUpperCase()}${property ? ` but property ${property.accommodation.id} is ${property.environment.toUpperCase()}` : ''}.`,
    );
  }
  if (need !== 'any' && grant.grant !== need) {
    throw new DoubleError('access_denied', `This call needs ${NEED_TEXT[need]}; the request used ${NEED_TEXT[grant.grant]}.`, {
      field: 'Authorization',
    });
  }
  return caller;
}

/** A property token reaches only its own property (DOC: 403 ApiSecurityException "resource not owned by the token's property"). */
export function requireOwnProperty(caller: Caller, accommodationId: string): string {
  if (caller.grant.grant !== 'property' || caller.grant.propertyId !== accommodationId) {
    throw new DoubleError('access_denied', `Accommodation ${accommodationId} is not the property this token was granted for.`, {
      field: 'accommodation',
    });
  }
  return accommodationId;
}
