// A delay before the provider answers, to exercise client time-outs.
import { sleepOnTimers } from '../../core/clock.ts';
import { defineScenario } from '../../core/scenario.ts';

/**
 * Waits on the harness clock's timers (the global setTimeout, so fake timers move it), then lets the
 * provider answer. A client that gives up first aborts the wait, and the provider still handles the
 * request, as a real server that never learns the client left: a code sent is spent, a token issued.
 */
export const slow = (name: string, surfaces?: string[], delayMs = 2000) =>
  defineScenario({
    name,
    summary: `Answers after a delay of ${delayMs} ms (timer time; fake timers move it). A client that gives up first still had its request handled.`,
    surfaces,
    defaults: { delayMs },
    // setTimeout's limit (2^31 - 1 ms, about 24.8 days): a longer delay would fire at once.
    ranges: { delayMs: { min: 0, max: 2_147_483_647 } },
    async intercept(ctx, params) {
      await (ctx.clock.sleep ?? sleepOnTimers)(params.delayMs, ctx.request.signal);
      return undefined;
    },
  });
