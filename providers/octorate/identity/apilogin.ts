// POST /rest/v1/identity/apilogin: client credentials alone buy an API-operations token (no customer grant, no refresh).
import type { Context } from 'hono';
import type { ProviderContext } from '../../../core/provider.ts';
import type { ApiEnv } from '../api/caller.ts';
import { issueApiLogin } from './grants.ts';
import { authenticatedApplication, identityForm } from './request.ts';
import type { OctorateQuirks } from '../quirks.ts';
import { tokenResponseBody } from './token-response.ts';

export async function apiLogin(ctx: ProviderContext<OctorateQuirks>, c: Context<ApiEnv>): Promise<Response> {
  // DOC (tutorial): form fields client_id and client_secret.
  const fields = identityForm(ctx, c, '/identity/apilogin', ['client_id', 'client_secret']);
  const client = authenticatedApplication(ctx, fields);
  const access = issueApiLogin(ctx, client);
  // INF (octorate.md §4): the same shape without refresh_token.
  return c.json(tokenResponseBody(ctx, access), 200, { 'cache-control': 'no-store', pragma: 'no-cache' });
}
