// Small route helpers every provider uses.
import type { Handler } from 'hono';
import { DoubleError } from './errors.ts';
import type { HarnessEnv } from './provider.ts';

/** 405 with an `Allow` header, rendered in the provider's own format. */
export const methodNotAllowed =
  (allow: string[]): Handler<HarnessEnv> =>
  (c) => {
    throw new DoubleError('method_not_allowed', `${c.req.method} is not allowed here; use ${allow.join(' or ')}.`, { allow });
  };
