// octorate.grant-type-code: the code exchange says grant_type=code — literally "code", not RFC 6749's authorization_code.
import type { JournalEntry } from '../../../core/journal.ts';
import { authorizeAndCallback } from '../hotelier.ts';
import { answered, formFields, identityCalls, lines, type OctorateCheck } from '../judge.ts';

export const grantTypeCode: OctorateCheck = {
  id: 'octorate.grant-type-code',
  title: 'exchanges the code with grant_type=code',
  rule: 'Octorate’s /identity/token takes grant_type=code — literally “code”, not authorization_code — and refuses anything else with 400 ApiParamsExemption (seed 003).',
  requires: ['octorate.identity-form'],
  async run(t) {
    const connected = await authorizeAndCallback(t, 'connecting the hotelier’s property');
    if (!connected) return;
    const calls = identityCalls(t, 'token');
    if (calls.length === 0) {
      const ended = connected.outcome.kind === 'resolved' ? '' : ` (handleCallback ended: ${connected.outcome.message})`;
      t.fail(`never exchanged the code at ${t.settings.tokenUrl} after the hotelier granted access${ended}`, lines(t, t.journal({ provider: 'octorate' })));
      return;
    }
    const byValue = new Map<string, JournalEntry[]>();
    for (const entry of calls) {
      const value = formFields(entry).grant_type;
      if (value === 'code') continue;
      const key = value === undefined ? '' : String(value);
      byValue.set(key, [...(byValue.get(key) ?? []), entry]);
    }
    for (const [value, entries] of byValue) {
      const sent = value === '' ? 'sent no grant_type' : `sent grant_type=${value}`;
      const hint = value === 'authorization_code' ? ' — literally "code", not RFC 6749’s "authorization_code"' : '';
      t.fail(`${sent} to /identity/token; Octorate wants grant_type=code (${answered(entries[0]!)})${hint}`, lines(t, entries));
    }
  },
};
