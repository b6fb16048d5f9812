// octorate.expire-date: the expiry is read from expireDate — ISO or Java's "…Z[UTC]" form — and the property token is renewed before or upon it, not long before.
import type { TokenRecord } from '../../../core/state/tokens.ts';
import { isoMillis, javaZoned } from '../../../providers/octorate/data/dates.ts';
import { connectAndRead } from '../hotelier.ts';
import {
  answer,
  anyIdentityCalls,
  judgeOperation,
  lines,
  liveProperty,
  minutes,
  propertyCalls,
  reservations,
  BASICS,
  type OctorateCheck,
  type OctorateContext,
} from '../judge.ts';

/** A call this long before expireDate must reuse the token: renewing then means the expiry was not read. */
const MID_LIFE_MS = 40 * 60_000;

const advanceTo = (t: OctorateContext, at: number): Promise<void> => t.advance(Math.max(0, (at - t.harness.clock.now()) / 1000));

/** The property token the client holds now: the newest valid one. */
const held = (t: OctorateContext): TokenRecord | undefined => liveProperty(t).at(-1);

/**
 * One token lifetime: a call 40 min before expireDate (no renewal expected until then), then one just past
 * it (a renewal expected before the call). `zoned` says how Octorate wrote that token's expireDate; a cause
 * in `seen` was reported for an earlier lifetime and is not reported again.
 */
async function lifetime(t: OctorateContext, propertyId: string, token: TokenRecord, zoned: boolean, seen: Set<'early' | 'expired'>): Promise<boolean> {
  const written = JSON.stringify(zoned ? javaZoned(token.expiresAt!) : isoMillis(token.expiresAt!));
  // Renewals from here to the mid-life call are early, whether a call or a timer of the client made them.
  let since = t.mark();
  await advanceTo(t, token.expiresAt! - MID_LIFE_MS);
  if (!judgeOperation(t, await reservations(t, propertyId), `${minutes(MID_LIFE_MS)} before expireDate ${written}`, since)) return false;
  const early = anyIdentityCalls(t, since).filter((e) => e.path.endsWith('/refresh') || e.path.endsWith('/token'));
  if (early.length > 0 && !seen.has('early')) {
    seen.add('early');
    t.fail(
      zoned
        ? `once Octorate wrote expireDate in Java’s zoned form ${written}, asked for a new token while the property token had more than ${minutes(MID_LIFE_MS)} left: new Date("…Z[UTC]") is Invalid Date — strip the "[UTC]" zone suffix before parsing`
        : `asked for a new token more than ${minutes(MID_LIFE_MS)} before the property token expired: Octorate’s response said expireDate ${written} — read the expiry from expireDate (there is no expires_in) and keep the token until then`,
      lines(t, early),
    );
  }

  // From now on Octorate writes expireDate the Java way, so the renewal at the end of this lifetime (on a call or on
  // a timer of the client) brings the "…Z[UTC]" form that the second lifetime judges.
  if (!zoned) t.harness.scenarios.apply('expireDate-with-zone-suffix', { provider: 'octorate' });
  // Just past the expiry of the token the client holds (the same one, unless it renewed early).
  const current = held(t) ?? token;
  since = t.mark();
  await advanceTo(t, current.expiresAt! + 1000);
  const outcome = await reservations(t, propertyId);
  const expired = propertyCalls(t, since).filter((e) => e.credential?.expired);
  if (expired.length > 0 && !seen.has('expired')) {
    seen.add('expired');
    t.fail(
      zoned
        ? `sent the property token ${expired[0]!.credential!.ref} after its expireDate ${written} had passed (Octorate answered ${answer(expired[0]!)}): an expireDate that does not parse must not read as “never expires” — strip the "[UTC]" suffix and call /identity/refresh before or when it is reached`
        : `sent the property token ${expired[0]!.credential!.ref} after its expireDate ${written} had passed (Octorate answered ${answer(expired[0]!)}); Octorate gives no expires_in — read expireDate and call /identity/refresh before or when it is reached`,
      lines(t, propertyCalls(t, since)),
    );
  }
  return judgeOperation(t, outcome, `just past expireDate ${written}`, since);
}

export const expireDate: OctorateCheck = {
  id: 'octorate.expire-date',
  title: 'reads the expiry from expireDate, with or without the "[UTC]" suffix, and renews the property token before or upon it',
  rule: 'Octorate’s token responses carry no expires_in, only expireDate: ISO “…178Z” in the tutorial, Java’s “…922Z[UTC]” in the wild (seed 003, octorate.md §2); an expired token gets 401 ApiKeyInvalid.',
  requires: [...BASICS, 'octorate.refresh-token'],
  async run(t) {
    const connected = await connectAndRead(t, 'right after connecting');
    if (!connected) return;
    const first = held(t);
    if (!first) return;
    try {
      // The tutorial's form first; the refresh at its end answers in the Java form, which the second lifetime judges.
      // A cause already reported for the first lifetime is not reported again for the second.
      const seen = new Set<'early' | 'expired'>();
      if (!(await lifetime(t, connected.propertyId, first, false, seen))) return;
      const second = held(t);
      if (second && second.id !== first.id) await lifetime(t, connected.propertyId, second, true, seen);
    } finally {
      t.harness.scenarios.clear('expireDate-with-zone-suffix', 'octorate');
    }
  },
};
