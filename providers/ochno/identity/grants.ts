// The three grants of POST /identity/oauth/v2/token: client_credentials with scopes, rotating refresh, authorization_code with codeVerifier.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { DoubleError } from '../../../core/errors.ts';
import { field, type FormFields } from '../../../core/form.ts';
import type { HarnessEnv, HostDefinition, ProviderContext } from '../../../core/provider.ts';
import { integrationOf, world } from '../data/world.ts';
import type { OchnoQuirks } from '../quirks.ts';
import { authenticate, checkRedirectUri, expectFields, tokenForm } from './request.ts';
import { parseScope } from './scope.ts';
import { issuePair, NO_STORE, tokenBody, type GrantSubject, type TokenPair } from './tokens.ts';

type Ctx = ProviderContext<OchnoQuirks>;

/** How many revoked families keep the reason they were revoked for. */
const MAX_REVOKED_FAMILIES = 10_000;

export async function tokenEndpoint(ctx: Ctx, host: HostDefinition, c: Context<HarnessEnv>): Promise<Response> {
  const fields = tokenForm(c);
  const grant = field(fields, 'grant_type');
  let pair: TokenPair;
  if (grant === 'client_credentials') pair = clientCredentials(ctx, host, fields);
  else if (grant === 'refresh_token') pair = refresh(ctx, host, fields);
  else if (grant === 'authorization_code') pair = authorizationCode(ctx, host, fields);
  else {
    throw new DoubleError('unsupported_grant_type', `Unsupported grant_type "${grant}"; Ochno takes client_credentials, refresh_token and authorization_code.`, {
      field: 'grant_type',
    });
  }
  return c.json(tokenBody(ctx, pair), 200, NO_STORE);
}

/** DOC (seed 000, step 1): client_id, client_secret, grant_type=client_credentials, scope (space-separated). */
function clientCredentials(ctx: Ctx, host: HostDefinition, fields: FormFields): TokenPair {
  expectFields(fields, 'client_credentials', ['client_id', 'client_secret', 'scope']);
  const client = authenticate(ctx, host, fields);
  const scopes = parseScope(ctx, client, field(fields, 'scope'));
  const { accountId, ownerId } = integrationOf(world(ctx), client.environment, client.clientId);
  return issuePair(ctx, client, scopes, { grant: 'client_credentials', accountId, userId: ownerId });
}

const spentMessage =
  'presenting a spent refresh token again revokes its whole family (RFC 9700 §4.14.2): every access and refresh token of this grant is now revoked. Always use the refresh_token of the latest token response, and let concurrent callers share one refresh';

/**
 * DOC (seed 000, step 3): refresh_token, client_id, client_secret, grant_type=refresh_token **and redirect_uri**.
 * DOC: a new access token and a new refresh token come back. UNK (quirks): the old one is spent at once
 * (`refreshReuseGraceSeconds` 0), and reuse revokes the family.
 */
function refresh(ctx: Ctx, host: HostDefinition, fields: FormFields): TokenPair {
  if (!fields.get('redirect_uri')) {
    throw new DoubleError('invalid_request', 'grant_type=refresh_token needs "redirect_uri" at Ochno (seed 000, step 3 lists it), the integration\'s registered redirect URI.', {
      field: 'redirect_uri',
    });
  }
  expectFields(fields, 'refresh_token', ['refresh_token', 'client_id', 'client_secret', 'redirect_uri']);
  const client = authenticate(ctx, host, fields);
  checkRedirectUri(client, field(fields, 'redirect_uri'));
  const now = ctx.clock.now();
  const w = world(ctx);
  const token = ctx.tokens.find(field(fields, 'refresh_token'));
  if (!token || token.provider !== 'ochno' || token.kind !== 'refresh' || token.clientId !== client.clientId) {
    throw new DoubleError('invalid_grant', 'The refresh token is not one Ochno issued to this integration.', { field: 'refresh_token' });
  }
  if (token.environment !== host.environment) {
    throw new DoubleError('invalid_grant', `The refresh token was issued by ${token.environment === 'stage' ? 'stage.ochno.com' : 'operated.ochno.com'}, not ${host.host}.`, { field: 'refresh_token' });
  }
  const family = token.family ?? '';
  // Scenario `refresh-token-reused`: Ochno sees this refresh token as spent (another copy of the client used it first).
  if (ctx.scenarios.consume('ochno', 'refresh-token-reused') !== undefined && token.revokedAt === null) {
    ctx.tokens.revoke(token, now);
    token.subject['rotatedAt'] = String(now);
  }
  if (token.revokedAt !== null) {
    const rotatedAt = Number(token.subject['rotatedAt'] ?? Number.NaN);
    const reusedFamily = w.revokedFamilies.get(family);
    if (reusedFamily) throw new DoubleError('invalid_grant', `The refresh token was revoked: ${reusedFamily}.`, { field: 'refresh_token' });
    const inGrace = Number.isFinite(rotatedAt) && now - rotatedAt < ctx.quirks.refreshReuseGraceSeconds * 1000;
    if (!inGrace) {
      if (Number.isFinite(rotatedAt)) {
        ctx.tokens.revokeFamily(family, now);
        w.revokedFamilies.set(family, 'a spent refresh token of its family was presented again, so Ochno revoked the whole family; authorise again');
        // Bounded like every store: past the limit the oldest reasons go (their tokens stay revoked, with a shorter message).
        if (w.revokedFamilies.size > MAX_REVOKED_FAMILIES) w.revokedFamilies.delete(w.revokedFamilies.keys().next().value!);
        throw new DoubleError('invalid_grant', `The refresh token was already used (rotated ${Math.round((now - rotatedAt) / 1000)} s ago); ${spentMessage}.`, { field: 'refresh_token' });
      }
      throw new DoubleError('invalid_grant', 'The refresh token was revoked.', { field: 'refresh_token' });
    }
  } else if (ctx.tokens.status(token, now) !== 'valid') {
    throw new DoubleError('invalid_grant', 'The refresh token expired; authorise again.', { field: 'refresh_token' });
  }
  const subject = token.subject as GrantSubject;
  if (!ctx.quirks.rotateRefreshToken) {
    const { access } = issuePair(ctx, client, token.scopes, subject, family);
    return { access, refresh: token };
  }
  if (token.revokedAt === null) {
    ctx.tokens.revoke(token, now);
    token.subject['rotatedAt'] = String(now);
  }
  const pair = issuePair(ctx, client, token.scopes, { grant: subject.grant, accountId: subject.accountId, userId: subject.userId }, family);
  return pair;
}

