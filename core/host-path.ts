// Routes both transports alike: `https://<host>/<path>` (MSW, Host header) and `http://127.0.0.1:<port>/<host>/<path>`.

export interface HostRoute {
  /** The routing path `/<real-host>/<path>`. */
  routingPath: string;
  /** The real hostname. */
  host: string;
  /** '' when reached on the real host, `/<host>` when reached under the local prefix. */
  localBase: string;
}

/** Splits a URL string without building a URL object: this runs on every request. */
export function hostRoute(url: string, knownHosts: ReadonlySet<string>): HostRoute {
  const schemeEnd = url.indexOf('//') + 2;
  let pathStart = url.indexOf('/', schemeEnd);
  if (pathStart === -1) pathStart = url.length;
  const query = url.indexOf('?', pathStart);
  const path = url.slice(pathStart, query === -1 ? undefined : query) || '/';
  const nextSlash = path.indexOf('/', 1);
  const first = nextSlash === -1 ? path.slice(1) : path.slice(1, nextSlash);
  if (knownHosts.has(first)) return { routingPath: path, host: first, localBase: `/${first}` };
  const authority = url.slice(schemeEnd, pathStart);
  const host = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d+$/, '').toLowerCase();
  return { routingPath: `/${host}${path}`, host, localBase: '' };
}

/** The real https URL of a request, whichever way it arrived. */
export function realUrl(url: string, route: HostRoute): string {
  const schemeEnd = url.indexOf('//') + 2;
  let pathStart = url.indexOf('/', schemeEnd);
  if (pathStart === -1) pathStart = url.length;
  const rest = url.slice(pathStart + route.localBase.length) || '/';
  return `https://${route.host}${rest.startsWith('/') || rest.startsWith('?') ? '' : '/'}${rest}`;
}
