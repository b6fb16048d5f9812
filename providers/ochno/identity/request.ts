// What every token request shares: a form body (never JSON, never the query string) and the integration's credentials.
import type { Context } from 'hono';
import type { ClientRecord } from '../../../core/clients.ts';
import { DoubleError } from '../../../core/errors.ts';
import { field, parseForm, type FormFields } from '../../../core/form.ts';
import type { HarnessEnv, HostDefinition, ProviderContext } from '../../../core/provider.ts';
import type { OchnoQuirks } from '../quirks.ts';

type Ctx = ProviderContext<OchnoQuirks>;

/**
 * DOC (seed 000): `Content-Type: application/x-www-form-urlencoded`. The guide's axios call posts a plain
 * object with that header, which axios encodes as a form: that works; a JSON body is refused, naming the
 * form type. Fields in the query string are refused too: a secret in a URL ends up in logs (RFC 9700 §4.3).
 */
export function tokenForm(c: Context<HarnessEnv>): FormFields {
  const query = new URL(c.get('realUrl')).searchParams;
  const inQuery = [...new Set(query.keys())];
  if (inQuery.length > 0) {
    throw new DoubleError(
      'invalid_request',
      `The token endpoint takes its parameters in an application/x-www-form-urlencoded body, not in the query string (got ${inQuery.map((k) => `"${k}"`).join(', ')}).`,
      { field: inQuery[0] },
    );
  }
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    throw new DoubleError(
      'invalid_request',
      'Ochno\'s token endpoint takes an application/x-www-form-urlencoded body, not JSON: send the fields as a form (with axios, a plain object plus "Content-Type: application/x-www-form-urlencoded"; with fetch, new URLSearchParams).',
      { field: 'Content-Type' },
    );
  }
  return parseForm(c.req.header('content-type'), c.get('bodyText'), { required: ['grant_type'], rejectUnknown: false, who: 'Ochno\'s token endpoint' });
}

/** Every field of `required` present and non-empty, nothing outside `required` + `optional` (the stricter reading, UNK). */
export function expectFields(fields: FormFields, grant: string, required: readonly string[], optional: readonly string[] = []): void {
  for (const name of required) {
    if (!fields.get(name)) throw new DoubleError('invalid_request', `grant_type=${grant} needs the field "${name}"; it is missing or empty.`, { field: name });
  }
  const allowed = new Set(['grant_type', ...required, ...optional]);
  const unknown = [...fields.keys()].filter((k) => !allowed.has(k));
  if (unknown.length > 0) {
    throw new DoubleError(
      'invalid_request',
      `Unexpected field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} for grant_type=${grant}; it takes ${[...allowed].join(', ')}.`,
      { field: unknown[0] },
    );
  }
}

/** The integration whose client_id and client_secret match in this host's environment; a stage integration on production is told so. */
export function authenticate(ctx: Ctx, host: HostDefinition, fields: FormFields): ClientRecord {
  const clientId = field(fields, 'client_id');
  const client = ctx.clients.authenticate('ochno', host.environment, clientId, field(fields, 'client_secret'));
  if (client) return client;
  const other = ctx.clients.elsewhere('ochno', host.environment, clientId);
  throw new DoubleError(
    'invalid_client',
    other
      ? `Client authentication failed: "${clientId}" is an integration of ${other.environment === 'stage' ? 'stage.ochno.com' : 'operated.ochno.com'}, not of ${host.host}; each environment has its own integrations.`
      : 'Client authentication failed: unknown client_id or wrong client_secret.',
    { field: 'client_id' },
  );
}

/** Exact match against the integration's registered redirect URIs (RFC 9700 §2.1). */
export function checkRedirectUri(client: ClientRecord, redirectUri: string): void {
  if (!client.redirectUris.includes(redirectUri)) {
    throw new DoubleError('invalid_grant', `redirect_uri "${redirectUri}" is not the redirect URI registered for this integration (exact match).`, { field: 'redirect_uri' });
  }
}
