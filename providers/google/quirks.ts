// Google's behaviour as data: documented values (DOC), inferences (INF) and chosen defaults for the unknown (UNK).

export interface GoogleQuirks {
  /** INF (chiefonboarding.md): `expires_in` is 3599 in practice; the token is refused from then on. */
  accessTokenLifetimeSeconds: number;
  /** INF: Google's authorisation codes live about ten minutes (single use either way). */
  codeLifetimeSeconds: number;
  /** INF: Google's id_tokens expire one hour after `iat`. */
  idTokenLifetimeSeconds: number;
  /**
   * DOC (Google's OAuth guide): at most 100 live refresh tokens per account and client; issuing one more
   * silently invalidates the oldest.
   */
  refreshTokensPerGrant: number;
  /** DOC: refresh tokens of apps in "Testing" publishing status expire after 7 days (scenario `testing-app-7-day-expiry`). */
  testingRefreshTokenLifetimeSeconds: number;
  /**
   * UNK: whether a code presented twice also revokes the tokens issued from it (RFC 6749 §4.1.2 says it
   * should). Default true, the stricter reading: a client that replays codes loses its tokens.
   */
  revokeOnCodeReuse: boolean;
  /**
   * INF weak: Google's token endpoint seems to accept JSON bodies too. Off by default: RFC 6749 §3.2 asks
   * for a form body, and a client that sends JSON would break against any other provider.
   */
  acceptJsonTokenBody: boolean;
  /**
   * INF: Google ignores token-request parameters it does not know (libraries that send `scope` with the code
   * work). Set true to refuse them.
   */
  rejectUnknownTokenFields: boolean;
  /** DOC: the `iss` of id_tokens — `https://accounts.google.com`, or the bare `accounts.google.com` Google also uses. */
  idTokenIssuer: 'https' | 'bare';
  /** UNK: the largest directory an Admin SDK customer may hold here (a bound on memory, not Google's limit). */
  directoryUserLimit: number;
}

export const GOOGLE_QUIRKS: GoogleQuirks = {
  accessTokenLifetimeSeconds: 3599,
  codeLifetimeSeconds: 600,
  idTokenLifetimeSeconds: 3600,
  refreshTokensPerGrant: 100,
  testingRefreshTokenLifetimeSeconds: 7 * 24 * 3600,
  revokeOnCodeReuse: true,
  acceptJsonTokenBody: false,
  rejectUnknownTokenFields: false,
  idTokenIssuer: 'https',
  directoryUserLimit: 2000,
};
