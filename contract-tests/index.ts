// Contract suites: run *your* client against the fake providers and learn, check by check, what the real one would refuse.
export type {
  AdapterTools,
  BaseSettings,
  CheckContext,
  CheckLimits,
  CheckResult,
  CheckStatus,
  ClientAdapter,
  ContractCheck,
  ContractSuite,
  Finding,
  Outcome,
  SuiteConnection,
  SuiteReport,
  Transport,
} from './types.ts';
export { defineAdapter, defineSuite } from './types.ts';
export { createSession, DEFAULT_LIMITS, runSuite, selectChecks, type ContractSession, type RunOptions } from './runner.ts';
export { formatReport, formatResult, summaryLine } from './report.ts';
export { toJUnit } from './junit.ts';
export { commandAdapter, COMMAND_PROTOCOL, type CommandOptions } from './command/adapter.ts';
export { toJsonReport, JSON_REPORT_VERSION, type JsonReport } from './json-report.ts';
export { expectationsFileFor, formatVerdict, judgeExpectations, parseExpectations, ratchetHolds, type ExpectationVerdict, type Expectations } from './expectations.ts';
export { SUITES } from './suites.ts';
export { oneioSuite } from './oneio/suite.ts';
export type { OneioAdapter, OneioEndpoints, OneioEnvironment, OneioOperations, OneioSettings } from './oneio/settings.ts';
export { OneioClient, OneioError, type DeliveryReceipt, type OneioClientOptions } from './oneio/reference-client.ts';
export { octorateSuite } from './octorate/suite.ts';
export type { OctorateAdapter, OctorateOperations, OctorateSettings } from './octorate/settings.ts';
export { OctorateClient, OctorateError, parseExpireDate, type OctorateClientOptions } from './octorate/reference-client.ts';
export { ochnoSuite } from './ochno/suite.ts';
export type { OchnoAdapter, OchnoOperations, OchnoSettings } from './ochno/settings.ts';
export { OchnoClient, OchnoError, expiryOf, type OchnoClientOptions } from './ochno/reference-client.ts';
export { manifestSuite, type ManifestSuite } from './chiefonboarding/suite.ts';
export { MANIFEST_PROFILES } from './chiefonboarding/profiles/index.ts';
