// Reads the Authorization header the way RFC 6750 §2.1 and RFC 7617 define it, for routes and the journal.

export type Credential =
  | { scheme: 'none' }
  | { scheme: 'bearer'; token: string }
  | { scheme: 'basic'; user: string; password: string }
  | { scheme: 'malformed'; reason: string }
  /** Another scheme (`Digest`, `Token`…), or `(no scheme)` when the header holds a bare credential. */
  | { scheme: 'other'; name: string };

/** What a scheme name looks like (RFC 7235 §2.1 token, kept short): a bare token or secret is never mistaken for one. */
const SCHEME = /^[a-z][a-z0-9-]{0,19}$/i;

const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

/** Scheme names are case-insensitive (RFC 7235 §2.1); exactly one space separates scheme and credentials. */
export function readCredential(header: string | null | undefined): Credential {
  if (header === null || header === undefined || header.trim() === '') return { scheme: 'none' };
  const space = header.indexOf(' ');
  const scheme = (space === -1 ? header : header.slice(0, space)).toLowerCase();
  const value = space === -1 ? '' : header.slice(space + 1);
  if (scheme === 'bearer') {
    if (!TOKEN68.test(value)) return { scheme: 'malformed', reason: 'The Bearer credentials are not a single token68 value (RFC 6750 §2.1).' };
    return { scheme: 'bearer', token: value };
  }
  if (scheme === 'basic') {
    if (!TOKEN68.test(value)) return { scheme: 'malformed', reason: 'The Basic credentials are not base64 (RFC 7617 §2).' };
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon === -1) return { scheme: 'malformed', reason: 'The Basic credentials have no "user:password" pair (RFC 7617 §2).' };
    return { scheme: 'basic', user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  // `Authorization: <token>` without a scheme: the credential must not be shown (or logged) as if it were a scheme name.
  return { scheme: 'other', name: space !== -1 && SCHEME.test(scheme) ? scheme : '(no scheme)' };
}
