// A user's own small ONEiO client: fetch, a form-encoded token request, one token reused until it expires.
export interface MyClientOptions {
  clientId: string;
  clientSecret: string;
  tokenUrl?: string;
  receiverUrl?: string;
}

export function myClient(options: MyClientOptions) {
  const tokenUrl = options.tokenUrl ?? 'https://receiver-authz-test.service-flow.com/oauth2/token';
  const receiverUrl = options.receiverUrl ?? 'https://rest-receiver-test.service-flow.com/api/v2';
  let token: { value: string; expiresAt: number } | undefined;

  async function accessToken(): Promise<string> {
    if (token && Date.now() < token.expiresAt) return token.value;
    const answer = await fetch(tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: options.clientId, client_secret: options.clientSecret }),
    });
    if (!answer.ok) throw new Error(`token request answered ${answer.status}`);
    const body = (await answer.json()) as { access_token: string; expires_in: number };
    token = { value: body.access_token, expiresAt: Date.now() + (body.expires_in - 60) * 1000 };
    return token.value;
  }

  return {
    async deliver(message: Record<string, unknown>): Promise<unknown> {
      const answer = await fetch(receiverUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json' },
        body: JSON.stringify(message),
      });
      if (!answer.ok) throw new Error(`delivery answered ${answer.status}`);
      return answer.json();
    },
  };
}
