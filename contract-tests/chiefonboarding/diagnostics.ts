// What the author is told: each diagnostic says where (key, line), what will go wrong on the platform and why, and how to fix it.

/**
 * `refused`: the platform's validator rejects the manifest. `warning`: it is accepted but fails, silently
 * or later. `info`: worth knowing, nothing to fix in the manifest.
 */
export type Severity = 'refused' | 'warning' | 'info';

export type DiagnosticId =
  | 'refresh-missing'
  | 'no-expires-in'
  | 'expires-in-not-number'
  | 'error-saved-as-token'
  | 'no-status-code'
  | 'refresh-error-merged'
  | 'refresh-failed'
  | 'html-escaped'
  | 'url-unsafe-value'
  | 'code-unencoded'
  | 'code-in-fragment'
  | 'grant-type'
  | 'json-header-form-body'
  | 'data-on-get'
  | 'secret-in-url'
  | 'missing-value'
  | 'answer-not-json'
  | 'state-not-checked'
  | 'static-pkce'
  | 'no-refresh-margin'
  | 'duplicate-key'
  | 'not-run'
  | 'oauth-fragment'
  | 'execute-failed';

export interface Diagnostic {
  id: DiagnosticId;
  severity: Severity;
  /** The manifest key it is about: `oauth.access_token.url`. */
  key?: string;
  line?: number;
  /** What will happen and why, in plain words. */
  cause: string;
  /** What to change; empty when nothing in the manifest can fix it. */
  fix: string;
}

/** `warning (line 13, oauth.access_token): cause. Fix: …` */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.line !== undefined ? `line ${d.line}` : '', d.key ?? ''].filter(Boolean).join(', ');
  return `${d.severity}${where ? ` (${where})` : ''}: ${d.cause}${d.fix ? ` Fix: ${d.fix}` : ''}`;
}

/** Collects diagnostics once each (same id and key), in the order they were first raised. */
export class DiagnosticList {
  readonly #items = new Map<string, Diagnostic>();
  add(d: Diagnostic): void {
    const key = `${d.id}\u0000${d.key ?? ''}`;
    if (!this.#items.has(key)) this.#items.set(key, d);
  }
  list(): Diagnostic[] {
    return [...this.#items.values()];
  }
  get size(): number {
    return this.#items.size;
  }
}
