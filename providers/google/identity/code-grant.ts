// grant_type=authorization_code: a single-use code, bound to its client, redirect URI and PKCE challenge, for tokens.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { DoubleError } from '../../../core/errors.ts';
import type { HarnessEnv, ProviderContext } from '../../../core/provider.ts';
import type { GoogleQuirks } from '../quirks.ts';
import { issueAccess, issueRefresh, tokenResponse } from './grants.ts';
import { authenticate, checkKnown, type TokenParams } from './params.ts';
import { looksLikeCode } from './token-values.ts';

const KNOWN = ['grant_type', 'code', 'redirect_uri', 'client_id', 'client_secret', 'code_verifier'] as const;

/** DOC (chiefonboarding.md): a reused or unknown code is 400 invalid_grant "Bad Request". */
const badCode = (): DoubleError => new DoubleError('invalid_grant', 'Bad Request', { field: 'code' });

export async function exchangeCode(ctx: ProviderContext<GoogleQuirks>, c: Context<HarnessEnv>, fields: TokenParams): Promise<Response> {
  checkKnown(ctx, fields, KNOWN);
  const client = authenticate(ctx, c, fields);
  const value = fields.get('code') ?? '';
  if (!value) throw new DoubleError('invalid_request', 'Missing required parameter: code', { field: 'code' });
  // INF: a value that is not shaped like a Google code at all (often one percent-encoded twice: `4%2F0A…`).
  if (!looksLikeCode(value)) throw new DoubleError('invalid_grant', 'Malformed auth code.', { field: 'code' });
  const redirectUri = fields.get('redirect_uri');
  if (!redirectUri) throw new DoubleError('invalid_request', 'Missing parameter: redirect_uri', { field: 'redirect_uri' });

  const now = ctx.clock.now();
  const code = ctx.codes.find(value);
  if (!code || code.provider !== 'google' || code.clientId !== client.clientId) {
    const dropped = ctx.codes.dropped(value)?.message;
    throw dropped ? new DoubleError('invalid_grant', dropped, { field: 'code' }) : badCode();
  }
  if (code.usedAt !== null) {
    // RFC 6749 §4.1.2: a code presented twice is refused, and (quirk revokeOnCodeReuse) what it bought is revoked.
    if (ctx.quirks.revokeOnCodeReuse) for (const value of code.tokenIds) revokeByValue(ctx, value, now);
    throw badCode();
  }
  if (now >= code.expiresAt) throw badCode();
  // DOC (chiefonboarding.md): the redirect URI must be the authorisation request's, exactly.
  if (redirectUri !== code.redirectUri) throw new DoubleError('invalid_grant', 'Bad Request', { field: 'redirect_uri', providerType: 'redirect_uri_mismatch' });
  checkVerifier(code.codeChallenge, code.subject['codeChallengeMethod'] ?? '', fields.get('code_verifier'));

  code.usedAt = now;
  const grant = { client, sub: code.subject['sub'] ?? '', scopes: (code.subject['scope'] ?? '').split(' ').filter(Boolean), family: code.subject['family'] ?? '' };
  const refresh = code.subject['refresh'] ? issueRefresh(ctx, grant) : undefined;
  const access = issueAccess(ctx, grant);
  // The values, not the ids: they are what the store finds tokens by.
  code.tokenIds.push(access.value, ...(refresh ? [refresh.value] : []));
  return tokenResponse(ctx, c, grant, { access, refresh, nonce: code.subject['nonce'] || undefined });
}

function revokeByValue(ctx: ProviderContext<GoogleQuirks>, value: string, now: number): void {
  const token = ctx.tokens.find(value);
  if (token) ctx.tokens.revoke(token, now);
}

/** RFC 7636 §4.6; DOC: Google's texts "Missing code verifier." and "Invalid code verifier.". */
function checkVerifier(challenge: string | null, method: string, verifier: string | undefined): void {
  if (challenge === null) {
    // RFC 9700 §2.1.1: a verifier without a challenge is refused, so PKCE cannot be downgraded.
    if (verifier !== undefined) throw new DoubleError('invalid_grant', 'code_verifier sent, but the authorisation request had no code_challenge.', { field: 'code_verifier' });
    return;
  }
  if (!verifier) throw new DoubleError('invalid_grant', 'Missing code verifier.', { field: 'code_verifier' });
  const computed = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  if (computed !== challenge) throw new DoubleError('invalid_grant', 'Invalid code verifier.', { field: 'code_verifier' });
}
