// 429 Too Many Requests with Retry-After, for a window of clock time that starts at the first limited request.
import { DoubleError } from '../../core/errors.ts';
import { defineScenario } from '../../core/scenario.ts';

/**
 * Every request in the window gets 429 and `Retry-After` with the seconds left; once the clock has
 * passed the window, requests go through again (the quota has reset). A client that waits as told
 * gets through after one 429; one that retries at once keeps meeting 429s.
 */
export const rateLimited = (name: string, surfaces?: string[], retryAfter = 30) =>
  defineScenario({
    name,
    summary: `429 with Retry-After: ${retryAfter} s (clock time) from the first limited request; then requests pass again.`,
    surfaces,
    defaults: { retryAfter },
    ranges: { retryAfter: { min: 1, max: 31_536_000 } },
    intercept(ctx, params) {
      const now = ctx.clock.now();
      let until = ctx.memory.get('until') as number | undefined;
      if (until === undefined) {
        until = now + params.retryAfter * 1000;
        ctx.memory.set('until', until);
      }
      if (now >= until) return undefined;
      const left = Math.max(1, Math.ceil((until - now) / 1000));
      throw new DoubleError('rate_limited', `Rate limit exceeded; retry after ${left} seconds.`, { retryAfter: left });
    },
  });
