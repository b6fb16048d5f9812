// Octorate's error rendering: typed JSON bodies per status, the plain 404, and HTML pages on the admin site.
import { describe, expect, it } from 'vitest';
import { DoubleError } from '../../core/errors.ts';
import { createHarness } from '../../index.ts';
import { OCTORATE_HOSTS, octorate } from '../../providers/octorate/index.ts';
import { expectTyped } from './support.ts';

const api = OCTORATE_HOSTS.find((h) => h.surface === 'api')!;
const admin = OCTORATE_HOSTS.find((h) => h.surface === 'authorize')!;
const ctx = createHarness().context<typeof octorate.quirks>('octorate');

describe('renderError', () => {
  it('maps each situation to its documented status and type', async () => {
    const cases: Array<[DoubleError, number, string]> = [
      [new DoubleError('invalid_request', 'x', { field: 'size' }), 400, 'ApiParamsExemption'],
      [new DoubleError('invalid_request', 'x', { providerType: 'JsonParseExemption' }), 400, 'JsonParseExemption'],
      [new DoubleError('missing_token', 'x'), 401, 'ApiKeyMissing'],
      [new DoubleError('invalid_token', 'x'), 401, 'ApiKeyInvalid'],
      [new DoubleError('access_denied', 'x'), 403, 'ApiSecurityException'],
      [new DoubleError('quota_exceeded', 'x'), 403, 'ApiQuotaException'],
      [new DoubleError('rate_limited', 'x'), 403, 'ApiQuotaException'],
      [new DoubleError('wrong_environment', 'x'), 403, 'WrongEnviroment'],
      [new DoubleError('not_found', 'x', { providerType: 'ApiResourceMissing' }), 404, 'ApiResourceMissing'],
      [new DoubleError('method_not_allowed', 'x', { allow: ['GET'] }), 405, 'MethodNotAllowed'],
      [new DoubleError('server_error', 'x'), 500, 'InternalServerError'],
      [new DoubleError('temporarily_unavailable', 'x', { retryAfter: 5 }), 503, 'InternalServerError'],
    ];
    for (const [error, status, type] of cases) await expectTyped(octorate.renderError(error, api, ctx), status, type);
    expect(octorate.renderError(new DoubleError('temporarily_unavailable', 'x', { retryAfter: 5 }), api, ctx).headers.get('retry-after')).toBe('5');
    const element = await expectTyped(octorate.renderError(new DoubleError('invalid_request', 'x', { field: 'size' }), api, ctx), 400, 'ApiParamsExemption');
    expect(element.element).toBe('size');
  });

  it('answers a wrong path with a bare 404 and admin-site errors with an escaped HTML page', async () => {
    const plain = octorate.renderError(new DoubleError('not_found', 'x'), api, ctx);
    expect(plain.status).toBe(404);
    expect(await plain.text()).toBe('');
    const page = octorate.renderError(new DoubleError('invalid_request', 'bad <script>'), admin, ctx);
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('bad &lt;script&gt;');
    expect(html).not.toContain('<script>');
  });
});
