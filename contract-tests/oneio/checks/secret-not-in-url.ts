// oneio.secret-not-in-url: no client secret or token ever appears in a URL the client requests.
import type { JournalEntry } from '../../../core/journal.ts';
import { isSecretName } from '../../../core/redact.ts';
import { deliverThroughAnHour, lines, type OneioCheck } from '../judge.ts';

function cause(entry: JournalEntry): string {
  const keys = Object.keys(entry.query).filter(isSecretName);
  const where = `${entry.method} ${entry.url.split('?')[0]}`;
  if (keys.length === 0) return `put the client secret into the URL of ${where}; ONEiO takes it only in the form body of the token request — URLs end up in proxy, server and browser logs`;
  const names = keys.map((k) => `?${k}=`).join(', ');
  if (entry.surface === 'receiver') {
    return `put a secret in the query of ${where} (${names}); ONEiO takes the access token only in "Authorization: Bearer" (RFC 6750 §2.3: tokens in URLs leak into logs)`;
  }
  return `put a secret in the query of ${where} (${names}); ONEiO takes client_secret only in the form body — URLs end up in proxy and server logs (RFC 9700)`;
}

export const secretNotInUrl: OneioCheck = {
  id: 'oneio.secret-not-in-url',
  title: 'never puts the client secret or a token in a URL',
  rule: 'ONEiO takes client_secret in the token request’s form body and the token in the Authorization header (seed 001; RFC 6750 §2.3, RFC 9700).',
  async run(t) {
    await deliverThroughAnHour(t);
    const leaks = t.journal({ provider: 'oneio' }).filter((e) => e.secretInUrl);
    const byCause = new Map<string, JournalEntry[]>();
    for (const entry of leaks) byCause.set(cause(entry), [...(byCause.get(cause(entry)) ?? []), entry]);
    for (const [text, entries] of byCause) t.fail(text, lines(t, entries));
  },
};
