// ochno.single-flight: concurrent calls share one token renewal — no refresh stampede, which would trip Ochno's reuse detection.
import { errorMessage } from '../../virtual-time.ts';
import type { Outcome } from '../../types.ts';
import { connectUser } from '../user.ts';
import { answered, evidenceSince, judgeOperation, lines, quirks, tokenCalls, userinfo, CONNECT, type OchnoCheck, type OchnoContext } from '../judge.ts';

const CONCURRENT = 5;

async function burst(t: OchnoContext, label: string, operation: 'hubs' | 'userinfo'): Promise<boolean> {
  const since = t.mark();
  const outcome = await t.run((client) => Promise.allSettled(Array.from({ length: CONCURRENT }, () => (operation === 'hubs' ? client.hubs() : client.userinfo()))));
  const renewals = tokenCalls(t, since);
  const reused = renewals.filter((e) => e.error === 'invalid_grant');
  if (renewals.length > 1) {
    t.fail(
      `${label}: made ${renewals.length} token requests for ${CONCURRENT} calls started together${reused.length > 0 ? ` — the same refresh token went to Ochno more than once, so Ochno took it for a stolen one and revoked the whole family (${answered(reused[0]!)})` : ''}; let concurrent callers wait on one in-flight renewal`,
      lines(t, renewals),
    );
    return false;
  }
  if (outcome.kind !== 'resolved') return judgeOperation(t, outcome, label, since);
  const failed = outcome.value.find((s) => s.status === 'rejected');
  if (failed) {
    const result: Outcome = { kind: 'rejected', error: failed.reason, message: errorMessage(failed.reason) };
    return judgeOperation(t, result, label, since);
  }
  if (renewals.length === 0 && outcome.kind === 'resolved') t.note(`${label}: no renewal at all`);
  return true;
}

export const singleFlight: OchnoCheck = {
  id: 'ochno.single-flight',
  title: 'concurrent calls share one token renewal (no refresh stampede)',
  rule: 'Ochno rotates refresh tokens and revokes the family when a spent one comes back (RFC 9700 §4.14.2): two renewals racing with one refresh token end the grant. Ochno’s demo shares one in-flight token request.',
  requires: [...CONNECT, 'ochno.refresh-redirect-uri', 'ochno.refresh-rotation'],
  async run(t) {
    if (!(await burst(t, 'with no token yet', 'hubs'))) return;
    await t.advance(quirks(t).accessTokenLifetimeSeconds);
    if (!(await burst(t, 'once the integration’s token had expired', 'hubs'))) return;
    if (!(await connectUser(t))) return;
    if (!judgeOperation(t, await userinfo(t), 'reading userinfo right after connecting')) return;
    await t.advance(quirks(t).accessTokenLifetimeSeconds);
    const since = t.mark();
    if (!(await burst(t, 'once the user’s token had expired', 'userinfo'))) return;
    if (tokenCalls(t, since).length === 0) t.fail('renewed nothing although the user’s token had expired', evidenceSince(t, since));
  },
};
