// ochno.token-expiry: the client renews its token by the expiry Ochno gives — expires_in, or access_expires_in as a date string — never sending an expired one.
import type { JournalEntry } from '../../../core/journal.ts';
import { hubCalls, hubs, judgeOperation, lines, quirks, tokenCalls, type OchnoCheck, type OchnoContext } from '../judge.ts';

/** A lifetime other than the 3600 s a client might assume when it finds no expires_in. */
const SHORT_LIFETIME = 1800;

const expiredCalls = (t: OchnoContext, since: number): JournalEntry[] => hubCalls(t, since).filter((e) => e.credential?.expired === true);

export const tokenExpiry: OchnoCheck = {
  id: 'ochno.token-expiry',
  title: 'renews the token before it expires, by expires_in or by access_expires_in (a date string)',
  rule: 'Ochno’s token answer carries expires_in (seconds); Ochno’s own demo also reads access_expires_in, seconds or a date string — a client must never send a token past its expiry.',
  requires: ['ochno.token-form', 'ochno.scopes'],
  async run(t) {
    if (!judgeOperation(t, await hubs(t), 'reading the hubs')) return;
    let since = t.mark();
    await t.advance(quirks(t).accessTokenLifetimeSeconds);
    const late = await hubs(t);
    const expired = expiredCalls(t, since);
    if (expired.length > 0) {
      const lifetime = quirks(t).accessTokenLifetimeSeconds;
      t.fail(
        quirks(t).expiryField === 'none'
          ? `sent the access token after its ${lifetime} s lifetime had run out: Ochno’s answer carried no expiry field (neither expires_in nor access_expires_in), and the client took that for a token that never expires — assume an hour, as Ochno’s demo does, and renew before then`
          : `sent the access token after its expires_in (${lifetime} s) had run out; renew it before then (Ochno’s demo renews 60 s early)`,
        lines(t, expired),
      );
      return;
    }
    if (!judgeOperation(t, late, 'reading the hubs an hour later', since)) return;

    // Ochno answers with access_expires_in as a date string, and a lifetime that is not the usual hour.
    t.harness.scenarios.apply('expiry-as-date-string', { provider: 'ochno' });
    quirks(t).accessTokenLifetimeSeconds = SHORT_LIFETIME;
    await t.advance(3600);
    since = t.mark();
    const renewed = await hubs(t);
    const answers = tokenCalls(t, since).filter((e) => e.status === 200);
    if (!judgeOperation(t, renewed, 'reading the hubs when the token answer carried access_expires_in (a date string) instead of expires_in', since)) return;
    if (answers.length === 0) return;
    since = t.mark();
    await t.advance(SHORT_LIFETIME);
    await hubs(t);
    const stale = expiredCalls(t, since);
    if (stale.length > 0) {
      t.fail(
        `sent the access token after the expiry in access_expires_in had passed: when the answer carries access_expires_in (a date string, here ${SHORT_LIFETIME / 60} min ahead) instead of expires_in, read the expiry from it rather than assuming an hour`,
        lines(t, [...answers, ...stale]),
      );
    }
  },
};
