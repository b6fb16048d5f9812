// oneio.receiver-bearer-json: receiver calls are POST …/api/v2 with Authorization: Bearer and a JSON body, and arrive as given.
import { isDeepStrictEqual } from 'node:util';
import { mediaType } from '../../../core/form.ts';
import type { JournalEntry } from '../../../core/journal.ts';
import { bogusBearer as commonBogusBearer } from '../../common/text.ts';
import { deliver, fingerprint, judgeDelivery, lines, message, receiverCalls, type OneioCheck, type OneioContext } from '../judge.ts';

function answered(entry: JournalEntry): string {
  return `it answered ${entry.status}${entry.error ? ` ${entry.error}` : ''}`;
}

/** What the Authorization header carried, when it is not a token ONEiO issued. */
export const bogusBearer = (t: OneioContext, entry: JournalEntry): string | undefined => commonBogusBearer(entry, (v) => fingerprint(t, v), 'ONEiO');

function problems(t: OneioContext, entry: JournalEntry): string[] {
  const out: string[] = [];
  if (entry.method !== 'POST') out.push(`sent ${entry.method} to the receiver; ONEiO’s receiver takes POST (${answered(entry)})`);
  if (entry.path !== '/api/v2') {
    const hint = entry.path === '/api' ? ' (…/api is the Basic-auth variant)' : '';
    out.push(`called ${entry.path} instead of the receiver URL it was given, …/api/v2${hint} (${answered(entry)})`);
  }
  const c = entry.credential;
  if (!c) out.push(`called the receiver without an Authorization header; ONEiO /api/v2 needs "Authorization: Bearer <access_token>" (${answered(entry)})`);
  else if (c.scheme === 'Basic') out.push(`sent HTTP Basic credentials to /api/v2; ONEiO’s /api/v2 takes "Authorization: Bearer <access_token>" (${answered(entry)})`);
  else if (c.scheme === 'malformed') out.push(`sent a malformed Authorization header: ${c.ref} (${answered(entry)})`);
  else if (c.scheme !== 'Bearer') out.push(`sent an Authorization header with the scheme "${c.scheme}"; ONEiO /api/v2 takes Bearer (${answered(entry)})`);
  else {
    const bogus = bogusBearer(t, entry);
    if (bogus) out.push(`sent ${bogus} to the receiver (${answered(entry)})`);
  }
  const type = mediaType(entry.contentType);
  if (type !== 'application/json') {
    const hint = type === 'text/plain' ? ' — fetch labels a string body text/plain unless the request sets Content-Type' : '';
    out.push(`sent ${type ? `Content-Type ${type}` : 'no Content-Type'}; ONEiO’s receiver takes application/json (${answered(entry)})${hint}`);
  } else if (entry.body.kind !== 'json') {
    out.push(`sent a body that is not valid JSON under Content-Type application/json (${answered(entry)})`);
  }
  return out;
}

export const receiverBearerJson: OneioCheck = {
  id: 'oneio.receiver-bearer-json',
  title: 'delivers each message as a JSON POST to …/api/v2 with Authorization: Bearer, unchanged and once',
  rule: 'ONEiO’s REST receiver takes POST …/api/v2 with “Authorization: Bearer <token>” and Content-Type application/json (seed 001).',
  requires: ['oneio.token-form'],
  async run(t) {
    const sent = [message(1), message(2)];
    const outcomes = [await deliver(t, sent[0]!)];
    await t.advance(5);
    outcomes.push(await deliver(t, sent[1]!));

    const calls = receiverCalls(t);
    if (calls.length === 0) {
      const ended = outcomes.find((o) => o.kind !== 'resolved');
      t.fail(`never called the receiver at ${t.settings.receiverUrl}${ended ? ` (the delivery ended: ${ended.message})` : ''}`);
      return;
    }
    const byCause = new Map<string, JournalEntry[]>();
    for (const entry of calls) {
      for (const cause of problems(t, entry)) byCause.set(cause, [...(byCause.get(cause) ?? []), entry]);
    }
    for (const [cause, entries] of byCause) t.fail(cause, lines(t, entries));
    if (byCause.size > 0) return;

    sent.forEach((msg, i) => judgeDelivery(t, outcomes[i]!, msg, `message ${i + 1}`));
    for (const arrived of t.harness.inbox('oneio', t.settings.environment)) {
      if (!sent.some((msg) => isDeepStrictEqual(arrived.body, msg))) {
        t.fail(`ONEiO received ${JSON.stringify(arrived.body).slice(0, 120)}, which is not a message the client was asked to deliver; send the message as the JSON body, unchanged`);
      }
    }
  },
};
