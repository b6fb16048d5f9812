// The one place where typed errors become Octorate's wire format: typed JSON on the API, HTML pages on the admin site.
import type { DoubleError, DoubleErrorCode } from '../../core/errors.ts';
import type { HostDefinition } from '../../core/provider.ts';
import type { Rejection } from './quirks.ts';
import { errorPage } from './authorize/page-layout.ts';

/** DOC (octorate.md "Errors"): the status and `type` Octorate uses for each situation. */
const WIRE: Record<DoubleErrorCode, Rejection> = {
  invalid_request: { status: 400, type: 'ApiParamsExemption' },
  // UNK (identity calls): quirks decide; these are the defaults when a route does not pass details.
  invalid_client: { status: 403, type: 'ApiSecurityException' },
  invalid_grant: { status: 400, type: 'ApiParamsExemption' },
  unauthorized_client: { status: 403, type: 'ApiSecurityException' },
  unsupported_grant_type: { status: 400, type: 'ApiParamsExemption' },
  invalid_scope: { status: 403, type: 'ApiSecurityException' },
  invalid_token: { status: 401, type: 'ApiKeyInvalid' },
  missing_token: { status: 401, type: 'ApiKeyMissing' },
  insufficient_scope: { status: 403, type: 'ApiSecurityException' },
  access_denied: { status: 403, type: 'ApiSecurityException' },
  // DOC: "a call in the wrong one gets 403 WrongEnviroment" (sic).
  wrong_environment: { status: 403, type: 'WrongEnviroment' },
  // UNK: not in Octorate's table; a wrong body type is a parameter error.
  unsupported_media_type: { status: 400, type: 'ApiParamsExemption' },
  payload_too_large: { status: 413, type: 'ApiParamsExemption' },
  // DOC: Octorate signals quota with 403 ApiQuotaException, never 429.
  rate_limited: { status: 403, type: 'ApiQuotaException' },
  quota_exceeded: { status: 403, type: 'ApiQuotaException' },
  // UNK: an outage; the closest typed error is InternalServerError, with the gateway's 503.
  temporarily_unavailable: { status: 503, type: 'InternalServerError' },
  not_found: { status: 404, type: 'ApiResourceMissing' },
  method_not_allowed: { status: 405, type: 'MethodNotAllowed' },
  server_error: { status: 500, type: 'InternalServerError' },
};

/** The status and type an error is answered with: route details first, then Octorate's table. */
export function wireOf(error: DoubleError): Rejection {
  const base = WIRE[error.code];
  return { status: error.details.status ?? base.status, type: error.details.providerType ?? base.type };
}

/** A DoubleError carrying an Octorate status and type chosen by a quirk. */
export const rejection = (r: Rejection, field?: string) => ({ status: r.status, providerType: r.type, ...(field ? { field } : {}) });

export function renderOctorateError(error: DoubleError, host: HostDefinition): Response {
  const { status, type } = wireOf(error);
  if (host.surface === 'authorize') return errorPage(status, error.description);
  // DOC: a wrong path is a plain 404 with no JSON body; ApiResourceMissing only when a route names it.
  if (error.code === 'not_found' && error.details.providerType === undefined) return new Response(null, { status: 404 });
  const headers = new Headers({ 'content-type': 'application/json', 'cache-control': 'no-store' });
  if (error.details.retryAfter !== undefined) headers.set('retry-after', String(error.details.retryAfter));
  if (error.details.allow) headers.set('allow', error.details.allow.join(', '));
  // DOC: typed body {"type","message","element","nested":[]}; UNK: `element` is null when no field is concerned.
  const body = { type, message: error.description, element: error.details.field ?? null, nested: [] };
  return new Response(JSON.stringify(body), { status, headers });
}
