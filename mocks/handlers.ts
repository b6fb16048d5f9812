// MSW handlers for every emulated host's real https:// URLs, answered by the harness's own provider apps.
import { http, type HttpHandler } from 'msw';
import type { Harness } from '../core/harness.ts';
import { assertSupportedNode } from '../core/node-support.ts';

/** One catch-all handler per host; the harness routes by host and path exactly as the HTTP server does. */
export function mswHandlers(harness: Harness): HttpHandler[] {
  assertSupportedNode('mswHandlers()');
  return harness.hosts.map((host) => http.all(`https://${host.host}/*`, ({ request }) => harness.fetch(request)));
}
