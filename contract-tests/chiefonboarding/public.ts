// `oauth-doubles/chiefonboarding`: run a ChiefOnboarding integration manifest as the platform does, and read what will go wrong. Needs no fake provider.
export { readManifest, ManifestError, keyName, describeProblem, type ManifestProblem, type ManifestSource, type KeyPath } from './manifest/source.ts';
export { loadManifest, type LoadedManifest } from './manifest/load.ts';
export type { Manifest, OauthPart, RequestObject, Method } from './manifest/schema.ts';
export { renderTemplate, htmlEscape } from './template.ts';
export {
  ManifestIntegration,
  ManifestRunError,
  type IntegrationOptions,
  type CallbackResult,
  type ExecuteResult,
  type StepResult,
} from './interpreter/integration.ts';
export type { ProviderHints } from './interpreter/hints.ts';
export { formatRequest, type RequestRecord } from './interpreter/record.ts';
export { formatDiagnostic, type Diagnostic, type DiagnosticId, type Severity } from './diagnostics.ts';
export { manifestAdapter, type ManifestAdapterOptions } from './adapter.ts';
export { CALLBACK_URL, type ManifestAdapter, type ManifestOperations, type ManifestProfile, type ManifestSettings } from './settings.ts';
