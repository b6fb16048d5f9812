// The JSON body of /identity/token, /refresh and /apilogin: the tutorial shape, or a scenario's variant of it.
import type { ProviderContext } from '../../../core/provider.ts';
import type { TokenRecord } from '../../../core/state/tokens.ts';
import { isoMillis, javaZoned } from '../data/dates.ts';
import type { OctorateQuirks } from '../quirks.ts';

export function tokenResponseBody(ctx: ProviderContext<OctorateQuirks>, access: TokenRecord, refresh?: TokenRecord): Record<string, unknown> {
  const expiresAt = access.expiresAt ?? ctx.clock.now();
  // INF strong (octorate.md): expireDate "in the wild" carries Java's zone suffix; scenario `expireDate-with-zone-suffix`.
  const expireDate = ctx.scenarios.consume('octorate', 'expireDate-with-zone-suffix') !== undefined ? javaZoned(expiresAt) : isoMillis(expiresAt);
  const refreshPart = refresh ? { refresh_token: refresh.value } : {};
  if (ctx.scenarios.consume('octorate', 'token-response-with-expires-in') !== undefined) {
    // DOC conflict (OpenAPI `OAuthToken2`): adds expires_in, token_type and a camelCase accessToken; expireDate stays (deprecated).
    return {
      access_token: access.value,
      accessToken: access.value,
      ...refreshPart,
      expires_in: Math.max(0, Math.round((expiresAt - ctx.clock.now()) / 1000)),
      token_type: 'Bearer',
      expireDate,
    };
  }
  // DOC (tutorial): exactly {access_token, refresh_token, expireDate} — no expires_in, no token_type.
  return { access_token: access.value, ...refreshPart, expireDate };
}
