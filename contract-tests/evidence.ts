// Journal entries as one-line evidence for reports: when, what was sent, how it authenticated, what came back.
import type { JournalBody, JournalEntry } from '../core/journal.ts';
import { CLIENT_CLOSED_REQUEST } from '../scenarios/kinds/no-answer.ts';
import type { RequestAnswer } from './types.ts';

function bodyText(body: JournalBody): string {
  switch (body.kind) {
    case 'empty':
      return 'no body';
    case 'form':
      return `form(${Object.keys(body.fields).join(', ')})`;
    case 'json':
      return 'JSON body';
    case 'text':
      return `text body "${body.text.slice(0, 40)}${body.text.length > 40 || body.truncated ? '…' : ''}"`;
    case 'unreadable':
      return `unreadable body (${body.reason})`;
  }
}

function credentialText(entry: JournalEntry): string {
  const c = entry.credential;
  if (!c) return 'no Authorization';
  if (c.scheme === 'Bearer') return `Bearer ${c.ref === 'unknown' ? '‹a token never issued›' : c.ref}${c.expired ? ' (expired)' : ''}`;
  if (c.scheme === 'Basic') return `Basic ${c.ref}`;
  return `${c.scheme} Authorization (${c.ref})`;
}

/** A journal URL with its redaction markers as they read (`‹redacted:1a2b3c4d›`), not percent-encoded by the URL serialiser. */
export const readableUrl = (url: string): string => url.replace(/%E2%80%B9redacted%3A([0-9a-f]+)%E2%80%BA/gi, '‹redacted:$1›');

const secondsText = (ms: number): string => `${Number((ms / 1000).toFixed(3))} s`;

/** How long the answer took, when a scenario held the request, and whether the client gave up first. */
function timingText(entry: JournalEntry, answer: RequestAnswer | undefined): string {
  if (!answer) return '';
  const held = answer.at - entry.at;
  if (answer.abandoned) return ` · the client gave up waiting after ${secondsText(held)}`;
  return held >= 1000 ? ` · answered after ${secondsText(held)}` : '';
}

/**
 * `+30.000s POST https://host/path · application/json JSON body · Bearer oneio-access-1 → 429 rate_limited [scenario rate-limited]`,
 * with `· the client gave up waiting after 30 s` when the client aborted a request the provider was holding.
 */
export function describeEntry(entry: JournalEntry, epoch: number, answer?: RequestAnswer): string {
  const at = `+${((entry.at - epoch) / 1000).toFixed(3)}s`;
  const type = entry.contentType ? `${entry.contentType} ` : '';
  const code = entry.status === CLIENT_CLOSED_REQUEST && answer?.abandoned ? 'no answer' : String(entry.status);
  const status = `${code}${entry.error ? ` ${entry.error}` : ''}${entry.answeredBy ? ` [scenario ${entry.answeredBy}]` : ''}`;
  return `${at} ${entry.method} ${readableUrl(entry.url)} · ${type}${bodyText(entry.body)} · ${credentialText(entry)} → ${status}${timingText(entry, answer)}`;
}

/**
 * Replaces every registered client secret, and each piece of one split at '+', '&' or '=' (what a body built
 * without form encoding scatters into field names and values), with ‹secret›: reports must not leak them.
 */
export function secretScrubber(secrets: string[]): (text: string) => string {
  const pieces = [...new Set(secrets.flatMap((s) => [s, s.replaceAll('+', ' '), ...s.split(/[+&=]/)]))]
    .filter((p) => p.trim().length >= 4)
    .sort((a, b) => b.length - a.length);
  return (text) => pieces.reduce((out, piece) => out.replaceAll(piece, '‹secret›'), text);
}
