// What a library's error says about the provider's answer (status, Retry-After, OAuth error, Octorate's type), in one shape for the reference clients' hooks.

type HeaderBag = Headers | Record<string, string | string[] | undefined> | undefined;

const header = (headers: HeaderBag, name: string): string | undefined => {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
};

interface Loose {
  status?: unknown;
  response?: { status?: unknown; headers?: HeaderBag; data?: unknown };
  cause?: unknown;
  output?: { statusCode?: unknown };
  data?: { res?: { statusCode?: unknown; headers?: HeaderBag }; payload?: unknown };
  message?: unknown;
}

/**
 * An error the hooks understand: `status` when the provider answered, `retryAfter`, and Octorate's `type`.
 * Reads openid-client / oauth4webapi (status, cause Response or body), simple-oauth2 (Boom from wreck) and axios.
 */
export function asRefusal(error: unknown): Error {
  const e = (error ?? {}) as Loose;
  const cause = (e.cause ?? {}) as Loose & { headers?: HeaderBag };
  const status = [e.status, e.response?.status, cause.status, e.output?.statusCode, e.data?.res?.statusCode].find((s) => typeof s === 'number') as number | undefined;
  const headers = e.response?.headers ?? cause.headers ?? e.data?.res?.headers;
  const body = (e.response?.data ?? e.data?.payload ?? cause) as { type?: unknown; error?: unknown } | undefined;
  const code = (e as { error?: unknown }).error ?? body?.error;
  const described = e as { error?: unknown; error_description?: unknown };
  const own =
    typeof described.error === 'string'
      ? `${typeof e.message === 'string' ? `${e.message}: ` : ''}${described.error}${typeof described.error_description === 'string' ? ` (${described.error_description})` : ''}`
      : typeof e.message === 'string'
        ? e.message
        : String(error);
  // openid-client wraps oauth4webapi's precise error ("… token_type property must be a string") as its cause.
  const message = e.cause instanceof Error && e.cause.message !== own ? `${own}: ${e.cause.message}` : own;
  return Object.assign(new Error(message), {
    status,
    retryAfter: header(headers, 'retry-after'),
    type: body && typeof body === 'object' && typeof body.type === 'string' ? body.type : undefined,
    error: typeof code === 'string' ? code : undefined,
  });
}

/** Runs a library call; its failure becomes `asRefusal`'s shape. */
export async function refusing<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asRefusal(error);
  }
}

/** The origin of a URL, as an issuer for libraries that want server metadata. */
export const originOf = (url: string): string => new URL(url).origin;

/** `/connect/rest/v1/identity/token` of a full URL, for libraries that take a host and a path. */
export const pathOf = (url: string): string => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

/** A fetch that adds `token_type: "bearer"` to JSON token answers that lack it (Octorate sends none). */
export const addingTokenType =
  (inner: typeof fetch = globalThis.fetch): typeof fetch =>
  async (input, init) => {
    const response = await inner(input, init);
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return response;
    const body = (await response.json()) as Record<string, unknown>;
    if (body && typeof body === 'object' && body.access_token && body.token_type === undefined) body.token_type = 'bearer';
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    return new Response(JSON.stringify(body), { status: response.status, headers });
  };
