// Ochno Operated for manifests: the code flow on operated.ochno.com, token fields in the form body only, the hubs API.
import { approveAuthorization, AUTHORIZE_PATH, OCHNO_HOST, TOKEN_PATH } from '../../../providers/ochno/public.ts';
import { withCallback, type ManifestProfile } from '../settings.ts';

export const ochnoProfile: ManifestProfile = {
  provider: 'ochno',
  title: 'Ochno',
  environment: 'production',
  hints: {
    title: 'Ochno',
    exchangeGrantType: 'authorization_code',
    refreshGrantType: 'refresh_token',
  },
  application: (harness) => withCallback(harness, harness.credentials('ochno', 'production')),
  authorizePage: `https://${OCHNO_HOST}${AUTHORIZE_PATH}`,
  approve: (harness, url) => approveAuthorization(harness, { url }),
  probe: { url: `https://${OCHNO_HOST}/api/hubs/v1`, method: 'GET', headers: { Authorization: 'Bearer {{ oauth.access_token }}' } },
  isApiCall: (e) => e.provider === 'ochno' && e.path.startsWith('/api/'),
  tokenCall(e) {
    if (e.path !== TOKEN_PATH) return undefined;
    const grant = e.body.kind === 'form' ? e.body.fields['grant_type'] : undefined;
    return grant === 'refresh_token' ? 'refresh' : grant === 'client_credentials' ? undefined : 'exchange';
  },
  exchangeLimit: (e) =>
    'code' in e.query
      ? 'cannot pass on ChiefOnboarding: the platform appends the code to the access_token URL (there is no {{ code }} for the body), and Ochno’s token endpoint takes its parameters from the form body only, refusing any in the query string.'
      : undefined,
};
