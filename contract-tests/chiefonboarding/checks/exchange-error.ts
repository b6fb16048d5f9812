// manifest.exchange-error: a refused code exchange is shown to the admin, not saved as the token.
import { authorise, callback, lines, manifestCheck, providerCalls, type ManifestCheck } from '../judge.ts';
import type { ManifestProfile } from '../settings.ts';

export const exchangeError = (profile: ManifestProfile): ManifestCheck =>
  manifestCheck({
    id: 'manifest.exchange-error',
    title: 'never saves an error answer from the token endpoint as the token',
    rule: 'The platform treats any status as success unless the request lists status_code, and then saves the body as oauth and shows the integration as connected.',
    requires: ['manifest.exchanges'],
    diagnostics: 'run',
    async run(t) {
      if (t.client.loaded.oauth.without_code) {
        t.note('without_code is set: the exchange cannot be made to fail with a bad code');
        return;
      }
      const authorised = await authorise(t, profile);
      if (!authorised) return;
      // A code the provider never issued: what a reloaded or tampered callback brings.
      const url = new URL(authorised.callbackUrl);
      url.searchParams.set('code', `${url.searchParams.get('code') ?? ''}-not-issued`);
      const since = t.mark();
      const outcome = await callback(t, url.toString());
      const exchange = providerCalls(t, since).filter((e) => profile.tokenCall(e) === 'exchange');
      const state = t.client.state;
      if (outcome.kind === 'resolved' && state.enabled) {
        const status = exchange[0]?.status;
        t.fail(
          `${profile.title} refused a bad code${status ? ` with ${status}${exchange[0]!.error ? ` ${exchange[0]!.error}` : ''}` : ''}, and the platform saved the error body as the token (saved keys: ${Object.keys(state.oauth ?? {}).join(', ')}) and showed the integration as connected: add "status_code": [200] to oauth.access_token`,
          lines(t, providerCalls(t, since)),
        );
      }
    },
  });
