// The shape the platform's manifest validator accepts: unknown keys refused, request objects as in `execute` (chiefonboarding.md).
import { z } from 'zod';

/** The methods a request object may name; the platform sends POST when none is given (chiefonboarding.md). */
export const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
export type Method = (typeof METHODS)[number];

/** Keys of a request object the interpreter checks but does not run. */
export const NOT_RUN_REQUEST_KEYS = ['continue_if', 'polling', 'save_as_file', 'files'] as const;
/** Top-level keys the interpreter checks but does not run. */
export const NOT_RUN_MANIFEST_KEYS = ['exists', 'revoke', 'extra_user_info', 'initial_data_form', 'form'] as const;

const stringMap = z.record(z.string(), z.string());

/** DOC: a request object — url, method, data, headers, and the execute keys; unknown keys are rejected. */
export const RequestObjectSchema = z.strictObject({
  url: z.string(),
  method: z.enum(METHODS).optional(),
  data: z.record(z.string(), z.json()).optional(),
  headers: stringMap.optional(),
  store_data: stringMap.optional(),
  continue_if: z.strictObject({ response_notation: z.string(), value: z.string() }).optional(),
  polling: z.strictObject({ interval: z.number().positive(), amount: z.number().int().positive() }).optional(),
  save_as_file: z.string().optional(),
  files: stringMap.optional(),
  status_code: z.array(z.number().int().min(100).max(599)).optional(),
});
export type RequestObject = z.infer<typeof RequestObjectSchema>;

/**
 * DOC: the `oauth` object. `refresh` is optional here, as the documentation says; that the platform's
 * validator in fact requires it is reported as a diagnostic, so a manifest without it still runs as documented.
 */
export const OauthSchema = z.strictObject({
  authenticate_url: z.string(),
  access_token: RequestObjectSchema,
  refresh: RequestObjectSchema.optional(),
  without_code: z.boolean().optional(),
});
export type OauthPart = z.infer<typeof OauthSchema>;

const formItem = z.looseObject({ id: z.string(), name: z.string().optional(), description: z.string().optional() });

/** Most an `execute` list may hold: a manifest's list is a few calls, and a bound keeps a run finite. */
export const MAX_EXECUTE_STEPS = 50;

export const ManifestSchema = z.strictObject({
  type: z.string().optional(),
  form: z.array(z.json()).optional(),
  initial_data_form: z.array(formItem).optional(),
  extra_user_info: z.array(formItem).optional(),
  headers: stringMap.optional(),
  exists: z.record(z.string(), z.json()).optional(),
  execute: z.array(RequestObjectSchema).max(MAX_EXECUTE_STEPS).optional(),
  revoke: z.array(RequestObjectSchema).optional(),
  oauth: OauthSchema.optional(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

const received = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`.slice(0, 60);

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'a list',
};

/** One zod issue as a sentence about the key, in the manifest's terms. */
export function issueText(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; the platform's validator refuses unknown keys`;
    case 'invalid_type':
      return value === undefined ? `is missing: it is required` : `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${received(value)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, not ${received(value)}`;
    case 'too_big':
      return issue.origin === 'array' ? `has more than ${String(issue.maximum)} entries` : `must be at most ${String(issue.maximum)}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}${issue.inclusive === false ? ' (exclusive)' : ''}`;
    default:
      return issue.message;
  }
}
