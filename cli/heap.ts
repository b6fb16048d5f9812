// Heap limits for the server thread of `oauth-doubles serve`, from the store limits; loaded by the main thread, so kept light.
import { resolveLimits, type LimitsInput } from '../core/limits.ts';
import { PROVIDER_IDS } from '../providers/ids.ts';

const MiB = 1024 * 1024;
/** Receiver inboxes to size the heap for: ONEiO's QA and PROD, and room for two more. */
const INBOXES = 4;

/**
 * Heap limits for the server thread, in MB. V8 lets a heap grow to four times what is live once its maximum
 * reaches about 1 GB, and holds on to that memory after a burst: under 1 GB the factor falls to two or less
 * (measured with `npm run soak`: RSS at the end 665 MB without limits, 270 MB with them and 20,000 tokens per provider). The maximum is
 * three times the stores' full byte budget, and never below 960 MB, so raised limits raise it with them.
 */
export function heapLimits(limits: LimitsInput): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  const l = resolveLimits(limits);
  const providers = PROVIDER_IDS.length;
  const budget = (l.tokens.bytes + l.codes.bytes) * providers + l.inbox.bytes * INBOXES + l.journal.bytes;
  return { maxOldGenerationSizeMb: Math.max(960, Math.ceil((3 * budget) / MiB)), maxYoungGenerationSizeMb: 24 };
}
