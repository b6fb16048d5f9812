// octorate.token-kinds: API operations (GET /api/configuration) use the apilogin token; property calls (GET /reservation/{id}) the property token.
import type { JournalEntry } from '../../../core/journal.ts';
import type { Outcome } from '../../types.ts';
import { connect } from '../hotelier.ts';
import {
  answered,
  configuration,
  configurationCalls,
  evidenceSince,
  identityCalls,
  judgeOperation,
  lines,
  propertyCalls,
  reservations,
  tokenKind,
  CONNECT,
  type OctorateCheck,
  type OctorateContext,
} from '../judge.ts';

const FROM = { property: 'the property token (from /identity/token or /identity/refresh)', apilogin: 'the API-operations token (from /identity/apilogin)' };

function sentWith(t: OctorateContext, entry: JournalEntry): string {
  const kind = tokenKind(t, entry);
  if (kind === 'property' || kind === 'apilogin') return FROM[kind];
  if (kind === 'none') return 'no Authorization header';
  if (kind === 'refresh') return 'the refresh token as a Bearer token';
  return entry.credential?.scheme === 'Bearer' ? 'a Bearer token Octorate never issued' : `an Authorization: ${entry.credential?.scheme} header`;
}

export const tokenKinds: OctorateCheck = {
  id: 'octorate.token-kinds',
  title: 'uses the apilogin token for API operations and the property token for property calls',
  rule: 'Octorate has two tokens: /identity/apilogin’s “ApiOperations” token for the application’s own calls (/api/configuration, creating properties) and the “OAuthLogin” property token for the granted property; the wrong one gets 403 ApiSecurityException (octorate.md §4).',
  requires: CONNECT,
  async run(t) {
    const connected = await connect(t);
    if (!connected) return;
    const since = t.mark();
    const outcomes: Array<[string, Outcome]> = [];
    for (let round = 1; round <= 2; round++) {
      if (round > 1) await t.advance(60);
      outcomes.push([`configuration() (round ${round})`, await configuration(t)]);
      outcomes.push([`reservations(${connected.propertyId}) (round ${round})`, await reservations(t, connected.propertyId)]);
    }

    const byCause = new Map<string, JournalEntry[]>();
    const add = (cause: string, entry: JournalEntry): void => {
      byCause.set(cause, [...(byCause.get(cause) ?? []), entry]);
    };
    const config = configurationCalls(t, since);
    const property = propertyCalls(t, since);
    for (const entry of config) {
      if (tokenKind(t, entry) === 'apilogin') continue;
      add(`called GET /api/configuration with ${sentWith(t, entry)}; API operations take the API-operations token from /identity/apilogin (${answered(entry)})`, entry);
    }
    for (const entry of property) {
      if (tokenKind(t, entry) === 'property') continue;
      add(`called GET /reservation/{id} with ${sentWith(t, entry)}; property calls take the property token from /identity/token or /identity/refresh (${answered(entry)})`, entry);
    }
    for (const [cause, entries] of byCause) t.fail(cause, lines(t, entries));
    const ended = (outcome: Outcome): string => (outcome.kind === 'resolved' ? 'resolved' : outcome.message);
    if (config.length === 0) t.fail(`never called GET /api/configuration (configuration() ended: ${ended(outcomes[0]![1])})`, evidenceSince(t, since));
    if (property.length === 0) t.fail(`never called GET /reservation/{id} (reservations() ended: ${ended(outcomes[1]![1])})`, evidenceSince(t, since));
    if (t.failures.length > 0) return;
    for (const [what, outcome] of outcomes) judgeOperation(t, outcome, what, since);
    const logins = identityCalls(t, 'apilogin', since).length;
    if (logins > 1) t.note(`asked /identity/apilogin for ${logins} tokens within a minute; the API-operations token is good until its expireDate — keep it`);
  },
};
