// octorate.identity-form: the code exchange and apilogin are POST forms of the documented fields, the secret form-encoded, nothing in the URL.
import { mediaType } from '../../../core/form.ts';
import type { JournalEntry } from '../../../core/journal.ts';
import { authorizeAndCallback, hotelProperty } from '../hotelier.ts';
import {
  answered,
  anyIdentityCalls,
  configuration,
  fingerprint,
  formFields,
  identityCallOf,
  identityCalls,
  lines,
  reservations,
  type IdentityCall,
  type OctorateCheck,
  type OctorateContext,
} from '../judge.ts';

const FORM = 'application/x-www-form-urlencoded';

/** DOC (seed 003, octorate.md): the fields of each identity call; INF: refresh tolerates grant_type=refresh_token. */
const FIELDS: Record<IdentityCall, { required: string[]; optional: string[] }> = {
  token: { required: ['client_id', 'client_secret', 'redirect_uri', 'grant_type', 'code'], optional: ['code_challenge'] },
  refresh: { required: ['client_id', 'client_secret', 'refresh_token'], optional: ['notes', 'grant_type'] },
  apilogin: { required: ['client_id', 'client_secret'], optional: [] },
};

const quoted = (names: string[]): string => names.map((n) => `"${n}"`).join(', ');

/** What is wrong with one identity call, each cause in Octorate's terms. */
export function identityFormProblems(t: OctorateContext, entry: JournalEntry): string[] {
  const call = identityCallOf(entry)!;
  const name = `/identity/${call}`;
  if (entry.method !== 'POST') return [`sent ${entry.method} to ${name}; Octorate's identity calls take only POST (${answered(entry)})`];
  const sent = formFields(entry);
  if (call === 'token' && ('refresh_token' in sent || sent.grant_type === 'refresh_token')) {
    return [
      `sent a refresh (refresh_token${sent.grant_type ? `, grant_type=${String(sent.grant_type)}` : ''}) to /identity/token (${answered(entry)}); /identity/token only exchanges a code — renew a property token with POST /identity/refresh and client_id, client_secret, refresh_token`,
    ];
  }
  const out: string[] = [];
  const inQuery = Object.keys(entry.query);
  if (inQuery.length > 0) {
    out.push(`put ${quoted(inQuery)} in the query string of POST ${name}; Octorate reads identity params only from an ${FORM} body, and a client_secret in a URL ends up in logs (${answered(entry)})`);
  }
  const type = mediaType(entry.contentType);
  if (type !== FORM) {
    if (entry.body.kind === 'empty' && inQuery.length > 0) return out;
    const sent = type === 'application/json' ? 'a JSON body' : type === '' ? 'a body without Content-Type' : `a ${type} body`;
    out.push(`sent ${sent} to ${name}; Octorate's identity calls take only ${FORM} form params — "Check the headers and params type!" (${answered(entry)})`);
    return out;
  }
  const { required, optional } = FIELDS[call];
  const fields = formFields(entry);
  const names = Object.keys(fields);
  const repeated = names.filter((n) => Array.isArray(fields[n]));
  const missing = required.filter((n) => !names.includes(n) || fields[n] === '');
  const extra = names.filter((n) => !required.includes(n) && !optional.includes(n));
  const secret = typeof fields.client_secret === 'string' ? fields.client_secret : undefined;
  const expected = fingerprint(t, t.settings.clientSecret);
  // What a body built by string concatenation carries: the secret's '+' read back as a space.
  const unencoded = new URLSearchParams(`client_secret=${t.settings.clientSecret}`).get('client_secret') ?? '';
  const mangled = secret !== undefined && secret !== expected && secret === fingerprint(t, unencoded);

  if (mangled) {
    out.push(
      `put the client_secret into the ${name} form without encoding it: the application secret holds '+', '/' and '=', so Octorate read the '+' as a space — a different secret (${answered(entry)}); build the body with URLSearchParams (the tutorial uses --data-urlencode)`,
    );
  }
  if (extra.length > 0) out.push(`sent field(s) ${quoted(extra)} to ${name}; Octorate documents exactly ${quoted([...required, ...optional])} (${answered(entry)})`);
  if (repeated.length > 0) out.push(`sent ${quoted(repeated)} more than once to ${name}; Octorate refuses repeated params (${answered(entry)})`);
  if (missing.length > 0) {
    const basic = entry.credential?.scheme === 'Basic' ? ' (the credentials went in an Authorization: Basic header instead)' : '';
    out.push(`left out ${quoted(missing)} from ${name}${basic}; Octorate needs ${quoted(required)} as form params (${answered(entry)})`);
  }
  if (typeof fields.client_id === 'string' && fields.client_id !== '' && fields.client_id !== t.settings.clientId) {
    out.push(`sent client_id "${fields.client_id}" to ${name}, not the application's "${t.settings.clientId}" (${answered(entry)})`);
  }
  if (!mangled && secret !== undefined && secret !== '' && secret !== expected) {
    out.push(`sent a client_secret to ${name} that is not the application's secret (${answered(entry)})`);
  }
  return out;
}

export const identityForm: OctorateCheck = {
  id: 'octorate.identity-form',
  title: 'sends /identity/token and /identity/apilogin as POST forms of the documented fields, the secret encoded',
  rule: 'Octorate’s identity calls (/identity/token, /identity/apilogin; /identity/refresh in octorate.refresh-form) take POST application/x-www-form-urlencoded form params only, never JSON or the query string (seed 003: “Check the headers and params type!”).',
  async run(t) {
    // Connect, a property call and an API-operations call: /identity/token and /identity/apilogin. The refresh has a
    // check of its own (octorate.refresh-form), so a refresh-only bug does not block the checks that need no refresh.
    const connected = await authorizeAndCallback(t, 'connecting the hotelier’s property');
    if (!connected) return;
    await reservations(t, hotelProperty(t));
    await configuration(t);

    if (identityCalls(t, 'token').length === 0) {
      const ended = connected.outcome.kind === 'resolved' ? '' : ` (handleCallback ended: ${connected.outcome.message})`;
      t.fail(`never exchanged the code at ${t.settings.tokenUrl} after the hotelier granted access${ended}`, lines(t, t.journal({ provider: 'octorate' })));
      return;
    }
    const byCause = new Map<string, JournalEntry[]>();
    for (const entry of anyIdentityCalls(t)) {
      for (const cause of identityFormProblems(t, entry)) byCause.set(cause, [...(byCause.get(cause) ?? []), entry]);
    }
    for (const [cause, entries] of byCause) t.fail(cause, lines(t, entries));
  },
};
