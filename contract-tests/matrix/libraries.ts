// The client libraries of the compatibility matrix: each asks for tokens its own documented way; the reference clients' glue does the rest.
import axios from 'axios';
import * as openid from 'openid-client';
import * as oauth from 'oauth4webapi';
import { AuthorizationCode, ClientCredentials } from 'simple-oauth2';
import type { OchnoTokenCall } from '../ochno/reference-client.ts';
import type { OctorateIdentityCall } from '../octorate/reference-client.ts';
import type { OneioTokenRequest } from '../oneio/reference-client.ts';
import { addingTokenType, originOf, pathOf, refusing } from './refusal.ts';

/** One way of using a library: its documented default, or the configuration a provider needs. */
export interface LibraryVariant {
  library: 'openid-client' | 'oauth4webapi' | 'simple-oauth2' | 'axios';
  /** `default`, or what had to change. */
  config: string;
  /** ONEiO: the token request. */
  oneio?(request: OneioTokenRequest): Promise<unknown>;
  /** Octorate: the code exchange and the refresh (apilogin has no OAuth grant: left to fetch). */
  octorate?(call: OctorateIdentityCall): Promise<unknown>;
  /** Ochno: client credentials, the refresh and the code exchange. */
  ochno?(call: OchnoTokenCall): Promise<unknown>;
}

/**
 * An Ochno token call as a library's documented default makes it: the refresh without redirect_uri (no
 * library sends one), PKCE as RFC 7636's code_verifier. `ochnoWay` keeps Ochno's fields as they are.
 */
function ochnoFields(fields: Record<string, string>, ochnoWay: boolean): Record<string, string> {
  const rest = withoutAuth(fields);
  if (ochnoWay) return rest;
  const { redirect_uri, codeVerifier, ...others } = rest;
  if (fields.grant_type === 'refresh_token') return others;
  if (fields.grant_type === 'authorization_code') return { ...others, ...(redirect_uri ? { redirect_uri } : {}), ...(codeVerifier ? { code_verifier: codeVerifier } : {}) };
  return rest;
}

/** openid-client: the grant's own function for client credentials and refresh, genericGrantRequest for the code. */
function openidOchno(call: OchnoTokenCall, ochnoWay: boolean): Promise<unknown> {
  const config = openidConfig(call.url, call.fields.client_id!, call.fields.client_secret!);
  const fields = ochnoFields(call.fields, ochnoWay);
  return refusing(async () => {
    if (call.fields.grant_type === 'client_credentials') return openid.clientCredentialsGrant(config, fields);
    if (call.fields.grant_type === 'refresh_token') {
      const { refresh_token, ...extra } = fields;
      return openid.refreshTokenGrant(config, refresh_token!, extra);
    }
    return openid.genericGrantRequest(config, 'authorization_code', fields);
  });
}

/** simple-oauth2: ClientCredentials, AuthorizationCode and an AccessToken's refresh(). */
async function simpleOauth2Ochno(call: OchnoTokenCall, authorizationMethod: 'header' | 'body', ochnoWay: boolean): Promise<unknown> {
  const config = {
    client: { id: call.fields.client_id!, secret: call.fields.client_secret! },
    auth: { tokenHost: originOf(call.url), tokenPath: pathOf(call.url) },
    options: { authorizationMethod },
  };
  const fields = ochnoFields(call.fields, ochnoWay);
  if (call.fields.grant_type === 'client_credentials') return (await new ClientCredentials(config).getToken({ scope: fields.scope! })).token;
  const client = new AuthorizationCode(config);
  if (call.fields.grant_type === 'refresh_token') {
    const { refresh_token, ...extra } = fields;
    return (await client.createToken({ refresh_token }).refresh(extra)).token;
  }
  return (await client.getToken(fields as unknown as Parameters<typeof client.getToken>[0])).token;
}

const insecure = (url: string): boolean => url.startsWith('http:');