const UNRESERVED = /^[A-Za-z0-9\-._~]{43,128}$/;

/** RFC 7636 §4.6: S256 compares BASE64URL(SHA256(verifier)) with the challenge; plain compares them as they are. */
function pkceMatches(verifier: string, challenge: string, method: string): boolean {
  if (method === 'plain') return verifier === challenge;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

/**
 * DOC (Ochno's OAuth2 guide): grant_type=authorization_code, code, client_id, client_secret, redirect_uri, and PKCE
 * as camelCase `codeVerifier`. RFC 6749 §4.1.2: single use; a second use revokes what the code issued.
 */
function authorizationCode(ctx: Ctx, host: HostDefinition, fields: FormFields): TokenPair {
  if (fields.has('code_verifier')) {
    throw new DoubleError(
      'invalid_request',
      'Ochno reads the PKCE verifier from the camelCase field "codeVerifier", not "code_verifier" (RFC 7636\'s name): rename the field.',
      { field: 'code_verifier' },
    );
  }
  expectFields(fields, 'authorization_code', ['code', 'client_id', 'client_secret', 'redirect_uri'], ['codeVerifier']);
  const client = authenticate(ctx, host, fields);
  const now = ctx.clock.now();
  const refuse = (message: string, fieldName = 'code'): never => {
    throw new DoubleError('invalid_grant', message, { field: fieldName });
  };
  const code = ctx.codes.find(field(fields, 'code'));
  if (!code || code.provider !== 'ochno' || code.clientId !== client.clientId || code.environment !== host.environment) {
    return refuse('The code is not valid for this integration.');
  }
  if (code.usedAt !== null) {
    const family = code.subject['family'];
    if (family) ctx.tokens.revokeFamily(family, now);
    return refuse('The code was already used; the tokens issued from it are now revoked (RFC 6749 §4.1.2).');
  }
  if (now >= code.expiresAt) refuse(`The code expired: exchange it within ${ctx.quirks.codeLifetimeSeconds} s of the redirect.`);
  if (field(fields, 'redirect_uri') !== code.redirectUri) refuse('redirect_uri does not match the one of the authorisation request (exact match).', 'redirect_uri');
  const verifier = fields.get('codeVerifier');
  if (code.codeChallenge !== null) {
    if (!verifier) refuse('The authorisation used PKCE: send the verifier as "codeVerifier".', 'codeVerifier');
    if (!UNRESERVED.test(verifier!)) refuse('codeVerifier must be 43–128 characters of A–Z a–z 0–9 - . _ ~ (RFC 7636 §4.1).', 'codeVerifier');
    if (!pkceMatches(verifier!, code.codeChallenge, code.subject['codeChallengeMethod'] ?? 'S256')) {
      refuse('codeVerifier does not match the code_challenge of the authorisation request (RFC 7636 §4.6).', 'codeVerifier');
    }
  } else if (verifier) {
    refuse('codeVerifier was sent but the authorisation request had no code_challenge.', 'codeVerifier');
  }
  code.usedAt = now;
  const scopes = (code.subject['scope'] ?? '').split(' ').filter(Boolean);
  const pair = issuePair(ctx, client, scopes, { grant: 'authorization_code', accountId: code.subject['accountId'] ?? '', userId: code.subject['userId'] ?? '' });
  code.subject['family'] = pair.refresh.family!;
  code.tokenIds.push(pair.access.id, pair.refresh.id);
  return pair;
}

