// A 200 answer with an HTML body, as a proxy, captive portal or login page returns in front of an API.
import { defineScenario } from '../../core/scenario.ts';

export const htmlResponse = (name: string, surfaces?: string[]) =>
  defineScenario({
    name,
    summary: '200 OK with an HTML page instead of JSON (a proxy or gateway error page).',
    surfaces,
    defaults: { status: 200 },
    // What a Response can carry.
    ranges: { status: { min: 200, max: 599 } },
    intercept: (_ctx, params) =>
      new Response(
        '<!DOCTYPE html><html><head><title>Gateway</title></head><body><h1>Service temporarily unreachable</h1><p>Please try again later.</p></body></html>',
        { status: params.status, headers: { 'content-type': 'text/html; charset=utf-8' } },
      ),
  });
