// What a run can show the author, worded once: each finding's cause and fix; the integration adds the key and the line.
import type { Diagnostic } from '../diagnostics.ts';

export type Finding = Omit<Diagnostic, 'key' | 'line'>;

const STATUS_CODE_FIX = (key: string, then: string): string => `add "status_code": [200] to ${key}, so that the platform ${then}.`;

export const findings = {
  answerNotJson: (key: string, status: number | undefined, excerpt: string): Finding => ({
    id: 'answer-not-json',
    severity: 'warning',
    cause: `the answer to ${key} (${status ?? 'no status'}) is not JSON (${JSON.stringify(excerpt)}): the platform’s response.json() raises and the admin gets a server error.`,
    fix: 'add "status_code": [200] so that a non-JSON error page is refused before it is read.',
  }),
  codeUnencoded: (chars: string): Finding => ({
    id: 'code-unencoded',
    severity: 'warning',
    cause: `the code is appended without encoding: this one holds ${chars}, so the provider reads a different code (a + turns into a space, & and # cut it short) and refuses it.`,
    fix: 'nothing in the manifest can encode it (there is no {{ code }}); set "without_code": true and pass the code yourself only if the provider does not need it — otherwise the provider’s codes must be URL-safe.',
  }),
  expiresInNotNumber: (value: unknown): Finding => ({
    id: 'expires-in-not-number',
    severity: 'warning',
    cause: `the provider's expires_in is ${JSON.stringify(value)}, not a number: the platform's timedelta(seconds=…) raises, the admin gets a server error and nothing is saved.`,
    fix: 'nothing in the manifest can convert it; the provider must send a number.',
  }),
  errorSavedAsToken: (status: number, excerpt: string): Finding => ({
    id: 'error-saved-as-token',
    severity: 'warning',
    cause: `the token request failed with ${status} and the error body would be saved as the token (${JSON.stringify(excerpt)}); the integration shows as connected and every later call fails, far from this cause.`,
    fix: STATUS_CODE_FIX('oauth.access_token', 'shows the error instead of saving it'),
  }),
  noExpiresIn: (what: string): Finding => ({
    id: 'no-expires-in',
    severity: 'warning',
    cause: `${what}, so this token is never refreshed: once it expires every call fails until someone reconnects the integration by hand.`,
    fix: 'none in the manifest: the platform computes the expiry only from expires_in. Ask the provider for expires_in, or plan to reconnect before the token’s lifetime ends.',
  }),
  grantType: (provider: string, wanted: string, sent: string | undefined, kind: 'exchange' | 'refresh', dataKey: string): Finding => ({
    id: 'grant-type',
    severity: 'warning',
    cause: `${provider} needs grant_type=${wanted}${kind === 'exchange' ? ' for the code exchange' : ' for a refresh'} but the manifest sends ${sent === undefined ? 'no grant_type' : `grant_type=${sent}`}, so ${provider} refuses the request.`,
    fix: `send "grant_type": "${wanted}" in ${dataKey}.`,
  }),
  refreshFailed: (answer: string): Finding => ({
    id: 'refresh-failed',
    severity: 'info',
    cause: `the refresh was refused (${answer}); because status_code is listed, the platform notifies the admins and the call is not made, rather than saving the error.`,
    fix: '',
  }),
  refreshErrorMerged: (status: number, excerpt: string): Finding => ({
    id: 'refresh-error-merged',
    severity: 'warning',
    cause: `the refresh answer is an error (${status} ${JSON.stringify(excerpt)}) and every later call will refresh again: the platform merges it into the saved token, and with no expires_in in it the expiry does not move.`,
    fix: STATUS_CODE_FIX('oauth.refresh', 'stops and notifies the admins instead'),
  }),
};
