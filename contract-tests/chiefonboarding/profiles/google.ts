// Google for manifests: the consent page, the token endpoint (parameters in the query or the form), the Admin Directory as the API the token is for.
import type { JournalEntry } from '../../../core/journal.ts';
import { ACCOUNTS_HOST, ADMIN_HOST, approveAuthorization, AUTHORIZE_PATH, DIRECTORY_USERS_PATH, TOKEN_HOST, TOKEN_PATH } from '../../../providers/google/public.ts';
import { withCallback, type ManifestProfile } from '../settings.ts';

const field = (entry: JournalEntry, name: string): string | undefined => {
  const form = entry.body.kind === 'form' ? entry.body.fields[name] : undefined;
  const value = form ?? entry.query[name];
  return Array.isArray(value) ? value[0] : value;
};

export const googleProfile: ManifestProfile = {
  provider: 'google',
  title: 'Google',
  environment: 'production',
  hints: {
    title: 'Google',
    exchangeGrantType: 'authorization_code',
    refreshGrantType: 'refresh_token',
    // DOC (chiefonboarding.md, Google): a refresh token only with access_type=offline, and again only with prompt=consent.
    refreshTokenAdvice: 'Google returns a refresh_token only when authenticate_url asks for access_type=offline, and on a later consent only with prompt=consent: add both.',
  },
  application: (harness) => withCallback(harness, harness.credentials('google', 'production')),
  authorizePage: `https://${ACCOUNTS_HOST}${AUTHORIZE_PATH}`,
  approve: (harness, url) => approveAuthorization(harness, { url }),
  probe: {
    url: `https://${ADMIN_HOST}${DIRECTORY_USERS_PATH}?customer=my_customer`,
    method: 'GET',
    headers: { Authorization: 'Bearer {{ oauth.access_token }}' },
  },
  isApiCall: (e) => e.provider === 'google' && e.host === ADMIN_HOST,
  tokenCall(e) {
    if (e.host !== TOKEN_HOST || e.path !== TOKEN_PATH) return undefined;
    return field(e, 'grant_type') === 'refresh_token' || field(e, 'refresh_token') !== undefined ? 'refresh' : 'exchange';
  },
};
