// Paged admin reads: `?limit&after`, built in small slices with a yield between them, every item serialisable.
import type { Context } from 'hono';
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { safeStringify } from '../core/safe-json.ts';

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;
/** Items rendered between two yields to the event loop: small enough that other requests wait ~1 ms at most. */
const SLICE = 10;

export interface PageRequest {
  after: number;
  limit: number;
}

/** `limit` (1–1000, default 100) and `after` (a `seq`, default 0) from the query, or a message saying what is wrong. */
export function pageRequest(c: Context): PageRequest | string {
  const { limit, after } = c.req.query();
  const whole = (raw: string | undefined, name: string, fallback: number, max: number): number | string => {
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    return /^\d+$/.test(raw) && Number.isSafeInteger(n) && n <= max ? n : `"${name}" must be a whole number from 0 to ${max}.`;
  };
  const l = whole(limit, 'limit', DEFAULT_PAGE, MAX_PAGE);
  const a = whole(after, 'after', 0, Number.MAX_SAFE_INTEGER);
  if (typeof l === 'string') return l;
  if (typeof a === 'string') return a;
  if (l < 1) return '"limit" must be at least 1.';
  return { after: a, limit: l };
}

export interface Slice<T> {
  items: T[];
  next: number | null;
}

/**
 * Reads `limit` items through `read` in slices, yielding between them, and answers
 * `{"<key>": [...], "next": …, …extra}`. An item that cannot be serialised is replaced, never a 500.
 */
export async function pagedJson<T extends { seq: number }>(
  c: Context,
  key: string,
  request: PageRequest,
  read: (after: number, limit: number) => Slice<T>,
  extra: () => Record<string, unknown>,
): Promise<Response> {
  const parts: string[] = [];
  let after = request.after;
  let next: number | null = null;
  let left = request.limit;
  for (;;) {
    const slice = read(after, Math.min(SLICE, left));
    for (const item of slice.items) parts.push(safeStringify(item, () => ({ seq: item.seq, unserialisable: 'this item could not be serialised' })));
    left -= slice.items.length;
    next = slice.next;
    if (next === null || left <= 0) break;
    after = next;
    await yieldToOthers();
  }
  const tail = safeStringify({ next, ...extra() }, () => ({ next }));
  const body = `{"${key}":[${parts.join(',')}],${tail.slice(1)}`;
  return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' });
}
