// Ochno behaviours its notes leave open (UNK) that change what a correct client must do, as readings the suite runs checks under.
import type { Reading } from '../common/readings.ts';

const ochno = (quirks: Record<string, unknown>) => ({ quirks: { ochno: quirks } });

/** ochno.md “Token”: the expiry field is unknown; Ochno’s own demo reads expires_in, then access_expires_in (seconds or a date string). */
export const ACCESS_EXPIRES_IN: Reading = {
  name: 'access-expires-in',
  says: 'token answers carry access_expires_in as a date string instead of expires_in (UNK, ochno.md “Expiry field”: Ochno’s demo guards against it; quirk expiryField)',
  harness: ochno({ expiryField: 'access_expires_in' }),
};

export const NO_EXPIRY_FIELD: Reading = {
  name: 'no-expiry-field',
  says: 'token answers carry neither expires_in nor access_expires_in; the token still lasts an hour (UNK, ochno.md “Expiry field”: Ochno’s demo then assumes 3600 s; quirk expiryField)',
  harness: ochno({ expiryField: 'none' }),
};
