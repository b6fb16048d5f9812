// How the platform's Python HTTP library shapes a request: a dict `data` becomes a form body, `Basic user:pass` headers are encoded, its default headers.
import { pythonQuote, pythonStr } from '../template.ts';

/** The headers python-requests adds to every request (the platform sets no others). */
export const REQUESTS_DEFAULT_HEADERS: Record<string, string> = {
  'user-agent': 'python-requests/2.32.3',
  accept: '*/*',
  'accept-encoding': 'gzip, deflate',
};

/** Python's quote_plus: what urlencode() does to each name and value of a form body. */
const quotePlus = (text: string): string => pythonQuote(text, ' ').replaceAll(' ', '+');

/**
 * requests' encoding of `data=dict`: a list value repeats its field, an object value sends its keys (it is
 * iterated), None is dropped, other scalars are str()'d (True, 3599). An empty dict sends no body.
 */
export function formBody(data: Record<string, unknown>): string | undefined {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(data)) {
    const items = value === null ? [] : Array.isArray(value) ? value : typeof value === 'object' ? Object.keys(value) : [value];
    for (const item of items) if (item !== null) pairs.push(`${quotePlus(name)}=${quotePlus(pythonStr(item))}`);
  }
  return pairs.length > 0 ? pairs.join('&') : undefined;
}

/** INF (the platform's request helper): a header value starting with "Basic" has its rest rendered and base64-encoded. */
export function basicHeader(rendered: string): string {
  return `Basic ${Buffer.from(rendered, 'latin1').toString('base64')}`;
}

/** Python's urlparse(url).query is non-empty: the platform then appends `&code=`, otherwise `?code=`. */
export function hasQuery(url: string): boolean {
  const q = url.indexOf('?');
  if (q === -1) return false;
  const hash = url.indexOf('#');
  if (hash !== -1 && hash < q) return false;
  return (hash === -1 ? url.length : hash) - (q + 1) > 0;
}

/** Django's request.GET.get('code', ''): the query decoded (+ as a space); for a repeated key QueryDict gives the last value. */
export function queryValue(url: string, name: string): string {
  const values = new URL(url).searchParams.getAll(name);
  return values.at(-1) ?? '';
}
