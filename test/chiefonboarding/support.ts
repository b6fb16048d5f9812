// A scripted token endpoint and API for interpreter tests: records what the interpreter sent, answers what the test says.
import { ManifestIntegration, type IntegrationOptions } from '../../contract-tests/chiefonboarding/interpreter/integration.ts';
import { loadManifest } from '../../contract-tests/chiefonboarding/manifest/load.ts';

export interface Sent {
  method: string;
  /** Exactly as sent, unencoded parts and all. */
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export type Answer = { status?: number; json?: unknown; text?: string } | 'hang';

export interface Scripted {
  fetch: typeof fetch;
  sent: Sent[];
}

/** `answer` is called for every request; a 'hang' answer waits until the request is aborted. */
export function scripted(answer: (sent: Sent, index: number) => Answer): Scripted {
  const sent: Sent[] = [];
  const fetchLike = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const request: Sent = { method: init?.method ?? 'GET', url: String(input), headers, body: init?.body === undefined || init.body === null ? undefined : String(init.body) };
    sent.push(request);
    const a = answer(request, sent.length - 1);
    if (a === 'hang') {
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    }
    const body = a.text ?? JSON.stringify(a.json ?? {});
    return new Response(body, { status: a.status ?? 200, headers: { 'content-type': a.text ? 'text/html' : 'application/json' } });
  }) as typeof fetch;
  return { fetch: fetchLike, sent };
}

export const REDIRECT = 'https://onboarding.example.test/admin/integrations/oauth/1/callback/';

export function integration(manifest: object | string, fetch: typeof globalThis.fetch, options: Partial<IntegrationOptions> = {}): ManifestIntegration {
  const text = typeof manifest === 'string' ? manifest : JSON.stringify(manifest, null, 2);
  return new ManifestIntegration(loadManifest(text, 'test.json'), {
    values: { CLIENT_ID: 'client-1', CLIENT_SECRET: 'plain-secret' },
    redirectUrl: REDIRECT,
    fetch,
    ...options,
  });
}

/** A minimal valid manifest; `oauth` parts override. */
export function manifest(oauth: Record<string, unknown> = {}, rest: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...rest,
    oauth: {
      authenticate_url: 'https://id.example.test/authorize?client_id={{ CLIENT_ID }}&redirect_uri={{ redirect_url }}',
      access_token: { url: 'https://id.example.test/token', data: { client_id: '{{ CLIENT_ID }}', client_secret: '{{ CLIENT_SECRET }}', grant_type: 'authorization_code' } },
      refresh: { url: 'https://id.example.test/token', data: { grant_type: 'refresh_token', refresh_token: '{{ oauth.refresh_token }}' } },
      ...oauth,
    },
  };
}

export const ids = (i: ManifestIntegration): string[] => i.diagnostics().map((d) => d.id);
export const diagnostic = (i: ManifestIntegration, id: string) => i.diagnostics().find((d) => d.id === id);
