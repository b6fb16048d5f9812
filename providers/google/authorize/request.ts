// Checks an authorisation request to /o/oauth2/v2/auth before any page or redirect, with Google's error texts.
import type { ClientRecord } from '../../../core/clients.ts';
import { DoubleError } from '../../../core/errors.ts';
import type { ProviderContext } from '../../../core/provider.ts';
import { findClient } from '../clients.ts';
import { checkScopes } from '../data/scopes.ts';

/** DOC (Google's OAuth guide for web server apps): the parameters of the authorisation request. */
export const AUTHORIZE_PARAMS = [
  'client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'access_type', 'prompt', 'approval_prompt',
  'include_granted_scopes', 'login_hint', 'nonce', 'code_challenge', 'code_challenge_method', 'hd',
  'enable_granular_consent', 'authuser',
] as const;

export type AuthorizeParams = Partial<Record<(typeof AUTHORIZE_PARAMS)[number], string>>;

export interface AuthorizeRequest {
  client: ClientRecord;
  redirectUri: string;
  /** Granted scopes in request order, aliases expanded (`email` → `…/auth/userinfo.email`). */
  scopes: string[];
  state: string | null;
  offline: boolean;
  /** `prompt=consent` (or the legacy `approval_prompt=force`): ask again, and hand out a new refresh token. */
  forceConsent: boolean;
  promptNone: boolean;
  includeGrantedScopes: boolean;
  nonce: string | null;
  loginHint: string | null;
  hd: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | 'plain' | null;
  /** The parameters as received, for the consent form to carry. */
  params: AuthorizeParams;
}

const invalid = (message: string, field?: string): DoubleError => new DoubleError('invalid_request', message, field ? { field } : {});

/** RFC 7636 §4.1: 43–128 characters of [A-Z a-z 0-9 - . _ ~]. */
const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * Unknown client → 401 invalid_client page; unregistered redirect URI → 400 redirect_uri_mismatch page
 * (DOC: exact match with the console's list); then the other parameters. Everything before the redirect URI
 * is trusted is an error page, never a redirect (RFC 6749 §4.1.2.1).
 */
export function checkAuthorizeRequest(ctx: ProviderContext, raw: URLSearchParams | Map<string, string>): AuthorizeRequest {
  const params: AuthorizeParams = {};
  const seen = new Set<string>();
  for (const [key, value] of raw) {
    // DOC: Google refuses parameters it does not know on this endpoint ("Parameter not allowed for this message type").
    if (!(AUTHORIZE_PARAMS as readonly string[]).includes(key)) throw invalid(`Parameter not allowed for this message type: ${key}`, key);
    if (seen.has(key)) throw invalid(`Parameter ${key} was sent more than once.`, key);
    seen.add(key);
    params[key as keyof AuthorizeParams] = value;
  }
  const clientId = params.client_id ?? '';
  if (!clientId) throw invalid('Missing required parameter: client_id', 'client_id');
  const client = findClient(ctx, clientId);
  if (!client) throw new DoubleError('invalid_client', `The OAuth client was not found. Request details: client_id=${clientId}`, { field: 'client_id' });
  const redirectUri = params.redirect_uri ?? '';
  if (!redirectUri) throw invalid('Missing required parameter: redirect_uri', 'redirect_uri');
  if (!client.redirectUris.includes(redirectUri)) {
    throw new DoubleError(
      'invalid_request',
      `You can’t sign in to this app because it doesn’t comply with Google’s OAuth 2.0 policy. If you’re the app developer, register the redirect URI in the Google Cloud Console. Request details: redirect_uri=${redirectUri} (registered: ${client.redirectUris.join(', ') || 'none'}; the match is exact, trailing slash included).`,
      { field: 'redirect_uri', providerType: 'redirect_uri_mismatch' },
    );
  }
  const responseType = params.response_type ?? '';
  if (!responseType) throw invalid('Required parameter is missing: response_type', 'response_type');
  if (responseType !== 'code') {
    throw new DoubleError('invalid_request', `Unsupported response_type "${responseType}": this emulation runs the authorisation-code flow only (response_type=code).`, {
      field: 'response_type',
      providerType: 'unsupported_response_type',
    });
  }
  const scope = params.scope ?? '';
  if (!scope.trim()) throw invalid('Missing required parameter: scope', 'scope');
  const { granted, invalid: bad } = checkScopes(scope);
  if (bad.length > 0) {
    throw new DoubleError('invalid_scope', `Some requested scopes were invalid. {valid=[${granted.join(', ')}], invalid=[${bad.join(', ')}]}`, { field: 'scope' });
  }
  const accessType = params.access_type ?? 'online';
  if (accessType !== 'online' && accessType !== 'offline') throw invalid(`Invalid access_type: ${accessType}`, 'access_type');
  const prompts = (params.prompt ?? '').split(' ').filter(Boolean);
  for (const p of prompts) if (!['none', 'consent', 'select_account'].includes(p)) throw invalid(`Invalid prompt: ${params.prompt}`, 'prompt');
  if (prompts.includes('none') && prompts.length > 1) throw invalid(`Invalid prompt: ${params.prompt} (none cannot be combined with other values)`, 'prompt');
  const approvalPrompt = params.approval_prompt;
  if (approvalPrompt !== undefined) {
    // DOC: approval_prompt is the deprecated form of prompt; Google refuses both together.
    if (params.prompt !== undefined) throw invalid('Conflict params: approval_prompt and prompt', 'approval_prompt');
    if (approvalPrompt !== 'force' && approvalPrompt !== 'auto') throw invalid(`Invalid approval_prompt: ${approvalPrompt}`, 'approval_prompt');
  }
  const codeChallenge = params.code_challenge ?? null;
  const method = params.code_challenge_method;
  if (method !== undefined && method !== 'S256' && method !== 'plain') throw invalid(`Invalid code_challenge_method: ${method}`, 'code_challenge_method');
  if (method !== undefined && codeChallenge === null) throw invalid('Missing required parameter: code_challenge', 'code_challenge');
  if (codeChallenge !== null && !PKCE_VALUE.test(codeChallenge)) throw invalid('Invalid code_challenge: 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.2).', 'code_challenge');
  const includeGranted = params.include_granted_scopes;
  if (includeGranted !== undefined && includeGranted !== 'true' && includeGranted !== 'false') {
    throw invalid(`Invalid include_granted_scopes: ${includeGranted}`, 'include_granted_scopes');
  }
  return {
    client,
    redirectUri,
    scopes: granted,
    state: params.state ?? null,
    offline: accessType === 'offline',
    forceConsent: prompts.includes('consent') || approvalPrompt === 'force',
    promptNone: prompts.includes('none'),
    includeGrantedScopes: includeGranted === 'true',
    nonce: params.nonce ?? null,
    loginHint: params.login_hint ?? null,
    hd: params.hd ?? null,
    codeChallenge,
    // DOC: without a method Google takes the challenge as `plain`.
    codeChallengeMethod: codeChallenge === null ? null : ((method as 'S256' | 'plain' | undefined) ?? 'plain'),
    params,
  };
}

/** `redirect_uri?state=…&code=…` (or `error=…`), keeping any query the URI already has. */
export function redirectWith(request: AuthorizeRequest, params: Record<string, string>): string {
  const url = new URL(request.redirectUri);
  if (request.state !== null) url.searchParams.set('state', request.state);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}
