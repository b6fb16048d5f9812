// manifest.refresh-error: a refused refresh stops the run, instead of being merged into the token and retried on every call.
import { connectUntilExpired, lines, manifestCheck, providerCalls, useToken, type ManifestCheck } from '../judge.ts';
import type { ManifestProfile } from '../settings.ts';

export const refreshError = (profile: ManifestProfile): ManifestCheck =>
  manifestCheck({
    id: 'manifest.refresh-error',
    title: 'never merges an error answer from the refresh into the token',
    rule: 'The platform merges the refresh answer into oauth (dict update) unless status_code is listed; an error body has no expires_in, so the expiry stays in the past and every later call refreshes again.',
    requires: ['manifest.refreshes'],
    diagnostics: 'run',
    async run(t) {
      // The user revoked the app's access meanwhile: the refresh token is dead at the provider.
      const since = await connectUntilExpired(t, profile, () => {
        const now = t.harness.clock.now();
        for (const r of t.harness.tokens.list({ provider: t.settings.provider, kind: 'refresh' })) t.harness.tokens.revoke(r, now);
      });
      if (since === undefined) return;
      const before = JSON.stringify(t.client.state.oauth);
      await useToken(t, profile);
      await useToken(t, profile);
      const calls = providerCalls(t, since);
      const refreshCalls = calls.filter((e) => profile.tokenCall(e) === 'refresh');
      // Only refused refreshes happened, so any change to the saved token is the error body merged in.
      if (refreshCalls.some((e) => e.status >= 400) && JSON.stringify(t.client.state.oauth) !== before) {
        t.fail(
          `${profile.title} refused the refresh (${refreshCalls[0]!.status}${refreshCalls[0]!.error ? ` ${refreshCalls[0]!.error}` : ''}) and the platform merged the error into the saved token (now ${Object.keys(t.client.state.oauth ?? {}).join(', ')}); the expiry did not move, so each of the next ${refreshCalls.length} runs refreshed again: add "status_code": [200] to oauth.refresh`,
          lines(t, calls),
        );
      }
    },
  });
