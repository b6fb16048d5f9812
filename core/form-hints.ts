// What the commonest broken token requests get told: the fix, in the provider's words, never a piece of the secret.
import { DoubleError } from './errors.ts';

/** Characters that change a value sent without form-encoding: '+' reads as a space, '&' and '=' cut it into fields. */
const FORM_SPECIAL = /[+&=%]/;

/**
 * True when the raw body carries one of `secrets` literally as `client_secret=<secret>`: built by string
 * concatenation, not form-encoded. Such a body parses into a different secret and stray fields named after
 * pieces of the secret — which an error must then never quote.
 */
export function unencodedSecret(body: string, secrets: readonly string[]): boolean {
  return secrets.some((secret) => FORM_SPECIAL.test(secret) && body.includes(`client_secret=${secret}`));
}

/** The explanation for an unencoded client_secret: what happened and the fix, naming no part of it. */
export const UNENCODED_SECRET_HINT =
  "The client_secret was not form-encoded: its '+', '&' or '=' characters changed it on the way ('+' reads as a space, '&' and '=' cut it into fields of their own). Build the body with URLSearchParams (or encodeURIComponent each value).";

/** True when the request carries HTTP Basic credentials. */
export const basicAuth = (authorization: string | null | undefined): boolean => /^basic\s/i.test(authorization ?? '');

/** The same refusal (code, status, provider type) with a message that points at the fix. */
export function reworded(error: unknown, message: string): unknown {
  return error instanceof DoubleError ? new DoubleError(error.code, message, error.details, error.cause) : error;
}
