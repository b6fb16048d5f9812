// The shape of a client a user registers, shared by the config file and the admin API.
import type { Zod } from '../core/zod.ts';
import { redirectUriProblem } from '../core/redirect-uri.ts';

/** Built with the zod the caller loaded (see core/zod.ts). */
export const clientInputSchema = (z: Zod) => {
  const RedirectUri = z.string().superRefine((uri, ctx) => {
    const problem = redirectUriProblem(uri);
    if (problem) ctx.addIssue({ code: 'custom', message: `The redirect URI ${problem}.` });
  });
  return z.strictObject({
    provider: z.string().min(1),
    environment: z.string().min(1),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    redirectUris: z.array(RedirectUri).max(100).optional(),
    scopes: z.array(z.string()).optional(),
    label: z.string().optional(),
  });
};
