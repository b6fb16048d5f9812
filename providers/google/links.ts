// Absolute links to Google's hosts as the current request reached them: the real https URL, or the local server's prefix.
import type { Context } from 'hono';
import type { HarnessEnv } from '../../core/provider.ts';

/**
 * `https://<host>` when the request came on a real host (MSW, proxy, Host header); `http://127.0.0.1:<port>/<host>`
 * when it came under the local server's prefix — so a discovery document read locally points locally.
 */
export function baseFor(c: Context<HarnessEnv>, host: string): string {
  if (c.get('localBase') === '') return `https://${host}`;
  const url = c.req.url;
  const pathStart = url.indexOf('/', url.indexOf('//') + 2);
  return `${url.slice(0, pathStart)}/${host}`;
}
