// The one place where typed errors become Google's wire formats: HTML pages, OAuth JSON, and the Google API error object.
import type { DoubleError, DoubleErrorCode } from '../../core/errors.ts';
import type { HostDefinition } from '../../core/provider.ts';
import { accessBlockedPage, plainErrorPage } from './authorize/page-layout.ts';

/** INF: the realm of the Bearer challenges of Google's APIs. */
const REALM = 'https://accounts.google.com/';

interface Wire {
  status: number;
  /** The OAuth `error` (token and userinfo hosts, consent page). */
  oauth: string;
  /** The Google API error object's `status` and the `reason` of its first error (Admin SDK). */
  api: string;
  reason: string;
}

const WIRE: Record<DoubleErrorCode, Wire> = {
  invalid_request: { status: 400, oauth: 'invalid_request', api: 'INVALID_ARGUMENT', reason: 'invalid' },
  // DOC (chiefonboarding.md): bad client credentials are 401 invalid_client.
  invalid_client: { status: 401, oauth: 'invalid_client', api: 'UNAUTHENTICATED', reason: 'authError' },
  invalid_grant: { status: 400, oauth: 'invalid_grant', api: 'INVALID_ARGUMENT', reason: 'invalid' },
  unauthorized_client: { status: 401, oauth: 'unauthorized_client', api: 'PERMISSION_DENIED', reason: 'forbidden' },
  unsupported_grant_type: { status: 400, oauth: 'unsupported_grant_type', api: 'INVALID_ARGUMENT', reason: 'invalid' },
  invalid_scope: { status: 400, oauth: 'invalid_scope', api: 'INVALID_ARGUMENT', reason: 'invalid' },
  invalid_token: { status: 401, oauth: 'invalid_token', api: 'UNAUTHENTICATED', reason: 'authError' },
  missing_token: { status: 401, oauth: 'invalid_request', api: 'UNAUTHENTICATED', reason: 'required' },
  insufficient_scope: { status: 403, oauth: 'insufficient_scope', api: 'PERMISSION_DENIED', reason: 'insufficientPermissions' },
  access_denied: { status: 403, oauth: 'access_denied', api: 'PERMISSION_DENIED', reason: 'forbidden' },
  wrong_environment: { status: 401, oauth: 'invalid_token', api: 'UNAUTHENTICATED', reason: 'authError' },
  unsupported_media_type: { status: 400, oauth: 'invalid_request', api: 'INVALID_ARGUMENT', reason: 'parseError' },
  payload_too_large: { status: 413, oauth: 'invalid_request', api: 'INVALID_ARGUMENT', reason: 'uploadTooLarge' },
  rate_limited: { status: 429, oauth: 'rate_limit_exceeded', api: 'RESOURCE_EXHAUSTED', reason: 'rateLimitExceeded' },
  quota_exceeded: { status: 429, oauth: 'rate_limit_exceeded', api: 'RESOURCE_EXHAUSTED', reason: 'quotaExceeded' },
  temporarily_unavailable: { status: 503, oauth: 'temporarily_unavailable', api: 'UNAVAILABLE', reason: 'backendError' },
  not_found: { status: 404, oauth: 'not_found', api: 'NOT_FOUND', reason: 'notFound' },
  method_not_allowed: { status: 405, oauth: 'invalid_request', api: 'INVALID_ARGUMENT', reason: 'httpMethodNotAllowed' },
  server_error: { status: 500, oauth: 'internal_failure', api: 'INTERNAL', reason: 'backendError' },
};

/** The status and `error` an error goes on the wire with: route details first, then the table. */
export function wireOf(error: DoubleError): { status: number; code: string } {
  const base = WIRE[error.code];
  return { status: error.details.status ?? base.status, code: error.details.providerType ?? base.oauth };
}

/** INF: Google's token responses and errors carry these caching headers. */
export const NO_CACHE = { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate', pragma: 'no-cache' };

function headersFor(error: DoubleError): Headers {
  const headers = new Headers({ 'content-type': 'application/json; charset=utf-8', ...NO_CACHE });
  if (error.details.retryAfter !== undefined) headers.set('retry-after', String(error.details.retryAfter));
  if (error.details.allow) headers.set('allow', error.details.allow.join(', '));
  return headers;
}

/** RFC 6750 §3 challenges as Google's APIs send them; none for a request that carried no token. */
function challenge(error: DoubleError): string | undefined {
  if (error.code === 'missing_token') return `Bearer realm="${REALM}"`;
  if (error.code === 'invalid_token' || error.code === 'wrong_environment') return `Bearer realm="${REALM}", error="invalid_token"`;
  if (error.code === 'insufficient_scope') return `Bearer realm="${REALM}", error="insufficient_scope"`;
  return undefined;
}

/** DOC (Google API errors): the short message of the first error item, for the authentication failures. */
const ITEM_MESSAGE: Record<string, string> = {
  required: 'Login Required.',
  authError: 'Invalid Credentials',
  insufficientPermissions: 'Insufficient Permission',
};

/** DOC (Google API errors): `{"error": {code, message, errors: [{message, domain, reason, location?}], status}}`. */
function apiError(error: DoubleError): Response {
  const base = WIRE[error.code];
  const status = error.details.status ?? base.status;
  const reason = error.details.providerType ?? base.reason;
  const item: Record<string, string> = { message: ITEM_MESSAGE[reason] ?? error.description, domain: 'global', reason };
  if (error.details.field === 'Authorization') Object.assign(item, { location: 'Authorization', locationType: 'header' });
  else if (error.details.field) Object.assign(item, { location: error.details.field, locationType: 'parameter' });
  const headers = headersFor(error);
  const www = challenge(error);
  if (www) headers.set('www-authenticate', www);
  return new Response(JSON.stringify({ error: { code: status, message: error.description, errors: [item], status: base.api } }), { status, headers });
}

/** The OAuth dialect (RFC 6749 §5.2): `{"error", "error_description"}`, with Google's own codes and texts. */
function oauthError(error: DoubleError, withChallenge: boolean): Response {
  const { status, code } = wireOf(error);
  const headers = headersFor(error);
  const www = withChallenge ? challenge(error) : undefined;
  if (www) headers.set('www-authenticate', www);
  return new Response(JSON.stringify({ error: code, error_description: error.description }), { status, headers });
}

export function renderGoogleError(error: DoubleError, host: HostDefinition): Response {
  // A route that names its own answer (the directory's "Resource Not Found") keeps it; otherwise Google's HTML pages.
  if ((error.code === 'not_found' || error.code === 'method_not_allowed') && !(host.surface === 'directory' && error.details.providerType)) {
    const res = plainErrorPage(error.code === 'not_found' ? 404 : 405, error.description);
    if (error.details.allow) res.headers.set('allow', error.details.allow.join(', '));
    return res;
  }
  switch (host.surface) {
    case 'authorize': {
      const { status, code } = wireOf(error);
      return accessBlockedPage(status, code, error.description);
    }
    case 'directory':
      return apiError(error);
    case 'userinfo':
    case 'certs':
      return oauthError(error, true);
    default:
      return oauthError(error, false);
  }
}
