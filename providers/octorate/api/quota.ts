// The per-application API quota (UNK size and window, quirks quotaLimit / quotaWindowSeconds); exceeding it is 403 ApiQuotaException.
import type { ProviderContext } from '../../../core/provider.ts';
import type { OctorateQuirks } from '../quirks.ts';
import { world } from '../data/world.ts';

export interface QuotaState {
  used: number;
  remaining: number;
  exceeded: boolean;
}

/** Counts one API call of an application in the current window of clock time; scenario `quota-exceeded` forces it. */
export function countCall(ctx: ProviderContext<OctorateQuirks>, clientId: string): QuotaState {
  const w = world(ctx);
  const now = ctx.clock.now();
  let entry = w.quota.get(clientId);
  if (!entry || now >= entry.windowStart + ctx.quirks.quotaWindowSeconds * 1000 || now < entry.windowStart) {
    entry = { windowStart: now, used: 0 };
    w.quota.set(clientId, entry);
  }
  entry.used++;
  const forced = ctx.scenarios.consume('octorate', 'quota-exceeded') !== undefined;
  const exceeded = forced || entry.used > ctx.quirks.quotaLimit;
  return { used: entry.used, remaining: exceeded ? 0 : ctx.quirks.quotaLimit - entry.used, exceeded };
}

/** Calls used in the current window, for GET /api/configuration (`quotaStatus`). */
export function quotaUsed(ctx: ProviderContext<OctorateQuirks>, clientId: string): number {
  const entry = world(ctx).quota.get(clientId);
  if (!entry || ctx.clock.now() >= entry.windowStart + ctx.quirks.quotaWindowSeconds * 1000) return 0;
  return entry.used;
}
