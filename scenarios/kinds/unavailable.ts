// 503 Service Unavailable on every request while on: the provider is down.
import { DoubleError } from '../../core/errors.ts';
import { defineScenario } from '../../core/scenario.ts';

export const unavailable = (name: string, surfaces?: string[]) =>
  defineScenario({
    name,
    summary: '503 Service Unavailable on every request (pass `times` to recover after N requests).',
    surfaces,
    defaults: { retryAfter: 0 },
    ranges: { retryAfter: { min: 0, max: 31_536_000 } },
    intercept(_ctx, params) {
      throw new DoubleError('temporarily_unavailable', 'The service is temporarily unavailable.', {
        retryAfter: params.retryAfter > 0 ? params.retryAfter : undefined,
      });
    },
  });
