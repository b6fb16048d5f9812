// Request builders for ONEiO tests: the documented token and receiver calls against any base URL.
import type { ClientRecord } from '../../core/clients.ts';

export const ONEIO = {
  qaToken: 'receiver-authz-test.service-flow.com/oauth2/token',
  qaReceiver: 'rest-receiver-test.service-flow.com/api/v2',
  prodToken: 'receiver-authz.service-flow.com/oauth2/token',
  prodReceiver: 'rest-receiver.service-flow.com/api/v2',
} as const;

/** `base` is `https://` (MSW, harness.fetch) or `http://127.0.0.1:<port>/` (server). */
export function tokenRequest(base: string, path: string, client: Pick<ClientRecord, 'clientId' | 'clientSecret'>): Request {
  return new Request(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }),
  });
}

export function receiverRequest(base: string, path: string, token: string, body: unknown = { id: '123456789' }): Request {
  return new Request(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export async function accessToken(fetcher: (r: Request) => Promise<Response>, base: string, path: string, client: Pick<ClientRecord, 'clientId' | 'clientSecret'>): Promise<string> {
  const res = await fetcher(tokenRequest(base, path, client));
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}
