// Small wording helpers the shared checks use for figures and evidence.
import type { JournalEntry } from '../../core/journal.ts';
import { CLIENT_CLOSED_REQUEST } from '../../scenarios/kinds/no-answer.ts';
import type { BaseSettings, CheckContext } from '../types.ts';

/** `30 s`, `0.5 s` */
export const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(3))} s`;

/** Evidence lines for entries, at most `max`, then how many more. */
export function evidenceLines<S extends BaseSettings, O extends object>(t: CheckContext<S, O>, entries: JournalEntry[], max = 8): string[] {
  const out = entries.slice(0, max).map((e) => t.describe(e));
  if (entries.length > max) out.push(`… and ${entries.length - max} more`);
  return out;
}

/** `401 invalid_client`: the status and the error the journal recorded for an entry; `no answer` for a request the client gave up on before any. */
export const statusOf = (entry: JournalEntry): string => {
  if (entry.status === CLIENT_CLOSED_REQUEST) return 'no answer';
  return entry.errorType ? `${entry.status} ${entry.errorType}` : `${entry.status}${entry.error ? ` ${entry.error}` : ''}`;
};

/** The distinct answers of entries, for a message: `503 temporarily_unavailable`, or `401 invalid_client and 200`. */
export function answersOf(entries: JournalEntry[]): string {
  const seen = [...new Set(entries.map(statusOf))];
  return seen.length <= 2 ? seen.join(' and ') : `${seen.slice(0, 2).join(', ')}…`;
}

/** Virtual time from the first to the last entry. */
export const spanOf = (entries: JournalEntry[]): string => (entries.length > 1 ? seconds(entries.at(-1)!.at - entries[0]!.at) : '0 s');

/**
 * What a Bearer call carried when it is not a token the provider issued: `"Authorization: Bearer undefined"` for
 * the literals a failed parse leaves, else `a Bearer token <provider> never issued`. Undefined for an issued token.
 * `fingerprint` is the provider's redactor (the journal keeps header values fingerprinted).
 */
export function bogusBearer(entry: JournalEntry, fingerprint: (value: string) => string, provider: string): string | undefined {
  if (entry.credential?.scheme !== 'Bearer' || entry.credential.ref !== 'unknown') return undefined;
  const header = entry.headers.authorization ?? '';
  for (const literal of ['undefined', 'null', '[object Object]']) {
    if (header === `Bearer ${fingerprint(literal)}`) return `"Authorization: Bearer ${literal}"`;
  }
  return `a Bearer token ${provider} never issued`;
}
