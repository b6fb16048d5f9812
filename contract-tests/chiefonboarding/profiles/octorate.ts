// Octorate for manifests: its authorisation page, grant_type=code, expireDate instead of expires_in, identity params in the form body only.
import { approveAuthorization, AUTHORIZE_PATH, OCTORATE_ADMIN_HOST, OCTORATE_API_HOST, API_PREFIX } from '../../../providers/octorate/index.ts';
import { world } from '../../../providers/octorate/data/world.ts';
import type { Harness } from '../../../core/harness.ts';
import { withCallback, type ManifestProfile } from '../settings.ts';

const IDENTITY = `${API_PREFIX}/v1/identity/`;

/** The first PRODUCTION property: what the hotelier grants, and what `{{ PROPERTY_ID }}` names. */
function property(harness: Harness): string {
  const p = world(harness.context('octorate')).properties.find((x) => x.environment === 'production');
  if (!p) throw new Error('The Octorate world has no production property.');
  return p.accommodation.id;
}

export const octorateProfile: ManifestProfile = {
  provider: 'octorate',
  title: 'Octorate',
  environment: 'production',
  hints: {
    title: 'Octorate',
    // DOC (seed 003): literally "code".
    exchangeGrantType: 'code',
    // DOC: Octorate's token answers carry expireDate, no expires_in.
    expiryField: 'expireDate',
  },
  application: (harness) => withCallback(harness, harness.credentials('octorate', 'production')),
  values: (harness) => ({ PROPERTY_ID: property(harness) }),
  authorizePage: `https://${OCTORATE_ADMIN_HOST}${AUTHORIZE_PATH}`,
  async approve(harness, authorizeUrl) {
    const url = new URL(authorizeUrl);
    const state = url.searchParams.get('state');
    return approveAuthorization(harness, {
      clientId: url.searchParams.get('client_id') ?? '',
      redirectUri: url.searchParams.get('redirect_uri') ?? '',
      ...(state !== null ? { state } : {}),
      propertyId: property(harness),
    });
  },
  probe: {
    url: `https://${OCTORATE_API_HOST}${API_PREFIX}/v1/reservation/{{ PROPERTY_ID }}`,
    method: 'GET',
    headers: { Authorization: 'Bearer {{ oauth.access_token }}' },
  },
  isApiCall: (e) => e.provider === 'octorate' && e.surface === 'api' && !e.path.includes('/identity/'),
  tokenCall: (e) => (e.path === `${IDENTITY}token` ? 'exchange' : e.path === `${IDENTITY}refresh` ? 'refresh' : undefined),
  exchangeLimit: (e) =>
    'code' in e.query
      ? 'cannot pass on ChiefOnboarding: the platform appends the code to the access_token URL (there is no {{ code }} for the body), and Octorate reads identity parameters from the form body only (seed 003: "Check the headers and params type!").'
      : undefined,
};
