// A 200 answer that claims to be JSON but is cut off mid-document.
import { defineScenario } from '../../core/scenario.ts';

export const malformedJson = (name: string, surfaces?: string[]) =>
  defineScenario({
    name,
    summary: '200 OK with Content-Type application/json and a truncated, unparsable body.',
    surfaces,
    defaults: {},
    intercept: () =>
      new Response('{"access_token": "', { status: 200, headers: { 'content-type': 'application/json' } }),
  });
