// octorate.state-csrf: the client makes a fresh state per authorisation and refuses a callback whose state it did not issue or already used.
import { approve, attackerProperty, callback, forgedCallback, startAuthorization } from '../hotelier.ts';
import { answer, evidenceSince, fingerprint, formFields, identityCalls, judgeOperation, CONNECT, type OctorateCheck, type OctorateContext } from '../judge.ts';

/** Shorter states are noted: 128 bits of randomness take at least 22 base64url characters. */
const SHORT_STATE = 16;

/** /identity/token calls after `since` that carried this code. */
const exchangesOf = (t: OctorateContext, code: string, since: number) =>
  identityCalls(t, 'token', since).filter((e) => formFields(e).code === fingerprint(t, code));

export const stateCsrf: OctorateCheck = {
  id: 'octorate.state-csrf',
  title: 'makes a fresh state per authorisation and refuses a callback with a forged, missing or used state before exchanging its code',
  rule: 'Octorate hands state back unchanged in the redirect; only the client can tell its own callback from one an attacker (or a reloaded page) sends, and a code it exchanges is spent (RFC 6749 §10.12, RFC 9700 §4.7).',
  requires: CONNECT,
  async run(t) {
    // Two authorisations started (two tabs): each URL carries its own state.
    const first = await startAuthorization(t, 'the first authorisation URL');
    const second = await startAuthorization(t, 'the second authorisation URL');
    if (!first || !second) return;
    const missing = [first, second].filter((a) => !a.state);
    if (missing.length > 0) {
      t.fail(
        'authorizationUrl() returned a URL without a state; make a fresh, unguessable state for every authorisation and check it on the callback (RFC 6749 §10.12)',
        [`authorizationUrl() → ${missing[0]!.url}`],
      );
      return;
    }
    if (first.state === second.state) {
      t.fail(
        `used the same state ${JSON.stringify(first.state)} in two authorisation URLs; make a fresh, unguessable state for every authorisation (RFC 6749 §10.12) — a fixed one cannot tell the hotelier’s own callback from a forged or replayed one`,
        [`authorizationUrl() → ${first.url}`, `authorizationUrl() → ${second.url}`],
      );
    } else if (Math.min(first.state!.length, second.state!.length) < SHORT_STATE) {
      t.note(`the state has only ${Math.min(first.state!.length, second.state!.length)} characters; use at least 128 random bits`);
    }

    // The hotelier grants access through the second URL: the client connects.
    const approval = await approve(t, second, 'the hotelier granting access');
    if (!approval) return;
    const genuine = await callback(t, approval.callbackUrl);
    if (!judgeOperation(t, genuine, 'the hotelier’s own callback', approval.since)) return;

    // The same callback again (the hotelier reloads the page): the state is spent, the code must not be sent again.
    let since = t.mark();
    const replay = await callback(t, approval.callbackUrl);
    const again = exchangesOf(t, approval.code, since);
    if (again.length > 0) {
      t.fail(
        `exchanged the code again when the same callback arrived a second time (the hotelier reloaded the page): Octorate refused the spent code (${answer(again[0]!)}) and revoked the tokens issued from it — a state is single use: refuse a callback whose state was already used`,
        evidenceSince(t, approval.since),
      );
    } else if (replay.kind === 'resolved') {
      t.note('accepted a replayed callback without exchanging its code again; rejecting it tells the hotelier the page was stale');
    }

    // An attacker sends the hotelier's browser to the callback with the attacker's own code.
    for (const variant of ['forged', 'missing'] as const) {
      const forged = await forgedCallback(t, variant);
      since = t.mark();
      const outcome = await callback(t, forged.callbackUrl);
      const exchanged = exchangesOf(t, forged.code, since);
      const came = variant === 'forged' ? 'with a state the client never issued' : 'without a state';
      if (exchanged.length > 0) {
        t.fail(
          `exchanged an attacker’s code that arrived ${came} (Octorate answered ${answer(exchanged[0]!)}): the tokens connect the attacker’s property ${attackerProperty(t)} to this hotelier’s account (CSRF, RFC 6749 §10.12) — refuse a callback unless its state is one the client issued and has not used, before calling /identity/token`,
          evidenceSince(t, since),
        );
      } else if (outcome.kind === 'resolved') {
        t.note(`accepted a callback ${came} without exchanging its code; reject it so the hotelier learns the connection failed`);
      }
    }
  },
};
