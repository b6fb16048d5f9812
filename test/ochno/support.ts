// Helpers for the Ochno tests: token requests, bearer calls and a code-flow authorisation against a harness.
import { createHash } from 'node:crypto';
import type { Harness } from '../../core/harness.ts';
import { approveAuthorization, connectionSettings, type OchnoConnection } from '../../providers/ochno/public.ts';

export const FORM = 'application/x-www-form-urlencoded';

export interface Ochno {
  h: Harness;
  s: OchnoConnection;
  send(request: Request): Promise<Response>;
}

export function ochnoOf(h: Harness, options: Parameters<typeof connectionSettings>[1] = {}, send = (r: Request) => h.fetch(r)): Ochno {
  return { h, s: connectionSettings(h, options), send };
}

export const tokenRequest = (o: Ochno, fields: Record<string, string>, type = FORM): Promise<Response> =>
  o.send(new Request(o.s.tokenUrl, { method: 'POST', headers: { 'content-type': type }, body: type === FORM ? new URLSearchParams(fields) : JSON.stringify(fields) }));

export const clientCredentials = (o: Ochno, scope = 'hubs:read hubs:write accounts:read', extra: Record<string, string> = {}) =>
  tokenRequest(o, { client_id: o.s.clientId, client_secret: o.s.clientSecret, grant_type: 'client_credentials', scope, ...extra });

export const refresh = (o: Ochno, refreshToken: string, extra: Record<string, string> = {}) =>
  tokenRequest(o, { client_id: o.s.clientId, client_secret: o.s.clientSecret, grant_type: 'refresh_token', refresh_token: refreshToken, redirect_uri: o.s.redirectUri, ...extra });

export interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in?: number;
  access_expires_in?: string;
  scope: string;
}

export async function tokens(o: Ochno, scope?: string): Promise<TokenAnswer> {
  const res = await clientCredentials(o, scope);
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
  return (await res.json()) as TokenAnswer;
}

export const api = (o: Ochno, token: string, path: string, init: RequestInit = {}): Promise<Response> =>
  o.send(new Request(`${o.s.baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.headers as Record<string, string>) } }));

export const VERIFIER = 'verifier-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEF';
export const challengeOf = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

export function authorizeUrl(o: Ochno, params: Record<string, string> = {}): string {
  const url = new URL(o.s.authorizeUrl);
  url.search = new URLSearchParams({
    client_id: o.s.clientId,
    redirect_uri: o.s.redirectUri,
    state: 'state-1',
    scope: 'sub email hubs:read',
    response_type: 'code',
    code_challenge: challengeOf(VERIFIER),
    code_challenge_method: 'S256',
    ...params,
  }).toString();
  return url.toString();
}

/** Authorises on the page and returns the code of the redirect. */
export async function code(o: Ochno, params: Record<string, string> = {}): Promise<string> {
  const location = await approveAuthorization(o.h, { url: authorizeUrl(o, params) });
  const value = new URL(location).searchParams.get('code');
  if (!value) throw new Error(`no code: ${location}`);
  return value;
}

export const exchange = (o: Ochno, value: string, extra: Record<string, string> = {}) =>
  tokenRequest(o, { client_id: o.s.clientId, client_secret: o.s.clientSecret, grant_type: 'authorization_code', code: value, redirect_uri: o.s.redirectUri, codeVerifier: VERIFIER, ...extra });

export async function errorOf(res: Response): Promise<{ status: number; error: string; description: string; challenge: string | null }> {
  const body = (await res.json()) as { error: string; error_description: string };
  return { status: res.status, error: body.error, description: body.error_description, challenge: res.headers.get('www-authenticate') };
}
