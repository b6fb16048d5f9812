// The one place where typed errors become Ochno's wire format. UNK (ochno.md "Unknown"): RFC 6749 §5.2 / RFC 6750 §3.
import type { DoubleError } from '../../core/errors.ts';
import { rfcErrorResponse } from '../../core/wire/rfc.ts';
import { OCHNO_QUIRKS, type OchnoQuirks } from './quirks.ts';

export const renderOchnoError = (error: DoubleError, quirks: OchnoQuirks = OCHNO_QUIRKS): Response => rfcErrorResponse(error, { realm: quirks.realm });
