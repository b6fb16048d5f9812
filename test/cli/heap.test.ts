// The serve command's server thread: heap limits that follow the store limits, and the provider list its main thread uses.
import { describe, expect, it } from 'vitest';
import { heapLimits } from '../../cli/heap.ts';
import { ALL_PROVIDERS } from '../../index.ts';
import { PROVIDER_IDS } from '../../providers/ids.ts';

describe('the server thread of oauth-doubles serve', () => {
  it('keeps the heap under 1 GB at the default limits, where V8 lets it grow to twice what is live rather than four times', () => {
    const limits = heapLimits({});
    expect(limits.maxOldGenerationSizeMb).toBe(960);
    expect(limits.maxYoungGenerationSizeMb).toBe(24);
  });

  it('raises the heap with raised store limits, so data within the limits always fits', () => {
    const raised = heapLimits({ tokens: { count: 1_000_000 } });
    // 1,000,000 tokens raise the token bytes 50-fold (800 MiB per provider): the heap follows at three times the budget.
    expect(raised.maxOldGenerationSizeMb).toBeGreaterThan(4 * 800 * 3);
  });

  it('names the providers the harness loads', () => {
    expect([...PROVIDER_IDS]).toEqual(ALL_PROVIDERS.map((p) => p.id));
  });
});
