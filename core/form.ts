// Strict application/x-www-form-urlencoded parsing, as OAuth token endpoints require (RFC 6749 §3.2, §4.4.2).
import { DoubleError } from './errors.ts';

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** The media type of a Content-Type header, lower-cased and without parameters (`; charset=…`). */
export function mediaType(contentType: string | null | undefined): string {
  if (!contentType) return '';
  const semi = contentType.indexOf(';');
  return (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

export interface FormRules {
  /** Fields that must be present and non-empty. */
  required: readonly string[];
  /** Fields that may be present. */
  optional?: readonly string[];
  /** Reject fields that are neither required nor optional. */
  rejectUnknown: boolean;
  /** How the provider names its expectation, used in error descriptions. */
  who: string;
}

export type FormFields = ReadonlyMap<string, string>;

/**
 * Parses a form body with the rules every emulated token endpoint shares: the form media type,
 * each field at most once (RFC 6749 §3.2: "MUST NOT be included more than once"), no empty
 * required field, and — where the provider documents an exact field list — nothing else.
 * Keys live in a Map, so `__proto__` and friends are plain (unknown) field names.
 */
export function parseForm(contentType: string | null | undefined, body: string, rules: FormRules): FormFields {
  const type = mediaType(contentType);
  if (type !== FORM_CONTENT_TYPE) {
    const sent = type === '' ? 'no Content-Type' : `Content-Type ${type}`;
    throw new DoubleError(
      'invalid_request',
      `${rules.who} accepts only ${FORM_CONTENT_TYPE} bodies; the request had ${sent}.`,
      { field: 'Content-Type' },
    );
  }
  if (body.trim() === '') {
    throw new DoubleError('invalid_request', `Empty request body; ${rules.who} needs the fields ${rules.required.join(', ')}.`);
  }
  const fields = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(body)) {
    if (fields.has(key)) {
      throw new DoubleError('invalid_request', `The field "${key}" was sent more than once.`, { field: key });
    }
    fields.set(key, value);
  }
  for (const name of rules.required) {
    if (!fields.get(name)) {
      throw new DoubleError('invalid_request', `The field "${name}" is missing or empty.`, { field: name });
    }
  }
  if (rules.rejectUnknown) {
    const allowed = new Set([...rules.required, ...(rules.optional ?? [])]);
    const unknown = [...fields.keys()].filter((key) => !allowed.has(key));
    if (unknown.length > 0) {
      throw new DoubleError(
        'invalid_request',
        `Unexpected field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}; ${rules.who} takes exactly ${[...allowed].join(', ')}.`,
        { field: unknown[0] },
      );
    }
  }
  return fields;
}

/** The value of a field that `parseForm` has already required. */
export function field(fields: FormFields, name: string): string {
  return fields.get(name) ?? '';
}
