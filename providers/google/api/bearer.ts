// The access token of an API call (RFC 6750 §2.1 header, or Google's `access_token` query parameter) and the scopes it carries.
import type { Context } from 'hono';
import { readCredential } from '../../../core/credential.ts';
import { DoubleError } from '../../../core/errors.ts';
import type { HarnessEnv, ProviderContext } from '../../../core/provider.ts';
import type { TokenRecord } from '../../../core/state/tokens.ts';

/** DOC (Google API errors): the messages of 401s. */
const MISSING = 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
const INVALID = 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

export interface BearerTexts {
  missing: string;
  invalid: string;
  /** The OAuth `error` a host answers these with, where it has its own (userinfo); the API error object otherwise. */
  oauthError?: string;
}

export const API_TEXTS: BearerTexts = { missing: MISSING, invalid: INVALID };

export function bearerToken(ctx: ProviderContext<any>, c: Context<HarnessEnv>, texts: BearerTexts = API_TEXTS): TokenRecord {
  const credential = readCredential(c.req.header('authorization'));
  let value: string | undefined;
  if (credential.scheme === 'bearer') value = credential.token;
  else if (credential.scheme === 'malformed') throw new DoubleError('invalid_token', texts.invalid, { field: 'Authorization', providerType: texts.oauthError });
  else if (credential.scheme === 'none') value = new URL(c.get('realUrl')).searchParams.get('access_token') ?? undefined;
  if (!value) throw new DoubleError('missing_token', texts.missing, { field: 'Authorization', providerType: texts.oauthError });
  const token = ctx.tokens.find(value);
  if (!token || token.provider !== 'google' || token.kind !== 'access' || ctx.tokens.status(token, ctx.clock.now()) !== 'valid') {
    // A token the harness had to drop for room says so instead of Google's generic text.
    const dropped = token ? undefined : ctx.tokens.dropped(value, 'google')?.message;
    throw new DoubleError('invalid_token', dropped ?? texts.invalid, { field: 'Authorization', providerType: texts.oauthError });
  }
  return token;
}
