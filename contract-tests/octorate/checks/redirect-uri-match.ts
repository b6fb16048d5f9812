// octorate.redirect-uri-match: the redirect_uri of the code exchange is the very string of the authorisation URL.
import { authorizeAndCallback } from '../hotelier.ts';
import { answered, formFields, identityCalls, lines, type OctorateCheck } from '../judge.ts';

/** A redirect URI as reports show it: a query (which may hold a code) is elided. */
const shown = (uri: string): string => JSON.stringify(uri.includes('?') ? `${uri.slice(0, uri.indexOf('?'))}?…` : uri);

export const redirectUriMatch: OctorateCheck = {
  id: 'octorate.redirect-uri-match',
  title: 'sends the same redirect_uri to /identity/token as in the authorisation URL',
  rule: 'Octorate binds the code to the redirect_uri of the authorisation request and compares the one of /identity/token with it exactly (“the same as in step 1”, seed 003; RFC 6749 §4.1.3).',
  requires: ['octorate.identity-form'],
  async run(t) {
    const connected = await authorizeAndCallback(t, 'connecting the hotelier’s property');
    if (!connected) return;
    const calls = identityCalls(t, 'token', connected.since);
    if (calls.length === 0) {
      const ended = connected.outcome.kind === 'resolved' ? '' : ` (handleCallback ended: ${connected.outcome.message})`;
      t.fail(`never exchanged the code at ${t.settings.tokenUrl} after the hotelier granted access${ended}`, lines(t, t.journal({ provider: 'octorate' })));
      return;
    }
    const asked = connected.auth.redirectUri;
    const bySent = new Map<string, typeof calls>();
    for (const entry of calls) {
      const sent = formFields(entry).redirect_uri;
      if (typeof sent !== 'string' || sent === '' || sent === asked) continue;
      bySent.set(sent, [...(bySent.get(sent) ?? []), entry]);
    }
    for (const [sent, entries] of bySent) {
      t.fail(
        `sent redirect_uri ${shown(sent)} to /identity/token, but the authorisation URL had ${shown(asked)}; Octorate compares the two exactly (${answered(entries[0]!)}) — send the configured redirect URI in both steps, never one rebuilt from the incoming request`,
        lines(t, t.journal({ provider: 'octorate', since: connected.since })),
      );
    }
  },
};
