// RFC 6749 §5.2 / RFC 6750 §3 error responses, for providers whose own error format is unknown.
import type { DoubleError, DoubleErrorCode } from '../errors.ts';

const STATUS: Record<DoubleErrorCode, number> = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  invalid_scope: 400,
  invalid_token: 401,
  missing_token: 401,
  insufficient_scope: 403,
  access_denied: 403,
  wrong_environment: 401,
  unsupported_media_type: 415,
  payload_too_large: 413,
  rate_limited: 429,
  quota_exceeded: 429,
  temporarily_unavailable: 503,
  not_found: 404,
  method_not_allowed: 405,
  server_error: 500,
};

/** The `error` member: RFC codes as they are; a token from the wrong world is just an invalid token. */
const WIRE_CODE: Partial<Record<DoubleErrorCode, string>> = {
  wrong_environment: 'invalid_token',
  missing_token: 'unauthorized',
};

const quote = (text: string): string => text.replace(/["\\]/g, "'");

export interface RfcErrorOptions {
  /** The `realm` of WWW-Authenticate challenges. */
  realm: string;
}

export function rfcErrorResponse(error: DoubleError, options: RfcErrorOptions): Response {
  const status = error.details.status ?? STATUS[error.code];
  const code = WIRE_CODE[error.code] ?? error.code;
  const headers = new Headers({ 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache' });
  const bearerError = error.code === 'invalid_token' || error.code === 'wrong_environment' || error.code === 'insufficient_scope';
  if (error.details.challenge === 'basic') {
    headers.set('www-authenticate', `Basic realm="${options.realm}"`);
  } else if (error.code === 'missing_token') {
    // RFC 6750 §3.1: no error code when the request carried no credentials at all.
    headers.set('www-authenticate', `Bearer realm="${options.realm}"`);
  } else if (bearerError || (error.code === 'invalid_request' && error.details.challenge === 'bearer')) {
    headers.set(
      'www-authenticate',
      `Bearer realm="${options.realm}", error="${code}", error_description="${quote(error.description)}"`,
    );
  }
  if (error.details.retryAfter !== undefined) headers.set('retry-after', String(error.details.retryAfter));
  if (error.details.allow) headers.set('allow', error.details.allow.join(', '));
  return new Response(JSON.stringify({ error: code, error_description: error.description }), { status, headers });
}
