// `oauth-doubles/oneio`: what a ONEiO client under test needs from code.
export { connectionSettings, type OneioConnection, type OneioConnectionOptions, type OneioEnvironment } from './connection.ts';
export type { OneioQuirks } from './quirks.ts';
