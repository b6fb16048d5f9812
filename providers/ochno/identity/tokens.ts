// Issuing Ochno token pairs (access + rotating refresh) and the JSON body of the token endpoint.
import type { ClientRecord } from '../../../core/clients.ts';
import type { ProviderContext } from '../../../core/provider.ts';
import { opaqueToken } from '../../../core/random.ts';
import type { TokenRecord } from '../../../core/state/tokens.ts';
import type { OchnoQuirks } from '../quirks.ts';

type Ctx = ProviderContext<OchnoQuirks>;

/** What a grant gives access to, kept on every token of its family. */
export interface GrantSubject extends Record<string, string> {
  grant: 'client_credentials' | 'authorization_code';
  accountId: string;
  userId: string;
}

export interface TokenPair {
  access: TokenRecord;
  refresh: TokenRecord;
}

/** A new access token and refresh token of one family (RFC 9700 §4.14: reuse of a spent refresh token revokes the family). */
export function issuePair(ctx: Ctx, client: ClientRecord, scopes: string[], subject: GrantSubject, family?: string): TokenPair {
  const now = ctx.clock.now();
  const base = { provider: 'ochno', environment: client.environment, clientId: client.clientId, scopes, issuedAt: now, subject: { ...subject } };
  const fam = family ?? `ochno-family-${opaqueToken(ctx.random, 12)}`;
  const access = ctx.tokens.issue({ ...base, value: opaqueToken(ctx.random, 48), kind: 'access', expiresAt: now + ctx.quirks.accessTokenLifetimeSeconds * 1000, family: fam });
  const refresh = ctx.tokens.issue({ ...base, value: opaqueToken(ctx.random, 64), kind: 'refresh', expiresAt: now + ctx.quirks.refreshTokenLifetimeSeconds * 1000, family: fam });
  return { access, refresh };
}

/**
 * DOC/INF strong (ochno.md "Token"): access_token and refresh_token at the top level. UNK expiry field
 * (quirk `expiryField`): `expires_in` seconds by default, `access_expires_in` as a date string (which Ochno's
 * own demo guards against), or none; scenario `expiry-as-date-string` writes the date string whatever the quirk.
 */
export function tokenBody(ctx: Ctx, pair: TokenPair): Record<string, unknown> {
  const now = ctx.clock.now();
  const expiresAt = pair.access.expiresAt ?? now;
  const field = ctx.scenarios.consume('ochno', 'expiry-as-date-string') !== undefined ? 'access_expires_in' : ctx.quirks.expiryField;
  const expiry =
    field === 'access_expires_in'
      ? { access_expires_in: new Date(expiresAt).toISOString() }
      : field === 'none'
        ? {}
        : { expires_in: Math.max(0, Math.round((expiresAt - now) / 1000)) };
  return {
    access_token: pair.access.value,
    refresh_token: pair.refresh.value,
    token_type: 'Bearer',
    ...expiry,
    scope: pair.access.scopes.join(' '),
  };
}

/** RFC 6749 §5.1: token responses are not cached. */
export const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' } as const;
