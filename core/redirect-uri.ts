// What a registered redirect URI may be: absolute https, http only on loopback, no fragment (RFC 6749 §3.1.2, RFC 8252 §7.3).
import { isLoopback } from './loopback.ts';

/**
 * Why a redirect URI cannot be registered, or undefined when it can. RFC 6749 §3.1.2: absolute, no
 * fragment; RFC 9700 §2.1 / RFC 8252 §7.3: plain http only for loopback. Anything else (`javascript:`,
 * `data:`, `file:`, relative paths) would be a redirect the fake must never make.
 */
export function redirectUriProblem(uri: string): string | undefined {
  if (uri === '') return 'is empty';
  if (/[\s\u0000-\u001f\u007f]/.test(uri)) return 'contains white space or control characters';
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'is not an absolute URL';
  }
  if (uri.includes('#')) return 'has a fragment (RFC 6749 §3.1.2 forbids one)';
  if (url.protocol === 'https:') return url.hostname === '' ? 'has no host' : undefined;
  if (url.protocol === 'http:') return isLoopback(url.hostname) ? undefined : 'uses http on a host that is not loopback (only https, or http on 127.0.0.1/[::1]/localhost)';
  return `uses the scheme ${url.protocol.slice(0, -1).slice(0, 20)}: (only https, or http on loopback)`;
}
