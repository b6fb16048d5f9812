// The provider refuses the client's credentials (rotated or revoked secret), whatever it sends.
import { DoubleError } from '../../core/errors.ts';
import { defineScenario } from '../../core/scenario.ts';

export const refuseClient = (name: string, surfaces?: string[]) =>
  defineScenario({
    name,
    summary: 'The client credentials are refused (the secret was rotated or the client disabled).',
    surfaces,
    defaults: {},
    intercept() {
      throw new DoubleError('invalid_client', 'Client authentication failed.');
    },
  });
