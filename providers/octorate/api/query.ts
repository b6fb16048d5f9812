// Strict reading of API query parameters: whole numbers in range, calendar dates, enumerations → 400 ApiParamsExemption.
import type { Context } from 'hono';
import { DoubleError } from '../../../core/errors.ts';
import type { HarnessVariables } from '../../../core/provider.ts';
import { parseDay } from '../data/dates.ts';

export function intParam(c: Context<any>, name: string, limits: { min: number; max?: number; fallback: number }): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return limits.fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < limits.min || (limits.max !== undefined && value > limits.max)) {
    const range = limits.max !== undefined ? `${limits.min}–${limits.max}` : `at least ${limits.min}`;
    throw new DoubleError('invalid_request', `Query parameter "${name}" must be a whole number ${range}; got "${raw}".`, { field: name });
  }
  return value;
}

/** A `YYYY-MM-DD` date as UTC midnight; undefined when absent and not required. */
export function dayParam(c: Context<any>, name: string, required: boolean): number | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') {
    if (required) throw new DoubleError('invalid_request', `Query parameter "${name}" (YYYY-MM-DD) is required.`, { field: name });
    return undefined;
  }
  const day = parseDay(raw);
  if (day === undefined) throw new DoubleError('invalid_request', `Query parameter "${name}" must be a date YYYY-MM-DD; got "${raw}".`, { field: name });
  return day;
}

export function enumParam<T extends string>(c: Context<any>, name: string, allowed: readonly T[]): T | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new DoubleError('invalid_request', `Query parameter "${name}" must be one of ${allowed.join(', ')}; got "${raw}".`, { field: name });
  }
  return raw as T;
}

/**
 * The URL of another page of this listing: on the real host (MSW, Host-header routing, the proxy) or
 * under the server's own origin (local prefix) — never on whatever host the request's `Host` header named.
 */
export function pageUrl(c: Context<any>, page: number, size: number): string {
  const vars = c.var as HarnessVariables;
  const real = new URL(vars.realUrl);
  const url = new URL(`${vars.linkBase}${real.pathname}${real.search}`);
  url.searchParams.set('page', String(page));
  url.searchParams.set('size', String(size));
  return url.toString();
}
