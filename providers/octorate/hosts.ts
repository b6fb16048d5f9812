// Octorate's two hosts: the API (identity calls and resources) and the admin site's authorisation page (octorate.md "Hosts").
import type { HostDefinition } from '../../core/provider.ts';

export const OCTORATE_API_HOST = 'api.octorate.com';
export const OCTORATE_ADMIN_HOST = 'admin.octorate.com';

/** Every API path lives under `/connect/rest/{v1,v2}` (DOC: `https://api.octorate.com/connect` + `/rest/v1/…`). */
export const API_PREFIX = '/connect/rest';
export const AUTHORIZE_PATH = '/octobook/identity/oauth.xhtml';

/**
 * DOC: there is no separate sandbox host — SANDBOX vs PRODUCTION is a property of the application
 * (client), so both hosts belong to the one `production` world and each client carries its own environment.
 */
export const OCTORATE_HOSTS: HostDefinition[] = [
  { host: OCTORATE_API_HOST, environment: 'production', surface: 'api', entryPath: `${API_PREFIX}/v1/identity/token` },
  { host: OCTORATE_ADMIN_HOST, environment: 'production', surface: 'authorize', entryPath: AUTHORIZE_PATH },
];
