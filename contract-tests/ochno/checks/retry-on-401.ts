// ochno.retry-on-401: a 401 gets one renewal and one retry; when that fails too, the client reports it — no loop.
import { evidenceSince, hubCalls, hubs, judgeOperation, lines, revokeAccess, tokenCalls, BASICS, type OchnoCheck } from '../judge.ts';

export const retryOn401: OchnoCheck = {
  id: 'ochno.retry-on-401',
  title: 'on 401 renews the token once and retries once; reports the failure instead of looping',
  rule: 'Ochno answers 401 invalid_token for a revoked or expired token (RFC 6750 §3.1); a new token cures a revoked one, and when it is refused too retrying cannot help.',
  requires: [...BASICS, 'ochno.token-expiry'],
  async run(t) {
    if (!judgeOperation(t, await hubs(t), 'reading the hubs')) return;
    const refused = new Set(revokeAccess(t, 'client_credentials'));
    let since = t.mark();
    const first = await hubs(t);
    const stale = hubCalls(t, since).filter((e) => e.credential && refused.has(e.credential.ref));
    if (stale.length > 1) {
      t.fail(`sent the refused token again: ${stale.length} calls with an access token Ochno had answered 401 to${first.kind === 'stopped' ? ', until the runner stopped it' : ''}; after a 401, get a new token before retrying`, lines(t, stale));
      return;
    }
    if (first.kind === 'rejected' && tokenCalls(t, since).length === 0) {
      t.fail(`gave up when Ochno answered 401 invalid_token for a revoked token (${first.message}); get a new token once and retry the call once`, evidenceSince(t, since));
      return;
    }
    if (!judgeOperation(t, first, 'reading the hubs after Ochno revoked the token', since)) return;

    let refuseAll = true;
    t.onAnswered((entry) => {
      if (refuseAll && entry.path.endsWith('/token') && entry.status === 200) revokeAccess(t, 'client_credentials');
    });
    revokeAccess(t, 'client_credentials');
    since = t.mark();
    const second = await hubs(t);
    refuseAll = false;
    const calls = hubCalls(t, since);
    const renewals = tokenCalls(t, since);
    if (second.kind === 'stopped') {
      t.fail(`looped on 401: every new token was refused too and the client kept going (${calls.length} calls, ${renewals.length} token requests until the runner stopped it); renew once, retry once, then report the failure`, evidenceSince(t, since));
    } else if (second.kind === 'resolved') {
      t.fail('reported success although Ochno refused every attempt with 401', evidenceSince(t, since));
    } else if (calls.length > 2 || renewals.length > 2) {
      t.fail(`made ${calls.length} API calls and ${renewals.length} token requests for one operation while Ochno refused every token with 401; renew once, retry once, then report the failure`, evidenceSince(t, since));
    }
  },
};
