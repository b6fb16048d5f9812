// manifest.authorises: authenticate_url leads to the provider's page, which accepts it and sends the browser back to {{ redirect_url }} with a code.
import { authorise, manifestCheck, type ManifestCheck } from '../judge.ts';
import type { ManifestProfile } from '../settings.ts';

export const authorises = (profile: ManifestProfile): ManifestCheck =>
  manifestCheck({
    id: 'manifest.authorises',
    title: 'sends the user to the provider’s authorisation page, which accepts the request and redirects back',
    rule: `${profile.title}’s authorisation page (${profile.authorizePage}) refuses an unknown client_id or a redirect_uri that is not registered, and redirects to the redirect URI with a code.`,
    diagnostics: 'run',
    async run(t) {
      const authorised = await authorise(t, profile);
      if (!authorised) return;
      const back = new URL(authorised.callbackUrl);
      if (back.searchParams.get('error')) t.fail(`${profile.title} redirected back with error=${back.searchParams.get('error')}`, [authorised.callbackUrl]);
      else if (!back.searchParams.get('code') && !t.client.loaded.oauth.without_code) t.fail(`${profile.title} redirected back without a code, and without_code is not set`, [authorised.callbackUrl]);
    },
  });
