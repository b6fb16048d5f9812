// octorate.refresh-form: the renewal of a property token is a POST form of client_id, client_secret and refresh_token to /identity/refresh.
import type { JournalEntry } from '../../../core/journal.ts';
import { connectAndRead } from '../hotelier.ts';
import { anyIdentityCalls, BASICS, formFields, identityCallOf, lines, quirks, reservations, type OctorateCheck } from '../judge.ts';
import { identityFormProblems } from './identity-form.ts';

export const refreshForm: OctorateCheck = {
  id: 'octorate.refresh-form',
  title: 'renews the property token with a POST form of client_id, client_secret and refresh_token to /identity/refresh',
  rule: 'Octorate’s /identity/refresh takes POST application/x-www-form-urlencoded client_id, client_secret and refresh_token (notes and grant_type=refresh_token tolerated) — never JSON or the query string; /identity/token only exchanges codes (seed 003).',
  requires: BASICS,
  async run(t) {
    const connected = await connectAndRead(t, 'right after connecting');
    if (!connected) return;
    await t.advance(quirks(t).accessTokenLifetimeSeconds + 1);
    const since = t.mark();
    await reservations(t, connected.propertyId);
    // The renewal: every refresh, and a refresh sent to /identity/token by mistake. (Exchanging the old code again
    // is judged by octorate.refresh-token.)
    const renewals = anyIdentityCalls(t, since).filter((e) => {
      const call = identityCallOf(e);
      return call === 'refresh' || (call === 'token' && !('code' in formFields(e)));
    });
    const byCause = new Map<string, JournalEntry[]>();
    for (const entry of renewals) {
      for (const cause of identityFormProblems(t, entry)) byCause.set(cause, [...(byCause.get(cause) ?? []), entry]);
    }
    for (const [cause, entries] of byCause) t.fail(cause, lines(t, entries));
  },
};
