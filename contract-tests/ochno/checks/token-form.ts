// ochno.token-form: the token request is an application/x-www-form-urlencoded body that carries the secret intact.
import { answer, answered, evidenceSince, formFields, hubs, judgeOperation, lines, tokenCalls, type OchnoCheck } from '../judge.ts';

const FORM = 'application/x-www-form-urlencoded';

export const tokenForm: OchnoCheck = {
  id: 'ochno.token-form',
  title: 'sends the token request as an application/x-www-form-urlencoded body, the credentials in it and the secret encoded',
  rule: 'Ochno’s token endpoint takes form fields (seed 000: "Content-Type": "application/x-www-form-urlencoded"; axios turns a plain object into a form body); JSON is refused.',
  async run(t) {
    const outcome = await hubs(t);
    const calls = tokenCalls(t);
    const notForm = calls.filter((e) => (e.contentType ?? '').split(';')[0]!.trim().toLowerCase() !== FORM);
    if (notForm.length > 0) {
      const sent = notForm[0]!.contentType ?? 'no Content-Type';
      t.fail(
        `sent the token request as ${sent} (${answered(notForm[0]!)}); Ochno’s token endpoint takes an ${FORM} body — with axios pass a plain object and the form Content-Type header, with fetch a URLSearchParams body`,
        lines(t, notForm),
      );
      return;
    }
    const refused = calls.filter((e) => e.error === 'invalid_client');
    if (refused.length > 0 && outcome.kind !== 'resolved') {
      t.fail(
        `the client_secret did not survive the form body (${answer(refused[0]!)} invalid_client): the secret holds "+", "/" and "=", which a body built by string concatenation mangles — build it with URLSearchParams`,
        lines(t, refused),
      );
      return;
    }
    const basic = calls.filter((e) => e.credential?.scheme === 'Basic' && !formFields(e).client_secret);
    if (basic.length > 0 && outcome.kind !== 'resolved') {
      t.fail(
        `sent client_id and client_secret in an Authorization: Basic header instead of the form (${answered(basic[0]!)}); Ochno’s token endpoint reads them only as form fields (seed 000: client_id, client_secret, grant_type, scope) — put them in the body (simple-oauth2: options.authorizationMethod 'body'; openid-client: ClientSecretPost)`,
        lines(t, basic),
      );
      return;
    }
    if (calls.length === 0) {
      if (judgeOperation(t, outcome, 'reading the hubs with a client-credentials token', 0)) t.fail('listed hubs without ever asking Ochno’s token endpoint for a token', evidenceSince(t));
      return;
    }
    // The body reached Ochno as a form with the secret intact; whether the fields were right is for the other checks.
    if (!calls.some((e) => e.status === 200) && !calls.every((e) => e.error === 'invalid_scope')) judgeOperation(t, outcome, 'reading the hubs with a client-credentials token', 0);
  },
};
