// What the interpreter knows of a provider, so that a manifest's mistakes can be named in that provider's terms.

export interface ProviderHints {
  /** `Octorate` */
  title: string;
  /** The grant_type the token endpoint takes for the code exchange, when it is not RFC 6749's authorization_code (Octorate: `code`). */
  exchangeGrantType?: string;
  /** …and for a refresh (`refresh_token` for most). */
  refreshGrantType?: string;
  /** A field the provider states the expiry in instead of expires_in (Octorate: `expireDate`). */
  expiryField?: string;
  /** What an author can do when the provider does not send a refresh token (Google: access_type=offline). */
  refreshTokenAdvice?: string;
}
