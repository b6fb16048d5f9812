// Ochno's behaviour as data: documented values (DOC), inferences (INF) and chosen defaults for the unknown (UNK).

export interface OchnoQuirks {
  /** UNK (ochno.md "Expiry field"): a third party calls it a 60-minute token. Default 3600 s. */
  accessTokenLifetimeSeconds: number;
  /**
   * UNK (ochno.md "Expiry field"): where a token answer gives the expiry. Default `expires_in` (seconds);
   * `access_expires_in` writes it as a date string (Ochno's demo guards against it); `none` leaves it out
   * (the demo then assumes 3600 s). The `expiry-as-date-string` scenario overrides it per answer.
   */
  expiryField: 'expires_in' | 'access_expires_in' | 'none';
  /** UNK: refresh-token lifetime; default 14 days of clock time (shorter is the stricter reading). */
  refreshTokenLifetimeSeconds: number;
  /** DOC (seed 000, step 3): a refresh returns a new refresh token. Set false for the "no rotation" reading. */
  rotateRefreshToken: boolean;
  /**
   * UNK (ochno.md "Refresh"): whether the old refresh token stays valid. Default 0: it is spent by the
   * refresh that replaced it, and presenting it again revokes the whole family (RFC 9700 §4.14.2). A positive
   * value is the "grace period" reading: the old token still works this many seconds after its rotation.
   */
  refreshReuseGraceSeconds: number;
  /** UNK: authorisation-code lifetime; default 60 s of clock time (RFC 6749 §4.1.2 "short-lived"). */
  codeLifetimeSeconds: number;
  /** UNK: whether the authorisation request must carry PKCE (`code_challenge`). Default true (stricter). */
  requirePkce: boolean;
  /** UNK: whether the authorisation request must carry `state`. DOC lists it in the URL; default required. */
  requireState: boolean;
  /** UNK (ochno.md "Webhooks"): a subscription lapses this long after creation or its last PATCH. Default 2 h. */
  subscriptionLifetimeSeconds: number;
  /** UNK: the "non-standard content type" of deliveries (the demo parses every type as text). */
  webhookContentType: string;
  /** UNK: where a delivery carries the subscription's verification token: a header, or `verificationToken` in the body. */
  webhookTokenPlacement: 'header' | 'body';
  /** UNK: the header name when `webhookTokenPlacement` is `header`. */
  webhookTokenHeader: string;
  /** UNK: which key names the hub in a delivery (ochno.md: `"hubId" | "serialNumber"`). */
  webhookHubKey: 'hubId' | 'serialNumber';
  /** UNK: seconds of clock time before each retry of a failed delivery; its length is the number of retries. */
  webhookRetrySeconds: number[];
  /** UNK: real milliseconds a receiver has to answer one delivery attempt. */
  webhookTimeoutMs: number;
  /** Bounds of the delivery log (entries and approximate bytes); the oldest finished deliveries go first. */
  deliveryLogMaxEntries: number;
  deliveryLogMaxBytes: number;
  /** UNK: realm in WWW-Authenticate challenges. */
  realm: string;
}

export const OCHNO_QUIRKS: OchnoQuirks = {
  accessTokenLifetimeSeconds: 3600,
  expiryField: 'expires_in',
  refreshTokenLifetimeSeconds: 14 * 24 * 3600,
  rotateRefreshToken: true,
  refreshReuseGraceSeconds: 0,
  codeLifetimeSeconds: 60,
  requirePkce: true,
  requireState: true,
  subscriptionLifetimeSeconds: 2 * 3600,
  webhookContentType: 'text/plain;charset=UTF-8',
  webhookTokenPlacement: 'header',
  webhookTokenHeader: 'x-verification-token',
  webhookHubKey: 'hubId',
  webhookRetrySeconds: [10, 60, 300],
  webhookTimeoutMs: 10_000,
  deliveryLogMaxEntries: 1000,
  deliveryLogMaxBytes: 1024 * 1024,
  realm: 'Ochno Operated',
};
