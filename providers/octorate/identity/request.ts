// What every identity call shares: form-only fields in the body, and the application's client_id / client_secret.
import type { Context } from 'hono';
import type { ClientRecord } from '../../../core/clients.ts';
import { DoubleError } from '../../../core/errors.ts';
import { field, parseForm, type FormFields } from '../../../core/form.ts';
import type { ProviderContext } from '../../../core/provider.ts';
import type { ApiEnv } from '../api/caller.ts';
import { authenticateApplication, findApplication } from '../clients.ts';
import { rejection } from '../errors.ts';
import type { OctorateQuirks } from '../quirks.ts';

type Ctx = ProviderContext<OctorateQuirks>;

/**
 * DOC (tutorial: "Check the headers and params type!"): identity calls are POST with
 * application/x-www-form-urlencoded form params. Fields in the query string are refused even when the
 * body is right — Octorate reads form params only, and secrets in URLs end up in logs.
 */
export function identityForm(ctx: Ctx, c: Context<ApiEnv>, call: string, required: readonly string[], optional: readonly string[] = []): FormFields {
  const query = new URL(c.get('realUrl')).searchParams;
  const inQuery = [...new Set(query.keys())];
  if (inQuery.length > 0) {
    throw new DoubleError(
      'invalid_request',
      `Octorate ${call} takes form params in an application/x-www-form-urlencoded body, not in the query string (got ${inQuery.map((k) => `"${k}"`).join(', ')}).`,
      { field: inQuery[0] },
    );
  }
  return parseForm(c.req.header('content-type'), c.get('bodyText'), {
    required,
    optional,
    rejectUnknown: ctx.quirks.rejectUnknownIdentityFields,
    who: `Octorate ${call}`,
  });
}

/** The application named by client_id with the right client_secret; the `rejectedClient` quirk otherwise. */
export function authenticatedApplication(ctx: Ctx, fields: FormFields): ClientRecord {
  const clientId = field(fields, 'client_id');
  const client = authenticateApplication(ctx, clientId, field(fields, 'client_secret'));
  // Scenario `invalid-credentials`: the secret was regenerated in Octorate's admin, whatever the client sends.
  if (!client || ctx.scenarios.consume('octorate', 'invalid-credentials') !== undefined) {
    const known = findApplication(ctx, clientId) !== undefined;
    throw new DoubleError(
      'invalid_client',
      known ? 'Access denied: wrong client_secret for this application.' : `Access denied: no application with client_id "${clientId}".`,
      rejection(ctx.quirks.rejectedClient, known ? 'client_secret' : 'client_id'),
    );
  }
  return client;
}
