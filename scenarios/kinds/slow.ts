// A real delay before the provider answers, to exercise client time-outs.
import { defineScenario } from '../../core/scenario.ts';

/** Uses the global setTimeout, looked up per request, so vitest's fake timers control it too. */
export const slow = (name: string, surfaces?: string[], delayMs = 2000) =>
  defineScenario({
    name,
    summary: `Answers after a delay of ${delayMs} ms (timer time; fake timers move it).`,
    surfaces,
    defaults: { delayMs },
    // setTimeout's limit (2^31 - 1 ms, about 24.8 days): a longer delay would fire at once.
    ranges: { delayMs: { min: 0, max: 2_147_483_647 } },
    async intercept(ctx, params) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, params.delayMs);
        ctx.request.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      return undefined;
    },
  });
