// Checks an authorisation request (client_id, redirect_uri, state) before any page or redirect: errors are 400 pages.
import type { ClientRecord } from '../../../core/clients.ts';
import { DoubleError } from '../../../core/errors.ts';
import type { ProviderContext } from '../../../core/provider.ts';
import { applicationEnvironment, findApplication, type OctorateEnvironment } from '../clients.ts';
import type { OctorateQuirks } from '../quirks.ts';

export interface AuthorizeRequest {
  client: ClientRecord;
  environment: OctorateEnvironment;
  redirectUri: string;
  state: string | null;
}

export interface AuthorizeParams {
  clientId?: string | null;
  redirectUri?: string | null;
  state?: string | null;
}

/**
 * RFC 6749 §4.1.2.1: with an unknown client or a redirect URI that is not registered, the user is told
 * and never redirected. DOC: redirect_uri must be one of the application's whitelisted URIs (exact match),
 * and in production they must start with https.
 */
export function checkAuthorizeRequest(ctx: ProviderContext<OctorateQuirks>, params: AuthorizeParams): AuthorizeRequest {
  const clientId = params.clientId ?? '';
  if (!clientId) throw new DoubleError('invalid_request', 'The request has no client_id.', { field: 'client_id' });
  const client = findApplication(ctx, clientId);
  const environment = client ? applicationEnvironment(client) : undefined;
  if (!client || !environment) throw new DoubleError('invalid_client', `Unknown application "${clientId}".`, { field: 'client_id', status: 400 });
  const redirectUri = params.redirectUri ?? '';
  if (!redirectUri) throw new DoubleError('invalid_request', 'The request has no redirect_uri.', { field: 'redirect_uri' });
  if (!client.redirectUris.includes(redirectUri)) {
    throw new DoubleError('invalid_request', `The redirect_uri "${redirectUri}" is not registered for this application.`, { field: 'redirect_uri' });
  }
  if (environment === 'production' && !redirectUri.startsWith('https://')) {
    throw new DoubleError('invalid_request', 'PRODUCTION applications may only redirect to https:// URIs.', { field: 'redirect_uri' });
  }
  const state = params.state ?? null;
  if (ctx.quirks.requireState && !state) throw new DoubleError('invalid_request', 'The request has no state.', { field: 'state' });
  return { client, environment, redirectUri, state };
}

/** `redirect_uri?code=…&state=…` (INF: the exact query, octorate.md §1), keeping any query the URI already has. */
export function redirectWith(request: AuthorizeRequest, params: Record<string, string>): string {
  // Registration has checked the URI (core/redirect-uri.ts); this is the last line should one slip through.
  if (!URL.canParse(request.redirectUri)) throw new DoubleError('invalid_request', 'The registered redirect_uri is not an absolute URL.', { field: 'redirect_uri' });
  const url = new URL(request.redirectUri);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  if (request.state !== null) url.searchParams.set('state', request.state);
  return url.toString();
}
