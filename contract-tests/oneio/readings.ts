// ONEiO behaviours its documentation leaves open (UNK) that change what a correct client must do, as readings the suite runs checks under.
import type { Reading } from '../common/readings.ts';

/** oneio.md “Unknown”: the receiver's success answer is configurable per endpoint in ONEiO — 200 or 202. */
export const ACCEPTED_202: Reading = {
  name: 'accepted-202',
  says: 'the receiver answers 202 Accepted instead of 200 (UNK, oneio.md: the success answer is configured per endpoint in ONEiO; quirk receiverSuccessStatus)',
  harness: { quirks: { oneio: { receiverSuccessStatus: 202 } } },
};
