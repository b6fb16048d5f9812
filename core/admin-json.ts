// JSON bodies of the providers' admin endpoints: parsed, checked against a schema, refused as the admin API refuses.
import type { Context } from 'hono';
import type { z } from 'zod';
import { isDoubleError, type DoubleError } from './errors.ts';
import { loadZod } from './zod.ts';

/** The body checked against `schema` (a `lazySchema` from core/zod.ts), or the 400 answer to send instead. */
export async function adminJson<T>(c: Context, schema: () => Promise<z.ZodType<T>>): Promise<T | Response> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    return c.json({ error: 'invalid_request', error_description: 'The body must be JSON.' }, 400);
  }
  const parsed = (await schema()).safeParse(raw);
  if (!parsed.success) return c.json({ error: 'invalid_request', error_description: (await loadZod()).prettifyError(parsed.error) }, 400);
  return parsed.data;
}

/** A provider's refusal (a DoubleError) as the admin API's 400; anything else is rethrown. */
export function adminRefusal(c: Context, error: unknown, code: (error: DoubleError) => string = (e) => e.code): Response {
  if (!isDoubleError(error)) throw error;
  return c.json({ error: code(error), error_description: error.description }, 400);
}
