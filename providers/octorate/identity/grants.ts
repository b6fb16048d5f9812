// Issuing Octorate tokens: property tokens (code and refresh, scheme "OAuthLogin") and API-operations tokens (apilogin).
import type { ClientRecord } from '../../../core/clients.ts';
import type { ProviderContext } from '../../../core/provider.ts';
import type { IssueToken, TokenRecord } from '../../../core/state/tokens.ts';
import type { OctorateQuirks } from '../quirks.ts';
import { accessTokenValue, refreshTokenValue } from './token-values.ts';

/** What a token gives access to; kept in TokenRecord.subject. */
export type Grant = { grant: 'property'; propertyId: string; userId: string } | { grant: 'apilogin' };

export const grantOf = (token: TokenRecord): Grant =>
  token.subject['grant'] === 'property'
    ? { grant: 'property', propertyId: token.subject['propertyId'] ?? '', userId: token.subject['userId'] ?? '' }
    : { grant: 'apilogin' };

type Ctx = ProviderContext<OctorateQuirks>;

/** An access token of the client's, good for `lifetimeSeconds` from now; `family` only for property tokens. */
function issueAccess(ctx: Ctx, client: ClientRecord, lifetimeSeconds: number, fields: Pick<IssueToken, 'family' | 'subject'>): TokenRecord {
  const now = ctx.clock.now();
  return ctx.tokens.issue({
    value: accessTokenValue(ctx.random),
    kind: 'access',
    provider: 'octorate',
    environment: client.environment,
    clientId: client.clientId,
    issuedAt: now,
    expiresAt: now + lifetimeSeconds * 1000,
    ...fields,
  });
}

/** A property access token. `family` ties it to its refresh token so that revocation reaches every token of a grant. */
export function issuePropertyAccess(ctx: Ctx, client: ClientRecord, grant: Grant & { grant: 'property' }, family: string): TokenRecord {
  return issueAccess(ctx, client, ctx.quirks.accessTokenLifetimeSeconds, { family, subject: { ...grant } });
}

/** DOC: "The refresh token does not expire" — expiresAt null; only revocation ends it. */
export function issueRefresh(ctx: Ctx, client: ClientRecord, grant: Grant & { grant: 'property' }, family?: string): TokenRecord {
  const value = refreshTokenValue(ctx.random);
  return ctx.tokens.issue({
    value,
    kind: 'refresh',
    provider: 'octorate',
    environment: client.environment,
    clientId: client.clientId,
    issuedAt: ctx.clock.now(),
    expiresAt: null,
    family: family ?? `octorate-grant-${ctx.random.string.alphanumeric(12)}`,
    subject: { ...grant },
  });
}

/** DOC (octorate.md §4): the ApiOperations token of /identity/apilogin; no refresh token, no family. */
export function issueApiLogin(ctx: Ctx, client: ClientRecord): TokenRecord {
  return issueAccess(ctx, client, ctx.quirks.apiLoginTokenLifetimeSeconds, { subject: { grant: 'apilogin' } });
}
