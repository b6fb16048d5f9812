// Typed errors every provider throws; each provider turns them into its own wire format in one place.

/**
 * The situations a provider can answer with. RFC 6749 §5.2 and RFC 6750 §3 codes keep their names;
 * the rest name HTTP-level situations that each provider renders its own way.
 */
export type DoubleErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'invalid_token'
  | 'missing_token'
  | 'insufficient_scope'
  | 'access_denied'
  | 'wrong_environment'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'rate_limited'
  | 'quota_exceeded'
  | 'temporarily_unavailable'
  | 'not_found'
  | 'method_not_allowed'
  | 'server_error';

export interface DoubleErrorDetails {
  /** The request field or header the error is about (Octorate's `element`, logs). */
  field?: string;
  /** Seconds for a `Retry-After` header (rate limits, outages). */
  retryAfter?: number;
  /** Methods for an `Allow` header (405). */
  allow?: string[];
  /** Which HTTP authentication the failed request used or should have used. */
  challenge?: 'bearer' | 'basic';
  /** A provider's own error type, when it has a richer vocabulary than the codes above. */
  providerType?: string;
  /** Overrides the provider's default status for this code. */
  status?: number;
}

export class DoubleError extends Error {
  override readonly name = 'DoubleError';
  readonly code: DoubleErrorCode;
  readonly details: DoubleErrorDetails;

  constructor(code: DoubleErrorCode, description: string, details: DoubleErrorDetails = {}, cause?: unknown) {
    super(description, cause === undefined ? undefined : { cause });
    this.code = code;
    this.details = details;
  }

  get description(): string {
    return this.message;
  }
}

export const isDoubleError = (value: unknown): value is DoubleError => value instanceof DoubleError;

/**
 * Any thrown value as a DoubleError: unknown failures become `server_error`, never a bare 500. The
 * original stays as `cause` for debugging and is never put on the wire.
 */
export function asDoubleError(value: unknown): DoubleError {
  if (isDoubleError(value)) return value;
  return new DoubleError('server_error', 'The emulated provider failed unexpectedly.', {}, value);
}
