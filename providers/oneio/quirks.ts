// ONEiO's behaviour as data: documented values (DOC) and chosen defaults for what is unknown (UNK).

export interface OneioQuirks {
  /** DOC: `expires_in` is 3599, the token "expires one hour from that moment"; refused from 3599 s on. */
  tokenLifetimeSeconds: number;
  /** DOC: the response's `scope` is always ROLE_INTEGRATION. */
  scope: string;
  /** DOC: exactly grant_type, client_id, client_secret. Extra fields: UNK — refused by default (stricter reading). */
  rejectUnknownTokenFields: boolean;
  /** UNK: token format. Opaque is the safe default; `jwt` issues HS256 JWTs signed by the harness. */
  tokenFormat: 'opaque' | 'jwt';
  /** UNK: the receiver's success status (configurable per endpoint in ONEiO). Default 200. */
  receiverSuccessStatus: 200 | 202;
  /** UNK: realm in WWW-Authenticate challenges. */
  realm: string;
}

export const ONEIO_QUIRKS: OneioQuirks = {
  tokenLifetimeSeconds: 3599,
  scope: 'ROLE_INTEGRATION',
  rejectUnknownTokenFields: true,
  tokenFormat: 'opaque',
  receiverSuccessStatus: 200,
  realm: 'ONEiO',
};
