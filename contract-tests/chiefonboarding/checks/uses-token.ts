// manifest.uses-token: the execute steps (or a probe call when there are none) reach the provider's API with the saved token, and it accepts them.
import { connect, lines, manifestCheck, providerCalls, refusedApiCalls, useToken, type ManifestCheck } from '../judge.ts';
import type { ManifestProfile } from '../settings.ts';

export const usesToken = (profile: ManifestProfile): ManifestCheck =>
  manifestCheck({
    id: 'manifest.uses-token',
    title: 'calls the provider’s API with the saved token, and the API accepts it',
    rule: `${profile.title}’s API answers 401 to a missing, unknown or expired token; {{ oauth.access_token }} is the saved token's field.`,
    requires: ['manifest.exchanges'],
    diagnostics: 'run',
    async run(t) {
      if (!(await connect(t, profile))) return;
      const since = t.mark();
      const outcome = await useToken(t, profile);
      const api = providerCalls(t, since).filter((e) => profile.isApiCall(e));
      if (outcome.kind !== 'resolved') {
        t.fail(`the execute run did not finish: ${outcome.kind === 'rejected' ? outcome.message : outcome.message}`, lines(t, providerCalls(t, since)));
        return;
      }
      if (!t.client.loaded.manifest.execute?.length) t.note(`the manifest has no execute steps; the suite called ${profile.probe.method ?? 'POST'} ${profile.probe.url} with {{ oauth.access_token }} instead`);
      if (api.length === 0) {
        t.fail(`no request reached ${profile.title}’s API (${outcome.value.message ?? 'the steps called other hosts'})`, lines(t, providerCalls(t, since)));
        return;
      }
      const refused = refusedApiCalls(t, profile, since);
      if (refused.length > 0) {
        const first = refused[0]!;
        const how = !first.credential ? 'with no Authorization header' : first.credential.ref === 'unknown' ? 'with a token it never issued' : `with ${first.credential.scheme} ${first.credential.ref}`;
        t.fail(`${profile.title}’s API refused the call ${how}: ${first.status}${first.error ? ` ${first.error}` : ''}`, lines(t, api));
      }
    },
  });
