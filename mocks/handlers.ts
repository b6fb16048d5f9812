// MSW handlers for every emulated host's real https:// URLs, answered by the harness's own provider apps.
import { http, type HttpHandler } from 'msw';
import { DoubleError } from '../core/errors.ts';
import type { Harness } from '../core/harness.ts';
import { assertSupportedNode } from '../core/node-support.ts';
import { withBodyDeadline } from './body-deadline.ts';

/** One catch-all handler per host; the harness routes by host and path exactly as the HTTP server does. */
export function mswHandlers(harness: Harness): HttpHandler[] {
  assertSupportedNode('mswHandlers()');
  return harness.hosts.flatMap((host) => {
    const provider = harness.providers.find((p) => p.id === host.provider)!;
    return [
      http.all(`https://${host.host}/*`, ({ request }) => harness.fetch(withBodyDeadline(request))),
      // The providers answer on https only. Said at once, in the provider's format, without waiting for a body.
      http.all(`http://${host.host}/*`, () =>
        provider.renderError(
          new DoubleError('invalid_request', `${host.host} answers only on https://; this request used plain http.`, { status: 400 }),
          host,
          harness.context(host.provider),
        ),
      ),
    ];
  });
}