// openid-client 6: Configuration with hand-written server metadata (neither provider publishes discovery).
function openidConfig(tokenUrl: string, clientId: string, clientSecret: string, fetchImpl?: typeof fetch): openid.Configuration {
  const config = new openid.Configuration({ issuer: originOf(tokenUrl), token_endpoint: tokenUrl }, clientId, clientSecret);
  if (insecure(tokenUrl)) openid.allowInsecureRequests(config); // only the local http transport needs it
  if (fetchImpl) config[openid.customFetch] = (url, options) => fetchImpl(url, options as RequestInit);
  return config;
}

// oauth4webapi 3: the same, as plain objects.
async function oauth4Grant(url: string, fields: Record<string, string>, grantType: string, patchTokenType: boolean): Promise<unknown> {
  const as: oauth.AuthorizationServer = { issuer: originOf(url), token_endpoint: url };
  const client: oauth.Client = { client_id: fields.client_id! };
  const params = Object.fromEntries(Object.entries(fields).filter(([k]) => !['client_id', 'client_secret', 'grant_type'].includes(k)));
  const options = { [oauth.allowInsecureRequests]: insecure(url), ...(patchTokenType ? { [oauth.customFetch]: addingTokenType() } : {}) };
  const response = await oauth.genericTokenEndpointRequest(as, client, oauth.ClientSecretPost(fields.client_secret!), grantType, params, options);
  return oauth.processGenericTokenEndpointResponse(as, client, response);
}

const octorateGrant = (call: OctorateIdentityCall, standard: boolean): string =>
  call.kind === 'token' ? (standard ? 'authorization_code' : 'code') : 'refresh_token';

const withoutAuth = (fields: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(fields).filter(([k]) => !['client_id', 'client_secret', 'grant_type'].includes(k)));

