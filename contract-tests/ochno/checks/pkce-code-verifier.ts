// ochno.pkce-code-verifier: the code flow sends an S256 challenge and exchanges the code with the camelCase `codeVerifier`.
import { approve, callback, startAuthorization } from '../user.ts';
import { answered, evidenceSince, formFields, judgeOperation, lines, tokenCalls, userinfo, type OchnoCheck } from '../judge.ts';

export const pkceCodeVerifier: OchnoCheck = {
  id: 'ochno.pkce-code-verifier',
  title: 'uses PKCE (S256) and exchanges the code with the camelCase codeVerifier field',
  rule: 'Ochno’s OAuth2 guide takes the PKCE verifier as camelCase "codeVerifier" on the token call, not RFC 7636’s "code_verifier"; the redirect URI is the registered one.',
  requires: ['ochno.token-form'],
  async run(t) {
    const auth = await startAuthorization(t, 'starting the authorisation');
    if (!auth) return;
    const challenge = auth.params.get('code_challenge');
    const method = auth.params.get('code_challenge_method');
    if (!challenge) {
      t.fail('the authorisation URL carries no code_challenge: use PKCE — a fresh verifier per authorisation, its S256 challenge in the URL, the verifier as codeVerifier on the exchange', [`authorizationUrl() → ${auth.url}`]);
      return;
    }
    if (method !== 'S256') {
      t.fail(`the authorisation URL uses code_challenge_method=${method ?? '(none, meaning plain)'}; use S256 (RFC 7636 §4.2: plain only when S256 is impossible)`, [`authorizationUrl() → ${auth.url}`]);
      return;
    }
    const approval = await approve(t, auth, 'the user allowing access');
    if (!approval) return;
    const outcome = await callback(t, approval.callbackUrl);
    const exchanges = tokenCalls(t, approval.since, 'authorization_code');
    const snake = exchanges.filter((e) => 'code_verifier' in formFields(e));
    if (snake.length > 0) {
      t.fail(`sent the PKCE verifier as "code_verifier" (${answered(snake[0]!)}); Ochno reads the camelCase field "codeVerifier"`, lines(t, snake));
      return;
    }
    const without = exchanges.filter((e) => !('codeVerifier' in formFields(e)));
    if (without.length > 0) {
      t.fail(`exchanged the code without codeVerifier (${answered(without[0]!)}); send the verifier of this authorisation as "codeVerifier"`, lines(t, without));
      return;
    }
    if (!judgeOperation(t, outcome, 'handleCallback', approval.since)) return;
    const since = t.mark();
    judgeOperation(t, await userinfo(t), 'reading userinfo with the user’s token', since);
    if (exchanges.length === 0) t.fail('handleCallback resolved without exchanging the code at the token endpoint', evidenceSince(t, approval.since));
  },
};
