// Ochno Operated's two environments, each one host serving identity, API, subscriptions and the authorisation page (ochno.md "Hosts").
import type { HostDefinition } from '../../core/provider.ts';

export const OCHNO_HOST = 'operated.ochno.com';
/** INF: a login component of Ochno's offers this server too; emulated as a separate world. */
export const OCHNO_STAGE_HOST = 'stage.ochno.com';

export const TOKEN_PATH = '/identity/oauth/v2/token';
export const AUTHORIZE_PATH = '/identity/oauth/v2/authorize';
export const USERINFO_PATH = '/identity/oauth/v2/userinfo';
export const SUBSCRIPTIONS_PATH = '/subscriptions/v1';

export type OchnoEnvironment = 'production' | 'stage';

export const OCHNO_HOSTS: HostDefinition[] = [
  { host: OCHNO_HOST, environment: 'production', surface: 'api', entryPath: TOKEN_PATH },
  { host: OCHNO_STAGE_HOST, environment: 'stage', surface: 'api', entryPath: TOKEN_PATH },
];

export const hostOf = (environment: string): string => (environment === 'stage' ? OCHNO_STAGE_HOST : OCHNO_HOST);
