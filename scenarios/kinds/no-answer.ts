// The provider never answers: the request hangs until the client gives up, or a gateway in front cuts it off.
import { sleepOnTimers } from '../../core/clock.ts';
import { defineScenario } from '../../core/scenario.ts';

/** Status recorded when the client gave up on a request the provider was still holding (nginx's "client closed request"). */
export const CLIENT_CLOSED_REQUEST = 499;

/**
 * Holds every request without an answer. A client with a time-out of its own aborts it (the journal
 * records 499, "client closed request"); one without waits until `holdSeconds` of timer time have
 * passed, when the gateway in front answers 504 — as a load balancer does in front of a hung server
 * (Node's fetch on its own would wait 300 s for the headers).
 */
export const noAnswer = (name: string, surfaces?: string[], holdSeconds = 300) =>
  defineScenario({
    name,
    summary: `Never answers: the request hangs until the client gives up, or ${holdSeconds} s (timer time) pass and a gateway answers 504.`,
    surfaces,
    defaults: { holdSeconds },
    async intercept(ctx, params) {
      const elapsed = await (ctx.clock.sleep ?? sleepOnTimers)(params.holdSeconds * 1000, ctx.request.signal);
      if (!elapsed) return new Response(null, { status: CLIENT_CLOSED_REQUEST });
      return new Response('<html><head><title>504 Gateway Time-out</title></head><body><h1>504 Gateway Time-out</h1></body></html>', {
        status: 504,
        headers: { 'content-type': 'text/html' },
      });
    },
  });
