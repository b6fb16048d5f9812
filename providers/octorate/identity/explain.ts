// Refusals of identity calls re-worded where the request shows a common mistake: the fix in Octorate's terms, no piece of the secret.
import type { Context } from 'hono';
import { DoubleError } from '../../../core/errors.ts';
import { basicAuth, reworded, UNENCODED_SECRET_HINT, unencodedSecret } from '../../../core/form-hints.ts';
import type { ProviderContext } from '../../../core/provider.ts';
import type { ApiEnv } from '../api/caller.ts';
import type { OctorateQuirks } from '../quirks.ts';

/** Runs an identity route; a refusal it throws gets the fix for the mistake the request shows, if any. */
export async function explainRefusal(
  ctx: ProviderContext<OctorateQuirks>,
  c: Context<ApiEnv>,
  call: 'token' | 'refresh' | 'apilogin',
  route: () => Promise<Response>,
): Promise<Response> {
  try {
    return await route();
  } catch (error) {
    if (!(error instanceof DoubleError)) throw error;
    const body: string = c.get('bodyText') ?? '';
    const secrets = ctx.clients.list('octorate').map((client) => client.clientSecret);
    if (unencodedSecret(body, secrets)) throw reworded(error, `Octorate /identity/${call} could not read the form as sent. ${UNENCODED_SECRET_HINT}`);
    const form = new URLSearchParams(body);
    if (call === 'token' && (form.has('refresh_token') || form.get('grant_type') === 'refresh_token')) {
      // A refresh sent to the code exchange: the commonest mix-up of Octorate's two identity calls.
      throw reworded(
        error,
        `${error.message} /identity/token exchanges an authorisation code (grant_type=code, code, redirect_uri); to renew a property token, POST client_id, client_secret and refresh_token to /rest/v1/identity/refresh.`,
      );
    }
    if (basicAuth(c.req.header('authorization')) && error.code === 'invalid_request') {
      throw reworded(error, `${error.message} Octorate takes client_id and client_secret as form params in the body, not in an Authorization: Basic header.`);
    }
    throw error;
  }
}
