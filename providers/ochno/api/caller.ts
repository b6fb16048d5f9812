// Who calls the API: the Bearer token checked (RFC 6750 §2.1, §3), its environment, and the scope the call needs.
import type { Context } from 'hono';
import { readCredential } from '../../../core/credential.ts';
import { DoubleError } from '../../../core/errors.ts';
import type { HarnessEnv, HostDefinition, ProviderContext } from '../../../core/provider.ts';
import type { TokenRecord } from '../../../core/state/tokens.ts';
import { hostOf } from '../hosts.ts';
import type { OchnoQuirks } from '../quirks.ts';

export interface Caller {
  token: TokenRecord;
  accountId: string;
  userId: string;
}

/**
 * RFC 6750 §3 (ochno.md "Unknown": the default): 401 with a `WWW-Authenticate: Bearer` challenge for a
 * missing, malformed, unknown, expired, revoked or other-environment token; 403 insufficient_scope when the
 * token lacks the scope (ochno.md table, INF). `scopes`: any one of them is enough.
 */
export function authorizeBearer(ctx: ProviderContext<OchnoQuirks>, host: HostDefinition, c: Context<HarnessEnv>, scopes: readonly string[]): Caller {
  const credential = readCredential(c.req.header('authorization'));
  if (credential.scheme === 'none' || credential.scheme === 'basic' || credential.scheme === 'other') {
    const sent = credential.scheme === 'none' ? 'no Authorization header' : `a ${credential.scheme === 'basic' ? 'Basic' : credential.name} credential`;
    throw new DoubleError('missing_token', `This call needs "Authorization: Bearer <access_token>"; the request had ${sent}.`);
  }
  if (credential.scheme === 'malformed') throw new DoubleError('invalid_request', credential.reason, { challenge: 'bearer', field: 'Authorization' });
  const token = ctx.tokens.find(credential.token);
  if (!token || token.provider !== 'ochno' || token.kind !== 'access') {
    throw new DoubleError('invalid_token', token?.kind === 'refresh' ? 'That is a refresh token; send the access_token.' : 'The access token is not one Ochno issued.');
  }
  if (token.environment !== host.environment) {
    throw new DoubleError('wrong_environment', `The access token was issued by ${hostOf(token.environment)}, not ${host.host}; each environment has its own integrations and tokens.`);
  }
  const now = ctx.clock.now();
  // Scenario `access-token-expired`: the token expired early (the provider's clock, a restart…); it stays expired.
  if (ctx.scenarios.consume('ochno', 'access-token-expired') !== undefined && token.expiresAt !== null && token.expiresAt > now) token.expiresAt = now;
  const status = ctx.tokens.status(token, now);
  if (status !== 'valid') throw new DoubleError('invalid_token', `The access token is ${status}.`);
  const lost = ctx.scenarios.params<{ scope: string }>('ochno', 'scope-missing')?.scope;
  const held = token.scopes.filter((s) => s !== lost);
  if (scopes.length > 0 && !scopes.some((s) => held.includes(s))) {
    const why = lost !== undefined && token.scopes.includes(lost) && scopes.includes(lost) ? ` (the integration lost the scope "${lost}")` : '';
    throw new DoubleError('insufficient_scope', `This call needs the scope ${scopes.join(' or ')}; the token has ${held.join(' ') || 'none'}${why}.`);
  }
  return { token, accountId: token.subject['accountId'] ?? '', userId: token.subject['userId'] ?? '' };
}
