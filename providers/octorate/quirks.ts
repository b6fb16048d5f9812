// Octorate's behaviour as data: documented values (DOC), inferences (INF) and chosen defaults for the unknown (UNK).

/** How one kind of refused identity request is answered: HTTP status and the typed body's `type`. */
export interface Rejection {
  status: number;
  type: string;
}

export interface OctorateQuirks {
  /**
   * DOC (tutorial, seed 003): exchange the code "in maximum one minute" → 60 s of clock time.
   * Conflict: the OpenAPI description says 3 minutes — set 180 for that reading.
   */
  codeLifetimeSeconds: number;
  /** UNK: "limited temporary expiration" (a third party says 24 h). Default 3600 s. */
  accessTokenLifetimeSeconds: number;
  /** UNK: lifetime of the `apilogin` (ApiOperations) token. Default 3600 s, like property tokens. */
  apiLoginTokenLifetimeSeconds: number;
  /** UNK: whether /identity/refresh returns a new refresh token. DOC default of octorate.md: the same one. */
  rotateRefreshToken: boolean;
  /**
   * UNK (octorate.md §3): whether the refresh answer carries a refresh_token at all. Default true (the same one comes
   * back); false for the reading where it holds only access_token and expireDate, and the client keeps the one it has.
   */
  refreshAnswerHasRefreshToken: boolean;
  /**
   * UNK: whether a refresh revokes the access tokens issued before it from the same grant. Default true,
   * the stricter reading: a client that keeps using an old access token after refreshing fails here.
   */
  refreshRevokesPreviousAccessTokens: boolean;
  /** UNK: whether identity calls refuse form fields they do not document. Default true (stricter). */
  rejectUnknownIdentityFields: boolean;
  /** UNK: whether the authorisation page requires `state`. DOC lists it in the URL; default required (stricter). */
  requireState: boolean;
  /**
   * UNK: unknown client_id or wrong client_secret. The tutorial lists only 400 "request is made wrongly"
   * and 403 "access denied" for identity calls; a bad application is "access denied" → 403 ApiSecurityException.
   */
  rejectedClient: Rejection;
  /** UNK: unknown, expired, reused or mis-bound code — a wrong parameter, tutorial's 400 → ApiParamsExemption. */
  rejectedCode: Rejection;
  /**
   * UNK: unknown or revoked refresh token. octorate.md's error table: `ApiKeyInvalid` = "wrong or expired
   * token" (401). Set `{status: 403, type: 'ApiSecurityException'}` or 400 for the tutorial's readings.
   */
  rejectedRefreshToken: Rejection;
  /** UNK: API calls an application may make per quota window ("quota is dynamic"). Generous default. */
  quotaLimit: number;
  /** UNK: length of the quota window in clock seconds. */
  quotaWindowSeconds: number;
}

export const OCTORATE_QUIRKS: OctorateQuirks = {
  codeLifetimeSeconds: 60,
  accessTokenLifetimeSeconds: 3600,
  apiLoginTokenLifetimeSeconds: 3600,
  rotateRefreshToken: false,
  refreshAnswerHasRefreshToken: true,
  refreshRevokesPreviousAccessTokens: true,
  rejectUnknownIdentityFields: true,
  requireState: true,
  rejectedClient: { status: 403, type: 'ApiSecurityException' },
  rejectedCode: { status: 400, type: 'ApiParamsExemption' },
  rejectedRefreshToken: { status: 401, type: 'ApiKeyInvalid' },
  quotaLimit: 10_000,
  quotaWindowSeconds: 3600,
};
