// Moves the harness clock when applied: tokens issued before it are past their lifetime.
import { defineScenario } from '../../core/scenario.ts';

/** Clearing the scenario does not move the clock back; `reset` does. */
export const clockJump = (name: string, seconds: number, summary: string) =>
  defineScenario({
    name,
    summary,
    defaults: { seconds },
    onApply(ctx, params) {
      ctx.clock.advance(params.seconds);
    },
  });