export const VARIANTS: LibraryVariant[] = [
  {
    library: 'openid-client',
    config: 'default',
    oneio: (r) => refusing(() => openid.clientCredentialsGrant(openidConfig(r.tokenUrl, r.clientId, r.clientSecret))),
    ochno: (call) => openidOchno(call, false),
    async octorate(call) {
      if (call.kind === 'apilogin') return undefined;
      const config = openidConfig(call.url, call.fields.client_id!, call.fields.client_secret!);
      return refusing(() =>
        call.kind === 'token'
          ? openid.genericGrantRequest(config, 'authorization_code', withoutAuth(call.fields))
          : openid.refreshTokenGrant(config, call.fields.refresh_token!),
      );
    },
  },
  {
    library: 'openid-client',
    config: 'Ochno: redirect_uri passed to refreshTokenGrant, codeVerifier to genericGrantRequest',
    ochno: (call) => openidOchno(call, true),
  },
  {
    library: 'openid-client',
    config: "Octorate: genericGrantRequest with grant_type 'code'",
    async octorate(call) {
      if (call.kind === 'apilogin') return undefined;
      const config = openidConfig(call.url, call.fields.client_id!, call.fields.client_secret!);
      return refusing(() => openid.genericGrantRequest(config, octorateGrant(call, false), withoutAuth(call.fields)));
    },
  },
  {
    library: 'openid-client',
    config: "Octorate: genericGrantRequest with grant_type 'code', a customFetch adding token_type",
    async octorate(call) {
      if (call.kind === 'apilogin') return undefined;
      const config = openidConfig(call.url, call.fields.client_id!, call.fields.client_secret!, addingTokenType());
      return refusing(() => openid.genericGrantRequest(config, octorateGrant(call, false), withoutAuth(call.fields)));
    },
  },
  {
    library: 'oauth4webapi',
    config: 'default',
    oneio: (r) => refusing(() => oauth4Grant(r.tokenUrl, { client_id: r.clientId, client_secret: r.clientSecret }, 'client_credentials', false)),
    ochno: (call) => refusing(() => oauth4Grant(call.url, { client_id: call.fields.client_id!, client_secret: call.fields.client_secret!, ...ochnoFields(call.fields, false) }, call.fields.grant_type!, false)),
    octorate: async (call) => (call.kind === 'apilogin' ? undefined : refusing(() => oauth4Grant(call.url, call.fields, octorateGrant(call, true), false))),
  },
  {
    library: 'oauth4webapi',
    config: 'Ochno: redirect_uri and codeVerifier as additional parameters',
    ochno: (call) => refusing(() => oauth4Grant(call.url, call.fields, call.fields.grant_type!, false)),
  },
  {
    library: 'oauth4webapi',
    config: "Octorate: grant_type 'code'",
    octorate: async (call) => (call.kind === 'apilogin' ? undefined : refusing(() => oauth4Grant(call.url, call.fields, octorateGrant(call, false), false))),
  },
  {
    library: 'oauth4webapi',
    config: "Octorate: grant_type 'code', a customFetch adding token_type",
    octorate: async (call) => (call.kind === 'apilogin' ? undefined : refusing(() => oauth4Grant(call.url, call.fields, octorateGrant(call, false), true))),
  },
  {
    library: 'simple-oauth2',
    config: 'default',
    oneio: (r) =>
      refusing(async () => (await new ClientCredentials({ client: { id: r.clientId, secret: r.clientSecret }, auth: { tokenHost: originOf(r.tokenUrl), tokenPath: pathOf(r.tokenUrl) } }).getToken({})).token),
    octorate: async (call) => (call.kind === 'apilogin' ? undefined : refusing(() => simpleOauth2Octorate(call, 'header', true))),
    ochno: (call) => refusing(() => simpleOauth2Ochno(call, 'header', false)),
  },
  {
    library: 'simple-oauth2',
    config: "authorizationMethod 'body'; Octorate: grant_type 'code' in getToken's params; Ochno: redirect_uri in refresh(), codeVerifier in getToken()",
    oneio: (r) =>
      refusing(
        async () =>
          (
            await new ClientCredentials({
              client: { id: r.clientId, secret: r.clientSecret },
              auth: { tokenHost: originOf(r.tokenUrl), tokenPath: pathOf(r.tokenUrl) },
              options: { authorizationMethod: 'body' },
            }).getToken({})
          ).token,
      ),
    octorate: async (call) => (call.kind === 'apilogin' ? undefined : refusing(() => simpleOauth2Octorate(call, 'body', false))),
    ochno: (call) => refusing(() => simpleOauth2Ochno(call, 'body', true)),
  },
  {
    library: 'axios',
    config: "the Ochno guide's way: a plain object posted with Content-Type application/x-www-form-urlencoded",
    oneio: (r) => refusing(async () => (await axios.post(r.tokenUrl, { grant_type: 'client_credentials', client_id: r.clientId, client_secret: r.clientSecret }, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, signal: r.signal })).data),
    octorate: async (call) =>
      call.kind === 'apilogin' ? undefined : refusing(async () => (await axios.post(call.url, call.fields, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, signal: call.signal })).data),
    ochno: (call) => refusing(async () => (await axios.post(call.url, call.fields, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, signal: call.signal })).data),
  },
];

/** simple-oauth2 5: AuthorizationCode for the exchange; an AccessToken built from the stored refresh token for the refresh. */
async function simpleOauth2Octorate(call: OctorateIdentityCall, authorizationMethod: 'header' | 'body', standard: boolean): Promise<unknown> {
  const client = new AuthorizationCode({
    client: { id: call.fields.client_id!, secret: call.fields.client_secret! },
    auth: { tokenHost: originOf(call.url), tokenPath: pathOf(call.url), refreshPath: pathOf(call.url) },
    options: { authorizationMethod },
  });
  if (call.kind === 'token') {
    const params = { code: call.fields.code!, redirect_uri: call.fields.redirect_uri!, ...(standard ? {} : { grant_type: 'code' }) };
    return (await client.getToken(params as unknown as Parameters<typeof client.getToken>[0])).token;
  }
  return (await client.createToken({ refresh_token: call.fields.refresh_token! }).refresh()).token;
}
