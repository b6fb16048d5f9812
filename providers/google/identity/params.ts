// The token endpoint's parameters, from the query string and the form body alike, and client authentication.
import type { Context } from 'hono';
import type { ClientRecord } from '../../../core/clients.ts';
import { readCredential } from '../../../core/credential.ts';
import { DoubleError } from '../../../core/errors.ts';
import { FORM_CONTENT_TYPE, mediaType } from '../../../core/form.ts';
import type { HarnessEnv, ProviderContext } from '../../../core/provider.ts';
import { authenticateClient, findClient } from '../clients.ts';
import type { GoogleQuirks } from '../quirks.ts';

type Ctx = ProviderContext<GoogleQuirks>;
export type TokenParams = ReadonlyMap<string, string>;

const invalid = (message: string, field?: string): DoubleError => new DoubleError('invalid_request', message, field ? { field } : {});

/**
 * INF (chiefonboarding.md, seed 002): Google reads parameters from the POST's query string as well as from
 * the form body — the platform's Google example sends everything in the query, with the code appended raw.
 * Each parameter at most once across both (RFC 6749 §3.2; UNK for Google, the stricter reading).
 */
export function tokenParams(ctx: Ctx, c: Context<HarnessEnv>, who: string): TokenParams {
  const fields = new Map<string, string>();
  const add = (key: string, value: string): void => {
    if (fields.has(key)) throw invalid(`Parameter ${key} was sent more than once (query string and body count together).`, key);
    fields.set(key, value);
  };
  const realUrl = c.get('realUrl');
  if (realUrl.includes('?')) for (const [key, value] of new URL(realUrl).searchParams) add(key, value);
  const body = c.get('bodyText');
  if (body !== '') {
    const type = mediaType(c.req.header('content-type'));
    if (type === FORM_CONTENT_TYPE) {
      for (const [key, value] of new URLSearchParams(body)) add(key, value);
    } else if (type === 'application/json' && ctx.quirks.acceptJsonTokenBody) {
      for (const [key, value] of Object.entries(jsonObject(body))) add(key, value);
    } else {
      throw new DoubleError(
        'invalid_request',
        `${who} takes an ${FORM_CONTENT_TYPE} body (or query parameters); the request had ${type ? `Content-Type ${type}` : 'no Content-Type'}.`,
        { field: 'Content-Type' },
      );
    }
  }
  return fields;
}

function jsonObject(text: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('The JSON body could not be parsed.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid('The JSON body must be an object.');
  const out: Record<string, string> = Object.create(null);
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string') throw invalid(`Parameter ${key} must be a string.`, key);
    out[key] = value;
  }
  return out;
}

/** Refuses parameters outside `allowed` when the `rejectUnknownTokenFields` quirk is on. */
export function checkKnown(ctx: Ctx, fields: TokenParams, allowed: readonly string[]): void {
  if (!ctx.quirks.rejectUnknownTokenFields) return;
  const unknown = [...fields.keys()].filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw invalid(`Parameter not allowed for this message type: ${unknown[0]}`, unknown[0]);
}

const formDecode = (text: string): string => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
};

/**
 * DOC (discovery: client_secret_post and client_secret_basic): the client's id and secret in the parameters,
 * or in HTTP Basic (RFC 6749 §2.3.1, form-encoded before base64). Google's texts for each failure.
 */
export function authenticate(ctx: Ctx, c: Context<HarnessEnv>, fields: TokenParams): ClientRecord {
  const credential = readCredential(c.req.header('authorization'));
  let clientId = fields.get('client_id') ?? '';
  let secret = fields.get('client_secret') ?? '';
  if (credential.scheme === 'basic') {
    const user = formDecode(credential.user);
    // RFC 6749 §2.3: one authentication method per request (UNK for Google; the stricter reading).
    if (fields.has('client_secret')) throw invalid('The client authenticated twice: HTTP Basic and client_secret in the parameters. Use one.', 'client_secret');
    if (clientId && clientId !== user) throw invalid('client_id differs from the HTTP Basic user name.', 'client_id');
    clientId = user;
    secret = formDecode(credential.password);
  } else if (credential.scheme === 'malformed') {
    throw new DoubleError('invalid_client', credential.reason, { field: 'Authorization' });
  }
  if (!clientId) throw invalid('Could not determine client ID from request.', 'client_id');
  if (!findClient(ctx, clientId)) throw new DoubleError('invalid_client', 'The OAuth client was not found.', { field: 'client_id' });
  if (!secret) throw invalid('client_secret is missing.', 'client_secret');
  const client = authenticateClient(ctx, clientId, secret);
  // Scenario `invalid-credentials`: the secret was reset in the Cloud Console, whatever the client sends.
  if (!client || ctx.scenarios.consume('google', 'invalid-credentials') !== undefined) {
    throw new DoubleError('invalid_client', 'Unauthorized', { field: 'client_secret' });
  }
  return client;
}
