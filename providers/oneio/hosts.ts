// ONEiO's four hosts: a token resource and a REST receiver in each of QA and PROD (seed 001, "Introduction").
import type { HostDefinition } from '../../core/provider.ts';

export const ONEIO_HOSTS: HostDefinition[] = [
  { host: 'receiver-authz-test.service-flow.com', environment: 'qa', surface: 'token', entryPath: '/oauth2/token' },
  { host: 'rest-receiver-test.service-flow.com', environment: 'qa', surface: 'receiver', entryPath: '/api/v2' },
  { host: 'receiver-authz.service-flow.com', environment: 'prod', surface: 'token', entryPath: '/oauth2/token' },
  { host: 'rest-receiver.service-flow.com', environment: 'prod', surface: 'receiver', entryPath: '/api/v2' },
];
