// manifest.refreshes: once the access token has expired at the provider, the next run refreshes it before calling the API.
import { connectUntilExpired, lines, manifestCheck, PLATFORM_LIMIT, providerCalls, useToken, type ManifestCheck } from '../judge.ts';
import type { ManifestProfile } from '../settings.ts';

export const refreshes = (profile: ManifestProfile): ManifestCheck =>
  manifestCheck({
    id: 'manifest.refreshes',
    title: 'refreshes the token before the API refuses it as expired',
    rule: 'The platform refreshes only when the saved answer had expires_in and that time has passed (no margin), merging the refresh answer into oauth; an expired token gets 401 from the API.',
    requires: ['manifest.uses-token'],
    diagnostics: 'run',
    async run(t) {
      const since = await connectUntilExpired(t, profile);
      if (since === undefined) return;
      const outcome = await useToken(t, profile);
      const calls = providerCalls(t, since);
      const refreshCalls = calls.filter((e) => profile.tokenCall(e) === 'refresh');
      const expired = calls.filter((e) => profile.isApiCall(e) && e.credential?.expired);
      const saved = t.client.state.oauth ?? {};
      if (refreshCalls.length === 0) {
        const field = profile.hints.expiryField;
        const why = !t.client.loaded.oauth.refresh
          ? 'the manifest has no oauth.refresh, so the platform treats the token as permanent'
          : !('expires_in' in saved)
            ? `${PLATFORM_LIMIT} ${profile.title}’s token answer has no expires_in${field && field in saved ? ` (it says ${field} ${JSON.stringify(saved[field])})` : ''}, and the platform computes the expiry from expires_in only, so it never refreshes`
            : 'the platform did not consider the saved expiry passed';
        t.fail(`after the access token expired, the next run called the API without refreshing: ${why}`, lines(t, calls));
        return;
      }
      const refused = refreshCalls.filter((e) => e.status >= 400);
      if (refused.length > 0) {
        t.fail(`the refresh was refused: ${refused[0]!.status}${refused[0]!.error ? ` ${refused[0]!.error}` : ''}`, lines(t, calls));
        return;
      }
      if (expired.length > 0) t.fail(`the API still received the expired token ${expired[0]!.credential!.ref} after the refresh`, lines(t, calls));
      else if (outcome.kind !== 'resolved' || !outcome.value.ok) t.fail(`the run after the refresh failed: ${outcome.kind === 'resolved' ? outcome.value.message : outcome.message}`, lines(t, calls));
    },
  });
