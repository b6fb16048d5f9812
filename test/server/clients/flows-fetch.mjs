// The same two flows with Node's global fetch, unmodified: NODE_USE_ENV_PROXY, HTTPS_PROXY and NODE_EXTRA_CA_CERTS do the rest.
const env = process.env;

async function call(url, { form, json, token, method } = {}) {
  const headers = {};
  let body;
  if (form) body = new URLSearchParams(form);
  if (json) {
    body = JSON.stringify(json);
    headers['content-type'] = 'application/json';
  }
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: method ?? (body ? 'POST' : 'GET'), headers, body });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return { status: response.status, body: await response.json() };
}

const token = (await call('https://receiver-authz-test.service-flow.com/oauth2/token', {
  form: { grant_type: 'client_credentials', client_id: env.ONEIO_CLIENT_ID, client_secret: env.ONEIO_CLIENT_SECRET },
})).body;
const receipt = await call('https://rest-receiver-test.service-flow.com/api/v2', { json: { id: 'fetch' }, token: token.access_token });

const approval = (await call(`${env.DOUBLES_ADMIN_URL}/providers/octorate/authorize`, {
  json: { clientId: env.OCTORATE_CLIENT_ID, redirectUri: env.OCTORATE_REDIRECT_URI, state: 'fetch' },
})).body;
const code = new URL(approval.redirectUrl).searchParams.get('code');
const tokens = (await call('https://api.octorate.com/connect/rest/v1/identity/token', {
  form: { client_id: env.OCTORATE_CLIENT_ID, client_secret: env.OCTORATE_CLIENT_SECRET, redirect_uri: env.OCTORATE_REDIRECT_URI, grant_type: 'code', code },
})).body;
const accommodations = (await call('https://api.octorate.com/connect/rest/v1/accommodation', { token: tokens.access_token })).body;

console.log(JSON.stringify({
  oneio: { expires_in: token.expires_in, receiver_status: receipt.status, receipt: receipt.body },
  octorate: { expireDate: tokens.expireDate, accommodations: accommodations.map((a) => a.id) },
}));
