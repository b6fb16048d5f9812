// Moves the harness clock when applied: tokens issued before it are past their lifetime.
import { CLOCK_MAX_MS } from '../../core/clock.ts';
import { defineScenario } from '../../core/scenario.ts';

/** Clearing the scenario does not move the clock back; `reset` does. */
export const clockJump = (name: string, seconds: number, summary: string) =>
  defineScenario({
    name,
    summary,
    defaults: { seconds },
    // The clock refuses a jump that would leave its range (1970–9999) before anything changes.
    ranges: { seconds: { min: -CLOCK_MAX_MS / 1000, max: CLOCK_MAX_MS / 1000, integer: false } },
    onApply(ctx, params) {
      ctx.clock.advance(params.seconds);
    },
  });
