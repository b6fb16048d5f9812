// Octorate behaviours its documentation leaves open (UNK) that change what a correct client must do, as readings the suite runs checks under.
import type { Reading } from '../common/readings.ts';

const octorate = (quirks: Record<string, unknown>) => ({ quirks: { octorate: quirks } });

/** octorate.md §3: whether /identity/refresh returns a new refresh token is unknown — and whether it returns one at all. */
export const ROTATING: Reading = {
  name: 'rotating',
  says: '/identity/refresh returns a new refresh_token and revokes the one it was sent (UNK, octorate.md §3; quirk rotateRefreshToken)',
  harness: octorate({ rotateRefreshToken: true }),
};

export const NO_REFRESH_TOKEN: Reading = {
  name: 'no-refresh-token',
  says: '/identity/refresh answers only access_token and expireDate, no refresh_token: the one the client has stays valid (UNK, octorate.md §3; quirk refreshAnswerHasRefreshToken)',
  harness: octorate({ refreshAnswerHasRefreshToken: false }),
};

/** octorate.md “Errors”: the answer to a refused refresh token is unknown; the tutorial knows only 400 and 403 for identity calls. */
export const REFRESH_REFUSED_403: Reading = {
  name: 'refresh-refused-403',
  says: 'a refused refresh token gets 403 ApiSecurityException (“access denied”) instead of 401 ApiKeyInvalid (UNK, octorate.md “Errors”; quirk rejectedRefreshToken)',
  harness: octorate({ rejectedRefreshToken: { status: 403, type: 'ApiSecurityException' } }),
};

export const REFRESH_REFUSED_400: Reading = {
  name: 'refresh-refused-400',
  says: 'a refused refresh token gets 400 ApiParamsExemption (“request is made wrongly”) instead of 401 ApiKeyInvalid (UNK, octorate.md “Errors”; quirk rejectedRefreshToken)',
  harness: octorate({ rejectedRefreshToken: { status: 400, type: 'ApiParamsExemption' } }),
};
