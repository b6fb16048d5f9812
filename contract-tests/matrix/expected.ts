// What each library variant fails, per provider, and why: the compatibility matrix's contract. Working configurations fail nothing.
//
// When a new check is added to a suite and a row starts failing it, that is a finding about the library:
// add the id here with the reason (and the README's matrix), or find the configuration that passes.
import type { LibraryVariant } from './libraries.ts';

export interface Expected {
  library: LibraryVariant['library'];
  config: string;
  provider: 'oneio' | 'octorate' | 'ochno';
  /** Checks that fail (not merely blocked), and a pattern the first finding must show. */
  fails: Record<string, RegExp>;
}

/** Ochno's token endpoint never answers: a library with no request time-out of its own waits for a gateway's 504. */
const OCHNO_NO_TIMEOUT = /waited 300 s for Ochno’s token endpoint, which never answered, until a gateway cut the request off \(504\): the client has no time-out of its own/;
const OCHNO_REFRESH_NO_TIMEOUT = /waited 300 s for the refresh grant at Ochno’s token endpoint, which never answered, until a gateway cut the request off \(504\): the client has no time-out of its own/;

export const EXPECTED: Expected[] = [
  { library: 'openid-client', config: 'default', provider: 'oneio', fails: {} },
  {
    library: 'openid-client',
    config: 'default',
    provider: 'octorate',
    fails: { 'octorate.grant-type-code': /sent grant_type=authorization_code to \/identity\/token; Octorate wants grant_type=code/ },
  },
  {
    library: 'openid-client',
    config: "Octorate: genericGrantRequest with grant_type 'code'",
    provider: 'octorate',
    fails: { 'octorate.code-exchange': /handleCallback failed .*token_type.* must be a string/ },
  },
  { library: 'openid-client', config: "Octorate: genericGrantRequest with grant_type 'code', a customFetch adding token_type", provider: 'octorate', fails: {} },
  // oauth4webapi and simple-oauth2 set no time-out on their requests unless given a signal / an http agent that has one.
  { library: 'oauth4webapi', config: 'default', provider: 'oneio', fails: { 'oneio.token-no-answer': /waited 300 s for ONEiO’s token endpoint, which never answered, until a gateway cut the request off \(504\): the client has no time-out of its own/ } },
  {
    library: 'oauth4webapi',
    config: 'default',
    provider: 'octorate',
    fails: { 'octorate.grant-type-code': /sent grant_type=authorization_code to \/identity\/token; Octorate wants grant_type=code/ },
  },
  { library: 'oauth4webapi', config: "Octorate: grant_type 'code'", provider: 'octorate', fails: { 'octorate.code-exchange': /"token_type" property must be a string/ } },
  { library: 'oauth4webapi', config: "Octorate: grant_type 'code', a customFetch adding token_type", provider: 'octorate', fails: { 'octorate.refresh-no-answer': /waited 300 s for \/identity\/refresh, which never answered, until a gateway cut the request off \(504\): the client has no time-out of its own/ } },
  {
    library: 'simple-oauth2',
    config: 'default',
    provider: 'oneio',
    fails: { 'oneio.token-form': /the credentials went in an Authorization: Basic header instead/ },
  },
  {
    library: 'simple-oauth2',
    config: 'default',
    provider: 'octorate',
    fails: { 'octorate.identity-form': /the credentials went in an Authorization: Basic header instead/ },
  },
  { library: 'simple-oauth2', config: "authorizationMethod 'body'; Octorate: grant_type 'code' in getToken's params; Ochno: redirect_uri in refresh(), codeVerifier in getToken()", provider: 'oneio', fails: { 'oneio.token-no-answer': /waited 300 s for ONEiO’s token endpoint, which never answered, until a gateway cut the request off \(504\): the client has no time-out of its own/ } },
  { library: 'simple-oauth2', config: "authorizationMethod 'body'; Octorate: grant_type 'code' in getToken's params; Ochno: redirect_uri in refresh(), codeVerifier in getToken()", provider: 'octorate', fails: { 'octorate.refresh-no-answer': /waited 300 s for \/identity\/refresh, which never answered, until a gateway cut the request off \(504\): the client has no time-out of its own/ } },

  { library: 'axios', config: "the Ochno guide's way: a plain object posted with Content-Type application/x-www-form-urlencoded", provider: 'oneio', fails: {} },
  { library: 'axios', config: "the Ochno guide's way: a plain object posted with Content-Type application/x-www-form-urlencoded", provider: 'octorate', fails: {} },
  {
    library: 'openid-client',
    config: 'default',
    provider: 'ochno',
    fails: {
      'ochno.pkce-code-verifier': /sent the PKCE verifier as "code_verifier"/,
      'ochno.token-expiry': /Ochno token \(refresh_token\) failed/,
      'ochno.subscription-renewal': /never extended/,
    },
  },
  { library: 'openid-client', config: 'Ochno: redirect_uri passed to refreshTokenGrant, codeVerifier to genericGrantRequest', provider: 'ochno', fails: {} },
  {
    library: 'oauth4webapi',
    config: 'default',
    provider: 'ochno',
    fails: {
      'ochno.pkce-code-verifier': /sent the PKCE verifier as "code_verifier"/,
      'ochno.token-expiry': /Ochno token \(refresh_token\) failed/,
      'ochno.subscription-renewal': /never extended/,
      'ochno.token-no-answer': OCHNO_NO_TIMEOUT,
    },
  },
  {
    library: 'oauth4webapi',
    config: 'Ochno: redirect_uri and codeVerifier as additional parameters',
    provider: 'ochno',
    fails: { 'ochno.token-no-answer': OCHNO_NO_TIMEOUT, 'ochno.refresh-no-answer': OCHNO_REFRESH_NO_TIMEOUT },
  },
  { library: 'simple-oauth2', config: 'default', provider: 'ochno', fails: { 'ochno.token-form': /sent client_id and client_secret in an Authorization: Basic header instead of the form/ } },
  {
    library: 'simple-oauth2',
    config: "authorizationMethod 'body'; Octorate: grant_type 'code' in getToken's params; Ochno: redirect_uri in refresh(), codeVerifier in getToken()",
    provider: 'ochno',
    fails: { 'ochno.token-no-answer': OCHNO_NO_TIMEOUT, 'ochno.refresh-no-answer': OCHNO_REFRESH_NO_TIMEOUT },
  },
  { library: 'axios', config: "the Ochno guide's way: a plain object posted with Content-Type application/x-www-form-urlencoded", provider: 'ochno', fails: {} },
];
