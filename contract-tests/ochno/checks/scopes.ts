// ochno.scopes: the client-credentials request asks for the scopes the client needs, space-separated, and nothing more.
import { integrationHub } from '../user.ts';
import { answered, formFields, hubs, judgeOperation, lines, tokenCalls, type OchnoCheck } from '../judge.ts';

export const scopes: OchnoCheck = {
  id: 'ochno.scopes',
  title: 'asks for exactly the scopes it needs, space-separated',
  rule: 'Ochno’s scope is "a space separated string" (seed 000); a comma- or plus-joined list is refused with invalid_scope, and an integration asks only for what it uses.',
  requires: ['ochno.token-form'],
  async run(t) {
    const outcome = await hubs(t);
    const calls = tokenCalls(t, 0, 'client_credentials');
    for (const call of calls) {
      const raw = String(formFields(call).scope ?? '');
      if (raw === '') {
        t.fail(`sent the client-credentials request without a scope (${answered(call)}); send scope="${t.settings.scopes.join(' ')}"`, lines(t, [call]));
        return;
      }
      if (/[,+;]/.test(raw) || call.error === 'invalid_scope') {
        t.fail(
          `sent scope "${raw}" (${answered(call)}): Ochno wants the scopes separated by single spaces — "${t.settings.scopes.join(' ')}" — not commas or plus signs`,
          lines(t, [call]),
        );
        return;
      }
      const asked = raw.split(' ').filter(Boolean);
      const extra = asked.filter((s) => !t.settings.scopes.includes(s));
      if (extra.length > 0) {
        t.fail(
          `asked for ${extra.map((s) => `"${s}"`).join(', ')} besides what it needs (${t.settings.scopes.join(' ')}): an integration granted fewer scopes is refused with invalid_scope — ask only for the scopes the client uses`,
          lines(t, [call]),
        );
        return;
      }
    }
    if (!judgeOperation(t, outcome, 'reading the hubs', 0)) return;
    const since = t.mark();
    const hub = integrationHub(t);
    judgeOperation(t, await t.run((client) => client.setActivePort(hub, 1)), 'switching a hub’s active port (needs hubs:write)', since);
  },
};
