// Helpers for the Octorate tests: form requests, a code from the authorisation page, a full code flow.
import { expect } from 'vitest';
import type { Harness } from '../../core/harness.ts';
import { approveAuthorization, connectionSettings, type ApproveOptions, type OctorateConnection } from '../../providers/octorate/index.ts';

export const API = 'https://api.octorate.com/connect/rest/v1';
export const TOKEN_URL = `${API}/identity/token`;
export const REFRESH_URL = `${API}/identity/refresh`;
export const APILOGIN_URL = `${API}/identity/apilogin`;
export const AUTHORIZE_URL = 'https://admin.octorate.com/octobook/identity/oauth.xhtml';

export const ACCESS_TOKEN_LOOK = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const REFRESH_TOKEN_LOOK = /^[0-9a-f]{32}[A-Z]{2}$/;
export const ISO_MILLIS_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export interface TokenBody {
  access_token: string;
  refresh_token?: string;
  expireDate: string;
  [key: string]: unknown;
}

export function formRequest(url: string, fields: Record<string, string>, contentType = 'application/x-www-form-urlencoded'): Request {
  return new Request(url, { method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': contentType } });
}

export function bearer(url: string, token: string, init: RequestInit = {}): Request {
  return new Request(url, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` } });
}

/** Approves on the page and returns the code and the redirect URL. */
export async function authorizeCode(h: Harness, conn: OctorateConnection, extra: Partial<ApproveOptions> = {}): Promise<{ code: string; redirect: URL }> {
  const location = await approveAuthorization(h, { clientId: conn.clientId, redirectUri: conn.redirectUri, state: 'st-1', ...extra });
  const redirect = new URL(location);
  const code = redirect.searchParams.get('code');
  expect(code).toBeTruthy();
  return { code: code!, redirect };
}

export function exchange(h: Harness, conn: OctorateConnection, code: string, overrides: Record<string, string> = {}): Promise<Response> {
  return h.fetch(
    formRequest(TOKEN_URL, {
      client_id: conn.clientId,
      client_secret: conn.clientSecret,
      redirect_uri: conn.redirectUri,
      grant_type: 'code',
      code,
      ...overrides,
    }),
  );
}

/** The whole code flow: page approval, then /identity/token. */
export async function propertyTokens(h: Harness, environment: 'production' | 'sandbox' = 'production', extra: Partial<ApproveOptions> = {}) {
  const conn = connectionSettings(h, { environment });
  const { code } = await authorizeCode(h, conn, extra);
  const res = await exchange(h, conn, code);
  expect(res.status).toBe(200);
  return { conn, code, tokens: (await res.json()) as TokenBody };
}

export async function apiLoginToken(h: Harness, environment: 'production' | 'sandbox' = 'production'): Promise<string> {
  const conn = connectionSettings(h, { environment });
  const res = await h.fetch(formRequest(APILOGIN_URL, { client_id: conn.clientId, client_secret: conn.clientSecret }));
  expect(res.status).toBe(200);
  return ((await res.json()) as TokenBody).access_token;
}

export interface TypedError {
  type: string;
  message: string;
  element: string | null;
  nested: unknown[];
}

/** Asserts Octorate's typed error body and status; returns the body. */
export async function expectTyped(res: Response, status: number, type: string): Promise<TypedError> {
  const text = await res.text();
  expect({ status: res.status, text }).toMatchObject({ status });
  const body = JSON.parse(text) as TypedError;
  expect(Object.keys(body)).toEqual(['type', 'message', 'element', 'nested']);
  expect(body.type).toBe(type);
  expect(body.nested).toEqual([]);
  return body;
}
