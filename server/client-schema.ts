// The shape of a client a user registers, shared by the config file and the admin API.
import { z } from 'zod';

export const ClientInputSchema = z.strictObject({
  provider: z.string().min(1),
  environment: z.string().min(1),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  redirectUris: z.array(z.string()).optional(),
  scopes: z.array(z.string()).optional(),
  label: z.string().optional(),
});
