// Reading a JSON request body strictly: the JSON media type, valid JSON, and a schema whose first problem names the field.
import type { Context } from 'hono';
import type { z } from 'zod';
import { DoubleError } from '../../../core/errors.ts';
import { mediaType } from '../../../core/form.ts';
import type { HarnessEnv } from '../../../core/provider.ts';

/** `schema` is a `lazySchema` (core/zod.ts): zod loads on the first body, not at start. */
export async function jsonBody<T>(c: Context<HarnessEnv>, schema: () => Promise<z.ZodType<T>>, what: string): Promise<T> {
  const type = mediaType(c.req.header('content-type'));
  if (type !== 'application/json') {
    throw new DoubleError('unsupported_media_type', `${what} takes a JSON body (Content-Type: application/json); the request had ${type || 'no Content-Type'}.`, { field: 'Content-Type' });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(c.get('bodyText'));
  } catch {
    throw new DoubleError('invalid_request', `${what}: the body is not valid JSON.`);
  }
  const parsed = (await schema()).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys].join('.') : issue.path.join('.') || 'body';
    const message = issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
    throw new DoubleError('invalid_request', `${what}: ${where}: ${message}.`, { field: where });
  }
  return parsed.data;
}
