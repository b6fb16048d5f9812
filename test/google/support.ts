// Helpers for the Google tests: the seed's manifest requests, a code from the consent page, token calls.
import { expect } from 'vitest';
import type { Harness } from '../../core/harness.ts';
import { approveAuthorization, connectionSettings, type ApproveOptions, type AuthorizationFields, type GoogleConnection } from '../../providers/google/public.ts';

export const TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const REVOKE_URL = 'https://oauth2.googleapis.com/revoke';
export const AUTH_URL = 'https://accounts.google.com/o/oauth2/v2/auth';
export const USERS_URL = 'https://admin.googleapis.com/admin/directory/v1/users';
export const DIRECTORY_SCOPE = 'https://www.googleapis.com/auth/admin.directory.user';
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

export interface GoogleTokens {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  scope: string;
  token_type: string;
  id_token?: string;
}

/** The ChiefOnboarding callback registered on the seeded client. */
export const manifestRedirect = (conn: GoogleConnection): string => conn.redirectUris.find((u) => u.includes('/admin/integrations/oauth/'))!;

/** The seed's `authenticate_url`, rendered: every value raw, as the platform's template leaves it. */
export const seedAuthenticateUrl = (conn: GoogleConnection, base = 'https://accounts.google.com'): string =>
  `${base}/o/oauth2/v2/auth?client_id=${conn.clientId}&redirect_uri=${manifestRedirect(conn)}&response_type=code&scope=https://www.googleapis.com/auth/admin.directory.user&access_type=offline&prompt=consent`;

/** The seed's `access_token` URL, rendered, with the code appended raw as the platform does. */
export const seedTokenUrl = (conn: GoogleConnection, code: string, base = 'https://oauth2.googleapis.com'): string =>
  `${base}/token?client_id=${conn.clientId}&client_secret=${conn.clientSecret}&grant_type=authorization_code&redirect_uri=${manifestRedirect(conn)}&code=${code}`;

export function formPost(url: string, fields: Record<string, string>, headers: Record<string, string> = FORM): Request {
  return new Request(url, { method: 'POST', body: new URLSearchParams(fields), headers });
}

export async function authorizeCode(h: Harness, options: Partial<AuthorizationFields> & Omit<ApproveOptions, 'url' | keyof AuthorizationFields> = {}): Promise<{ code: string; redirect: URL; conn: GoogleConnection }> {
  const conn = connectionSettings(h);
  const location = await approveAuthorization(h, { clientId: conn.clientId, redirectUri: conn.redirectUri, scope: 'openid email profile', state: 'st-1', ...options });
  const redirect = new URL(location);
  const code = redirect.searchParams.get('code');
  expect(code, location).toBeTruthy();
  return { code: code!, redirect, conn };
}

export function exchange(h: Harness, conn: GoogleConnection, code: string, overrides: Record<string, string> = {}): Promise<Response> {
  return h.fetch(
    formPost(TOKEN_URL, { client_id: conn.clientId, client_secret: conn.clientSecret, grant_type: 'authorization_code', code, redirect_uri: conn.redirectUri, ...overrides }),
  );
}

export function refresh(h: Harness, conn: GoogleConnection, refreshToken: string, overrides: Record<string, string> = {}): Promise<Response> {
  return h.fetch(formPost(TOKEN_URL, { client_id: conn.clientId, client_secret: conn.clientSecret, grant_type: 'refresh_token', refresh_token: refreshToken, ...overrides }));
}

/** Consent, then exchange: the token response. */
export async function tokensFor(h: Harness, options: Partial<AuthorizationFields> & { userEmail?: string } = {}): Promise<{ conn: GoogleConnection; tokens: GoogleTokens }> {
  const { code, conn } = await authorizeCode(h, options);
  const res = await exchange(h, conn, code);
  expect(res.status, await res.clone().text()).toBe(200);
  return { conn, tokens: (await res.json()) as GoogleTokens };
}

/** Asserts Google's OAuth error body and status. */
export async function expectOAuthError(res: Response, status: number, error: string, description?: string): Promise<void> {
  const text = await res.text();
  expect({ status: res.status, text }).toMatchObject({ status });
  const body = JSON.parse(text) as { error: string; error_description: string };
  expect(Object.keys(body)).toEqual(['error', 'error_description']);
  expect(body.error).toBe(error);
  if (description !== undefined) expect(body.error_description).toBe(description);
}
