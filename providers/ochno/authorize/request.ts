// Checks an authorisation request: unknown client or unregistered redirect URI → error page; anything else → error redirect.
import type { ClientRecord } from '../../../core/clients.ts';
import { DoubleError } from '../../../core/errors.ts';
import type { HostDefinition, ProviderContext } from '../../../core/provider.ts';
import { hostOf } from '../hosts.ts';
import type { OchnoQuirks } from '../quirks.ts';
import { parseScope } from '../identity/scope.ts';

export interface AuthorizeParams {
  client_id?: string | null;
  redirect_uri?: string | null;
  state?: string | null;
  scope?: string | null;
  response_type?: string | null;
  code_challenge?: string | null;
  code_challenge_method?: string | null;
}

export interface AuthorizeRequest {
  client: ClientRecord;
  redirectUri: string;
  state: string | null;
  scopes: string[];
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | 'plain';
}

/** An error to send back to the client's redirect URI (RFC 6749 §4.1.2.1), once that URI is known to be registered. */
export class RedirectError extends Error {
  readonly error: string;
  readonly redirectUri: string;
  readonly state: string | null;
  constructor(error: string, description: string, redirectUri: string, state: string | null) {
    super(description);
    this.error = error;
    this.redirectUri = redirectUri;
    this.state = state;
  }
}

const CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;

export function checkAuthorizeRequest(ctx: ProviderContext<OchnoQuirks>, host: HostDefinition, params: AuthorizeParams): AuthorizeRequest {
  const clientId = params.client_id ?? '';
  if (!clientId) throw new DoubleError('invalid_request', 'The request has no client_id.', { field: 'client_id' });
  const client = ctx.clients.find('ochno', host.environment, clientId);
  if (!client) {
    const other = ctx.clients.elsewhere('ochno', host.environment, clientId);
    throw new DoubleError(
      'invalid_client',
      other ? `"${clientId}" is an integration of ${hostOf(other.environment)}, not of ${host.host}.` : `Unknown integration "${clientId}".`,
      { field: 'client_id', status: 400 },
    );
  }
  const redirectUri = params.redirect_uri ?? '';
  if (!redirectUri) throw new DoubleError('invalid_request', 'The request has no redirect_uri.', { field: 'redirect_uri' });
  // DOC (Ochno's OAuth2 guide): the redirect URI must match the one registered for the integration.
  if (!client.redirectUris.includes(redirectUri)) {
    throw new DoubleError('invalid_request', `The redirect_uri "${redirectUri}" is not registered for this integration (exact match).`, { field: 'redirect_uri' });
  }
  const state = params.state ?? null;
  const fail = (error: string, description: string): never => {
    throw new RedirectError(error, description, redirectUri, state);
  };
  if (params.response_type !== 'code') fail('unsupported_response_type', 'response_type must be "code".');
  if (ctx.quirks.requireState && !state) fail('invalid_request', 'The request has no state.');
  let scopes: string[] = [];
  try {
    scopes = parseScope(ctx, client, params.scope ?? '');
  } catch (error) {
    fail('invalid_scope', (error as Error).message);
  }
  const challenge = params.code_challenge ?? null;
  const method = params.code_challenge_method ?? (challenge ? 'plain' : 'S256');
  if (challenge === null && ctx.quirks.requirePkce) fail('invalid_request', 'PKCE is required: send code_challenge and code_challenge_method=S256.');
  if (challenge !== null && !CHALLENGE.test(challenge)) fail('invalid_request', 'code_challenge must be 43–128 characters of A–Z a–z 0–9 - . _ ~ (RFC 7636 §4.2).');
  if (method !== 'S256' && method !== 'plain') fail('invalid_request', `code_challenge_method must be S256 or plain; got "${method}".`);
  return { client, redirectUri, state, scopes, codeChallenge: challenge, codeChallengeMethod: method as 'S256' | 'plain' };
}

/** `redirect_uri?…&state=…`, keeping any query the URI already has. */
export function redirectWith(redirectUri: string, state: string | null, params: Record<string, string>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  if (state !== null) url.searchParams.set('state', state);
  return url.toString();
}
