// ochno.insufficient-scope: a 403 insufficient_scope is reported at once — not retried, not "fixed" with a new token.
import { integrationHub } from '../user.ts';
import { evidenceSince, hubs, judgeOperation, stateCalls, tokenCalls, BASICS, type OchnoCheck } from '../judge.ts';

export const insufficientScope: OchnoCheck = {
  id: 'ochno.insufficient-scope',
  title: 'reports a 403 insufficient_scope without retrying or renewing the token',
  rule: 'Ochno answers 403 insufficient_scope when the integration lacks a scope (RFC 6750 §3.1); only a change in Ochno (granting the scope) helps — a new token carries the same scopes.',
  requires: BASICS,
  async run(t) {
    if (!judgeOperation(t, await hubs(t), 'reading the hubs')) return;
    t.harness.scenarios.apply('scope-missing', { provider: 'ochno', params: { scope: 'hubs:write' } });
    const hub = integrationHub(t);
    const since = t.mark();
    const outcome = await t.run((client) => client.setActivePort(hub, 2));
    const puts = stateCalls(t, since);
    // Token requests after the first 403 only: a client that asks for a token before every call is token-reuse's business.
    const refusedAt = puts.find((e) => e.status === 403)?.seq ?? Number.POSITIVE_INFINITY;
    const renewals = tokenCalls(t, since).filter((e) => e.seq > refusedAt);
    if (outcome.kind === 'stopped') {
      t.fail(`kept retrying after 403 insufficient_scope (${puts.length} calls, ${renewals.length} token requests until the runner stopped it); report the missing scope — retrying cannot grant it`, evidenceSince(t, since));
    } else if (outcome.kind === 'resolved') {
      t.fail('reported success although Ochno refused the port change with 403 insufficient_scope', evidenceSince(t, since));
    } else if (renewals.length > 0) {
      t.fail(`took 403 insufficient_scope for an expired token and asked the token endpoint again (${renewals.length} time(s)); the token is valid — the integration lacks hubs:write: report it`, evidenceSince(t, since));
    } else if (puts.length > 1) {
      t.fail(`retried the port change ${puts.length - 1} time(s) after 403 insufficient_scope; report the missing scope at once`, evidenceSince(t, since));
    }
  },
};
