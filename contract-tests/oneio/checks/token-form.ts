// oneio.token-form: the token request is a POST form with exactly grant_type, client_id and client_secret.
import type { JournalEntry } from '../../../core/journal.ts';
import { mediaType } from '../../../core/form.ts';
import { deliver, fingerprint, lines, message, tokenCalls, type OneioCheck, type OneioContext } from '../judge.ts';

const FIELDS = ['grant_type', 'client_id', 'client_secret'];
const FORM = 'application/x-www-form-urlencoded';
const quoted = (names: string[]): string => names.map((n) => `"${n}"`).join(', ');

function answered(entry: JournalEntry): string {
  return `it answered ${entry.status}${entry.error ? ` ${entry.error}` : ''}`;
}

/** What is wrong with one token request, each cause in ONEiO's terms. */
function problems(t: OneioContext, entry: JournalEntry): string[] {
  const out: string[] = [];
  if (entry.method !== 'POST') {
    return [`sent ${entry.method} to the token endpoint; ONEiO's token resource takes only POST (${answered(entry)})`];
  }
  const type = mediaType(entry.contentType);
  if (type !== FORM) {
    const sent = type === 'application/json' ? 'a JSON body' : type === '' ? 'a body without Content-Type' : `a ${type} body`;
    return [`sent ${sent} to the token endpoint; ONEiO accepts only ${FORM} (${answered(entry)})`];
  }
  const fields = entry.body.kind === 'form' ? entry.body.fields : {};
  const names = Object.keys(fields);
  const repeated = names.filter((n) => Array.isArray(fields[n]));
  const missing = FIELDS.filter((n) => !names.includes(n) || fields[n] === '');
  const extra = names.filter((n) => !FIELDS.includes(n));
  const secret = fields.client_secret;
  const secretSent = typeof secret === 'string' ? secret : undefined;
  const expected = fingerprint(t, t.settings.clientSecret);
  // What a body built by string concatenation carries when the password holds '+', '&' or '='.
  const unencoded = new URLSearchParams(`client_secret=${t.settings.clientSecret}`).get('client_secret') ?? '';
  const mangled = secretSent !== undefined && secretSent !== expected && secretSent === fingerprint(t, unencoded);

  if (mangled) {
    out.push(
      `put the client_secret into the form body without encoding it: the endpoint password holds '+', '&' and '=', so ONEiO read a different secret${extra.length ? ` and ${extra.length} stray field(s) cut from it` : ''} (${answered(entry)}); build the body with URLSearchParams`,
    );
  } else if (extra.length > 0) {
    out.push(`sent extra field(s) ${quoted(extra)}; ONEiO takes exactly grant_type, client_id and client_secret and refuses anything else (${answered(entry)})`);
  }
  if (repeated.length > 0) out.push(`sent ${quoted(repeated)} more than once; ONEiO refuses repeated fields (RFC 6749 §3.2) (${answered(entry)})`);
  if (missing.length > 0) {
    const basic = entry.credential?.scheme === 'Basic' ? ' (the credentials went in an Authorization: Basic header instead)' : '';
    out.push(`left out ${quoted(missing)}${basic}; ONEiO needs exactly grant_type, client_id and client_secret in the form body (${answered(entry)})`);
  } else if (entry.credential) {
    out.push(`also sent an Authorization: ${entry.credential.scheme} header; ONEiO takes the credentials as form fields only, and RFC 6749 §2.3 allows one client authentication method per request`);
  }
  if (typeof fields.grant_type === 'string' && fields.grant_type !== '' && fields.grant_type !== 'client_credentials') {
    out.push(`sent grant_type=${fields.grant_type}; ONEiO accepts only grant_type=client_credentials (${answered(entry)})`);
  }
  if (typeof fields.client_id === 'string' && fields.client_id !== '' && fields.client_id !== t.settings.clientId) {
    out.push(`sent client_id "${fields.client_id}", not the endpoint user's username "${t.settings.clientId}" (${answered(entry)})`);
  }
  if (!mangled && secretSent !== undefined && secretSent !== '' && secretSent !== expected) {
    out.push(`sent a client_secret that is not the endpoint user's password (${answered(entry)})`);
  }
  if (out.length === 0 && entry.status !== 200) out.push(`ONEiO refused the token request (${answered(entry)})`);
  return out;
}

export const tokenForm: OneioCheck = {
  id: 'oneio.token-form',
  title: 'asks for its token with a POST form holding exactly grant_type, client_id and client_secret',
  rule: 'ONEiO’s token resource takes POST application/x-www-form-urlencoded with exactly grant_type=client_credentials, client_id and client_secret (seed 001, “Setup”).',
  async run(t) {
    const outcome = await deliver(t, message(1));
    const calls = tokenCalls(t);
    if (calls.length === 0) {
      const why = outcome.kind === 'resolved' ? '' : ` (the delivery ended: ${outcome.message})`;
      t.fail(`never asked ONEiO for a token at ${t.settings.tokenUrl}; the receiver takes only Bearer tokens from the client-credentials call${why}`);
      return;
    }
    const byCause = new Map<string, JournalEntry[]>();
    for (const entry of calls) {
      for (const cause of problems(t, entry)) byCause.set(cause, [...(byCause.get(cause) ?? []), entry]);
    }
    for (const [cause, entries] of byCause) t.fail(cause, lines(t, entries));
  },
};
