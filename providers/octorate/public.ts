// `oauth-doubles/octorate`: what an Octorate client under test needs from code.
export { approveAuthorization, type ApproveOptions } from './authorize/approve.ts';
export { connectionSettings, type ConnectionOptions, type OctorateConnection } from './connection.ts';
export type { OctorateEnvironment } from './clients.ts';
export type { OctorateQuirks } from './quirks.ts';
