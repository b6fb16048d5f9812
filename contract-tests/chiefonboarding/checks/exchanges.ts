// manifest.exchanges: the callback's access_token request is accepted and a usable token is saved.
import { connect, manifestCheck, type ManifestCheck } from '../judge.ts';
import type { ManifestProfile } from '../settings.ts';

export const exchanges = (profile: ManifestProfile): ManifestCheck =>
  manifestCheck({
    id: 'manifest.exchanges',
    title: 'exchanges the code for a token and saves an access_token',
    rule: `The platform appends ?code=… or &code=… to the access_token URL unencoded, sends "data" as a form body, and saves the whole JSON answer as oauth; ${profile.title} must accept that request.`,
    requires: ['manifest.authorises'],
    diagnostics: 'run',
    async run(t) {
      await connect(t, profile);
    },
  });
