// ochno.state-csrf: a fresh state (and PKCE pair) per authorisation; a callback with a forged, missing or spent state is refused before any exchange.
import { createHash, randomBytes } from 'node:crypto';
import { approveAuthorization } from '../../../providers/ochno/public.ts';
import { approve, callback, startAuthorization } from '../user.ts';
import { answered, evidenceSince, fingerprint, formFields, judgeOperation, tokenCalls, CONNECT, type OchnoCheck, type OchnoContext } from '../judge.ts';

const exchangesOf = (t: OchnoContext, code: string, since: number) =>
  tokenCalls(t, since, 'authorization_code').filter((e) => formFields(e).code === fingerprint(t, code));

/** An attacker authorises through this integration with their own state and PKCE pair, and sends the victim to the callback with their code. */
async function forged(t: OchnoContext, state: 'forged' | 'missing'): Promise<{ callbackUrl: string; code: string }> {
  const url = new URL(t.settings.authorizeUrl);
  const verifier = randomBytes(32).toString('base64url');
  url.search = new URLSearchParams({
    client_id: t.settings.clientId,
    redirect_uri: t.settings.redirectUri,
    state: `attacker-${randomBytes(6).toString('hex')}`,
    scope: t.settings.userScopes.join(' '),
    response_type: 'code',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const location = new URL(await approveAuthorization(t.harness, { url: url.toString() }));
  if (state === 'missing') location.searchParams.delete('state');
  return { callbackUrl: location.toString(), code: location.searchParams.get('code') ?? '' };
}

export const stateCsrf: OchnoCheck = {
  id: 'ochno.state-csrf',
  title: 'makes a fresh state per authorisation and refuses a callback with a forged, missing or spent state before exchanging its code',
  rule: 'Ochno hands state back unchanged; only the client can tell its own callback from a forged or replayed one (RFC 6749 §10.12, RFC 9700 §4.7).',
  requires: CONNECT,
  async run(t) {
    const first = await startAuthorization(t, 'the first authorisation URL');
    const second = await startAuthorization(t, 'the second authorisation URL');
    if (!first || !second) return;
    const a = first.params.get('state');
    const b = second.params.get('state');
    if (!a || !b) {
      t.fail('authorizationUrl() returned a URL without a state; make a fresh, unguessable state per authorisation and check it on the callback (RFC 6749 §10.12)', [`authorizationUrl() → ${(a ? second : first).url}`]);
      return;
    }
    if (a === b) {
      t.fail(`used the same state ${JSON.stringify(a)} in two authorisation URLs; make a fresh, unguessable state per authorisation`, [`authorizationUrl() → ${first.url}`, `authorizationUrl() → ${second.url}`]);
    }
    if (first.params.get('code_challenge') === second.params.get('code_challenge')) {
      t.fail('used the same code_challenge in two authorisation URLs; make a fresh PKCE verifier per authorisation (RFC 7636 §4.1)', [`authorizationUrl() → ${first.url}`, `authorizationUrl() → ${second.url}`]);
    }
    const approval = await approve(t, second, 'the user allowing access');
    if (!approval) return;
    if (!judgeOperation(t, await callback(t, approval.callbackUrl), 'the user’s own callback', approval.since)) return;

    let since = t.mark();
    await callback(t, approval.callbackUrl);
    const again = exchangesOf(t, approval.code, since);
    if (again.length > 0) {
      t.fail(
        `exchanged the code again when the same callback arrived twice (the user reloaded the page; ${answered(again[0]!)}, and the tokens issued from it are revoked): a state is single use — refuse a callback whose state was already used`,
        evidenceSince(t, approval.since),
      );
    }
    for (const variant of ['forged', 'missing'] as const) {
      const attack = await forged(t, variant);
      since = t.mark();
      await callback(t, attack.callbackUrl);
      const exchanged = exchangesOf(t, attack.code, since);
      if (exchanged.length > 0) {
        t.fail(
          `sent an attacker’s code to the token endpoint when it arrived ${variant === 'forged' ? 'with a state the client never issued' : 'without a state'} (${answered(exchanged[0]!)}): refuse a callback unless its state is one the client issued and has not used, before calling Ochno (CSRF, RFC 6749 §10.12)`,
          evidenceSince(t, since),
        );
      }
    }
  },
};
