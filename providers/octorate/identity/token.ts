// POST /rest/v1/identity/token: exchanges a single-use authorisation code (grant_type=code) for a property token pair.
import type { Context } from 'hono';
import { DoubleError } from '../../../core/errors.ts';
import { field } from '../../../core/form.ts';
import type { ProviderContext } from '../../../core/provider.ts';
import type { ApiEnv } from '../api/caller.ts';
import { rejection } from '../errors.ts';
import { issuePropertyAccess, issueRefresh } from './grants.ts';
import { authenticatedApplication, identityForm } from './request.ts';
import type { OctorateQuirks } from '../quirks.ts';
import { tokenResponseBody } from './token-response.ts';

/** DOC: all five required. `code_challenge` appears in the OpenAPI description only (optional; accepted, not checked). */
const REQUIRED = ['client_id', 'client_secret', 'redirect_uri', 'grant_type', 'code'] as const;
const OPTIONAL = ['code_challenge'] as const;

export async function exchangeCode(ctx: ProviderContext<OctorateQuirks>, c: Context<ApiEnv>): Promise<Response> {
  const fields = identityForm(ctx, c, '/identity/token', REQUIRED, OPTIONAL);
  const grantType = field(fields, 'grant_type');
  if (grantType !== 'code') {
    // DOC: "grant_type=code (literally code, not authorization_code)".
    const hint = grantType === 'authorization_code' ? ' Octorate wants grant_type=code (literally "code"), not the RFC 6749 value authorization_code.' : '';
    throw new DoubleError('unsupported_grant_type', `Unsupported grant_type "${grantType}".${hint}`, { field: 'grant_type' });
  }
  const client = authenticatedApplication(ctx, fields);
  const refuse = (message: string, element = 'code'): never => {
    throw new DoubleError('invalid_grant', message, rejection(ctx.quirks.rejectedCode, element));
  };

  const now = ctx.clock.now();
  const code = ctx.codes.find(field(fields, 'code'));
  if (!code || code.provider !== 'octorate' || code.clientId !== client.clientId) {
    refuse(ctx.codes.dropped(field(fields, 'code'))?.message ?? 'The code is not valid for this application.');
  }
  const record = code!;
  if (record.usedAt !== null) {
    // RFC 6749 §4.1.2: a code presented twice is refused and the tokens issued from it are revoked.
    const family = record.subject['family'];
    if (family) ctx.tokens.revokeFamily(family, now);
    refuse('The code was already used; the tokens issued from it are now revoked.');
  }
  // DOC: exchange "in maximum one minute" (quirk codeLifetimeSeconds). Scenario `code-too-late`: every code is past it.
  if (now >= record.expiresAt || ctx.scenarios.consume('octorate', 'code-too-late') !== undefined) {
    refuse(`The code expired: it must be exchanged within ${ctx.quirks.codeLifetimeSeconds} seconds of the redirect.`);
  }
  // DOC: redirect_uri "the same as in step 1"; exact string comparison.
  if (field(fields, 'redirect_uri') !== record.redirectUri) refuse('redirect_uri does not match the one of the authorisation request.', 'redirect_uri');

  record.usedAt = now;
  const grant = { grant: 'property' as const, propertyId: record.subject['propertyId'] ?? '', userId: record.subject['userId'] ?? '' };
  const refresh = issueRefresh(ctx, client, grant);
  const access = issuePropertyAccess(ctx, client, grant, refresh.family!);
  record.subject['family'] = refresh.family!;
  record.tokenIds.push(refresh.id, access.id);
  return c.json(tokenResponseBody(ctx, access, refresh), 200, { 'cache-control': 'no-store', pragma: 'no-cache' });
}
