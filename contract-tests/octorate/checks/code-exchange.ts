// octorate.code-exchange: the code from the redirect is exchanged at once (within Octorate's minute) and only once; a refused code is reported, not retried.
import { approve, authorizeAndCallback, callback, startAuthorization } from '../hotelier.ts';
import { answer, answered, evidenceSince, fingerprint, formFields, identityCalls, lines, quirks, seconds, type OctorateCheck, type OctorateContext } from '../judge.ts';

/** /identity/token calls after `since` that carried this code. */
const exchangesOf = (t: OctorateContext, code: string, since: number) =>
  identityCalls(t, 'token', since).filter((e) => formFields(e).code === fingerprint(t, code));

export const codeExchange: OctorateCheck = {
  id: 'octorate.code-exchange',
  title: 'exchanges the code from the redirect at once and only once; a refused code is reported, not retried',
  rule: 'Octorate takes a code at /identity/token once, “in maximum one minute” after the redirect (seed 003); a code presented again is refused and the tokens issued from it revoked (RFC 6749 §4.1.2).',
  requires: ['octorate.identity-form', 'octorate.grant-type-code', 'octorate.redirect-uri-match'],
  async run(t) {
    const lifetimeMs = quirks(t).codeLifetimeSeconds * 1000;

    // 1. The hotelier grants access: one exchange of exactly that code, within the minute.
    const first = await authorizeAndCallback(t, 'connecting the hotelier’s property');
    if (!first) return;
    const before = t.failures.length;
    const exchanges = exchangesOf(t, first.code, first.since);
    const evidence = evidenceSince(t, first.since);
    const others = identityCalls(t, 'token', first.since).filter((e) => !exchanges.includes(e));
    if (exchanges.length === 0) {
      const ended = first.outcome.kind === 'resolved' ? '' : ` (handleCallback ended: ${first.outcome.message})`;
      const what = others.length > 0 ? `sent /identity/token a code that is not the one Octorate put in the redirect — pass the code parameter on unchanged` : 'never exchanged the code from the redirect';
      t.fail(`${what}${ended}`, evidence);
    } else {
      const late = exchanges[0]!.at - first.issuedAt;
      if (late >= lifetimeMs) {
        t.fail(
          `exchanged the code ${seconds(late)} after Octorate redirected the hotelier back; Octorate takes a code only within ${seconds(lifetimeMs)} of the redirect (${answered(exchanges[0]!)}) — exchange it server to server while handling the callback, not from a later job`,
          evidence,
        );
      }
      if (exchanges.length > 1) {
        t.fail(
          `exchanged the same code ${exchanges.length} times; a code is single use — Octorate refuses it the second time and revokes the tokens issued from it (${answered(exchanges[1]!)})`,
          lines(t, exchanges),
        );
      }
    }
    if (t.failures.length === before && first.outcome.kind !== 'resolved') {
      t.fail(`connecting the hotelier’s property: handleCallback failed (${first.outcome.message})`, evidence);
    }

    // 2. Octorate refuses the code as expired ("code-too-late"): the client reports it and does not try the code again.
    t.harness.scenarios.apply('code-too-late', { provider: 'octorate' });
    const auth = await startAuthorization(t, 'a code Octorate refuses as expired');
    const approval = auth && (await approve(t, auth, 'a code Octorate refuses as expired'));
    if (!approval) return;
    const outcome = await callback(t, approval.callbackUrl);
    t.harness.scenarios.clear('code-too-late', 'octorate');
    const tries = exchangesOf(t, approval.code, approval.since);
    const shown = evidenceSince(t, approval.since);
    if (outcome.kind === 'stopped') {
      t.fail(
        `kept exchanging a code Octorate had refused as expired: ${tries.length} /identity/token calls until the runner stopped it; a refused code stays refused — report the failure and let the hotelier authorise again`,
        shown,
      );
      return;
    }
    if (tries.length > 1) {
      t.fail(
        `retried a code Octorate had refused: ${tries.length} /identity/token calls with the same code (Octorate answered the first ${answer(tries[0]!)}); a code is single use and lives one minute — report the failure and let the hotelier authorise again`,
        shown,
      );
    }
    if (outcome.kind === 'resolved') {
      const said = tries[0] ? ` (${answered(tries[0])})` : '';
      t.fail(`reported the property as connected although Octorate refused the code${said}; handleCallback must reject when the exchange fails`, shown);
    }
  },
};
