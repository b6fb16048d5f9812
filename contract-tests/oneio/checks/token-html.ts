// oneio.token-html: a 200 token response with an HTML body is an error, never sent on as "Bearer undefined"; the client recovers after.
import { BASICS, deliver, judgeDelivery, lines, message, receiverCalls, tokenCalls, type OneioCheck } from '../judge.ts';
import { bogusBearer } from './receiver-bearer-json.ts';

/** Token requests one delivery may make while the endpoint answers HTML. */
const MAX_TOKEN_REQUESTS = 5;

export const tokenHtml: OneioCheck = {
  id: 'oneio.token-html',
  title: 'treats a 200 token response with an HTML body as an error, never as a token',
  rule: 'A proxy or gateway in front of ONEiO can answer 200 with an HTML page; only a JSON body with access_token is a token (RFC 6749 §5.1).',
  requires: BASICS,
  async run(t) {
    t.harness.scenarios.apply('token-response-html', { provider: 'oneio' });
    let since = t.mark();
    const outcome = await deliver(t, message(1));
    t.harness.scenarios.clear('token-response-html', 'oneio');
    const sent = receiverCalls(t, since);
    const tokens = tokenCalls(t, since);
    const evidence = lines(t, t.journal({ provider: 'oneio', since }));
    if (sent.length > 0) {
      const what = bogusBearer(t, sent[0]!) ?? (sent[0]!.credential ? `a ${sent[0]!.credential.scheme} credential` : 'a call without a token');
      t.fail(
        `sent ${what} to the receiver after ONEiO’s token endpoint answered 200 with an HTML page; a token response that is not JSON with an access_token is an error — report it, do not call the receiver`,
        evidence,
      );
    }
    if (outcome.kind === 'resolved') {
      t.fail('reported the message as delivered although the token endpoint answered HTML and ONEiO accepted nothing (the message is lost)', evidence);
    } else if (outcome.kind === 'stopped') {
      t.fail(`kept asking for a token: ${tokens.length} token requests answered with HTML until the runner stopped it; report the error and bound the retries`, evidence);
    } else if (tokens.length > MAX_TOKEN_REQUESTS) {
      t.fail(`asked for a token ${tokens.length} times for one message while the endpoint answered HTML; bound the retries (at most ${MAX_TOKEN_REQUESTS})`, evidence);
    }
    if (outcome.kind === 'stopped') return;

    // The gateway is fixed: the next message must go through (no failed token cached).
    await t.advance(60);
    since = t.mark();
    judgeDelivery(t, await deliver(t, message(2)), message(2), 'once the token endpoint answered JSON again', since);
  },
};
