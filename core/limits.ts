// How much state a harness keeps: every store is bounded in count and in (estimated) bytes, all configurable.

export interface StoreLimit {
  /** Most records kept. */
  count: number;
  /** Most estimated bytes kept (records' strings and bodies plus a fixed overhead per record). */
  bytes: number;
}

export interface HarnessLimits {
  /** Access and refresh tokens, per provider: one provider's flood never evicts another's tokens. */
  tokens: StoreLimit;
  /** Authorisation codes, per provider. */
  codes: StoreLimit;
  /** Messages a receiver accepted, per provider environment (`oneio/qa`). */
  inbox: StoreLimit;
  /** The request journal, whole harness. */
  journal: StoreLimit;
}

export type LimitsInput = { [K in keyof HarnessLimits]?: Partial<StoreLimit> };

const MiB = 1024 * 1024;

/**
 * Sized so that a long-running server stays well under 300 MB with every store full, while a test suite
 * never comes near them: a valid token is only dropped past 20,000 tokens of one provider, and then the least
 * used of the client holding the most.
 */
export const DEFAULT_LIMITS: HarnessLimits = {
  tokens: { count: 20_000, bytes: 16 * MiB },
  codes: { count: 20_000, bytes: 8 * MiB },
  inbox: { count: 10_000, bytes: 16 * MiB },
  journal: { count: 10_000, bytes: 32 * MiB },
};

/** The command-line flag that raises each store's count. */
export const LIMIT_FLAGS: Record<keyof HarnessLimits, string> = {
  tokens: '--max-tokens',
  codes: '--max-codes',
  inbox: '--max-messages',
  journal: '--max-requests',
};

export function resolveLimits(input: LimitsInput = {}): HarnessLimits {
  const out = {} as HarnessLimits;
  for (const name of Object.keys(DEFAULT_LIMITS) as (keyof HarnessLimits)[]) {
    const given = input[name] ?? {};
    const base = DEFAULT_LIMITS[name];
    // Raising only the count raises the bytes in proportion, so the count given is the one that binds.
    const bytes = given.bytes ?? (given.count !== undefined ? Math.max(base.bytes, Math.ceil((given.count * base.bytes) / base.count)) : base.bytes);
    const limit = { count: given.count ?? base.count, bytes };
    for (const [key, value] of Object.entries(limit)) {
      if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`limits.${name}.${key} must be a whole number ≥ 1, got ${String(value)}.`);
    }
    out[name] = limit;
  }
  return out;
}

/** Where a user raises a limit, for the messages that say a limit was reached. */
export const raiseHint = (name: keyof HarnessLimits): string =>
  `raise it with ${LIMIT_FLAGS[name]} (or "limits": {"${name}": {"count": N, "bytes": N}} in the config file, or createHarness({ limits }))`;
