// One integration as the platform runs it: the authorisation redirect, the callback's code exchange, reactive refresh and `execute`, flaws included.
import { DiagnosticList, type Diagnostic } from '../diagnostics.ts';
import type { LoadedManifest } from '../manifest/load.ts';
import { MAX_EXECUTE_STEPS, type RequestObject } from '../manifest/schema.ts';
import { keyName, ManifestError, type KeyPath } from '../manifest/source.ts';
import { renderTemplate, variables, type RenderNotes } from '../template.ts';
import { findings, type Finding } from './findings.ts';
import { grantTypeOf, missingValueDiagnostic, referenceProblems, valueDiagnostics } from './checks.ts';
import type { ProviderHints } from './hints.ts';
import { basicHeader, formBody, hasQuery, queryValue, REQUESTS_DEFAULT_HEADERS } from './python-http.ts';
import { createScrubber, type RequestRecord, type Scrubber } from './record.ts';

export interface IntegrationOptions {
  /** What the admin filled in for the integration: `CLIENT_ID`, `CLIENT_SECRET`… */
  values: Record<string, string>;
  /** `{{ redirect_url }}`: `<base>/admin/integrations/oauth/<id>/callback/`, registered at the provider. */
  redirectUrl: string;
  /** The new hire an `execute` runs for (first_name, email…). */
  newHire?: Record<string, unknown>;
  /** Default: the global fetch at the time of each request (so MSW and the contract runner see it). */
  fetch?: typeof fetch;
  /** Maps a real URL to the one to call (the local server's under HTTP transport). Default: unchanged. */
  resolveUrl?(url: string): string;
  hints?: ProviderHints;
  /** The platform's request time-out (120 s). */
  timeoutMs?: number;
}

/** What the platform's callback view came to. */
export type CallbackResult = { ok: true; status: number } | { ok: false; message: string; status?: number };

export interface StepResult {
  step: string;
  status?: number;
  ok: boolean;
  body?: unknown;
}

export interface ExecuteResult {
  ok: boolean;
  /** A refresh ran first. */
  refreshed: boolean;
  steps: StepResult[];
  message?: string;
}

interface Answer {
  success: boolean;
  status?: number;
  text: string;
  json?: unknown;
  jsonError?: boolean;
}

/** A manifest value went wrong at run time (a URL that renders to something not http(s)). */
export class ManifestRunError extends Error {
  override readonly name = 'ManifestRunError';
}

const NEW_HIRE: Record<string, unknown> = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada.lovelace@example.com',
  position: 'Engineer',
  department: 'Research',
  start_day: '2026-02-02',
  manager: 'Charles Babbage',
  buddy: 'Mary Somerville',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class ManifestIntegration {
  readonly loaded: LoadedManifest;
  readonly #options: IntegrationOptions;
  readonly #diagnostics = new DiagnosticList();
  readonly #records: RequestRecord[] = [];
  readonly #scrub: Scrubber;
  /** `extra_args["oauth"]`: the saved token answer. */
  #oauth: Record<string, unknown> | undefined;
  /** `integration.expiring`: set only from expires_in. */
  #expiring: number | undefined;
  #enabled = false;
  /** Values stored by `store_data` (the platform's `params`). */
  readonly #params: Record<string, unknown> = {};

  constructor(loaded: LoadedManifest, options: IntegrationOptions) {
    this.loaded = loaded;
    this.#options = options;
    const newHire = options.newHire ?? NEW_HIRE;
    const problems = referenceProblems(loaded, new Set([...Object.keys(options.values), 'redirect_url', 'oauth']), new Set(Object.keys(newHire)));
    if (problems.length > 0) throw new ManifestError(loaded.source.file, problems);
    this.#scrub = createScrubber();
    for (const [name, value] of Object.entries(options.values)) if (/secret|password|token|key/i.test(name)) this.#scrub.secret(value);
    for (const d of loaded.diagnostics) this.#diagnostics.add(d);
    for (const d of valueDiagnostics(loaded, options.values, options.hints)) this.#diagnostics.add(d);
    this.#checkGrantType(loaded.oauth.access_token, ['oauth', 'access_token'], 'exchange');
    if (loaded.oauth.refresh) this.#checkGrantType(loaded.oauth.refresh, ['oauth', 'refresh'], 'refresh');
    const field = options.hints?.expiryField;
    if (field) this.#raise(['oauth', 'access_token'], findings.noExpiresIn(`${options.hints!.title}’s token answer has no expires_in (it states the expiry as ${field})`));
  }

  /** Adds a finding at a key of the manifest. */
  #raise(path: KeyPath, finding: Finding): void {
    this.#diagnostics.add({ ...finding, key: keyName(path), line: this.#line(path) });
  }

  /** Every diagnostic so far: the manifest's own, then what the runs showed. */
  diagnostics(): Diagnostic[] {
    return this.#diagnostics.list();
  }

  /** The requests made so far, secrets fingerprinted. */
  requests(): readonly RequestRecord[] {
    return this.#records;
  }

  /** The integration's saved state, as the platform would hold it. */
  get state(): { enabled: boolean; oauth: Record<string, unknown> | undefined; expiring: number | undefined } {
    return { enabled: this.#enabled, oauth: this.#oauth, expiring: this.#expiring };
  }

  #line(path: KeyPath): number {
    return this.loaded.source.locate(path).line;
  }

  #context(forExecute: boolean): Record<string, unknown> {
    const base: Record<string, unknown> = { ...this.#options.values, oauth: this.#oauth ?? {}, ...this.#params, redirect_url: this.#options.redirectUrl };
    return forExecute ? { ...(this.#options.newHire ?? NEW_HIRE), ...base } : base;
  }

  #render(text: string, path: KeyPath, forExecute: boolean): string {
    const notes: RenderNotes = { missing: [], escaped: [] };
    const out = renderTemplate(text, this.#context(forExecute), notes);
    for (const name of notes.missing) {
      const at = this.#stringWith(path, name);
      this.#diagnostics.add(missingValueDiagnostic(name, keyName(at), this.#line(at), this.#options.hints));
    }
    return out;
  }

  /** The templated string under `path` that reads `name` (`data` is rendered whole, as the platform does): where to point the author. */
  #stringWith(path: KeyPath, name: string): KeyPath {
    const prefix = keyName(path);
    const found = this.loaded.strings.find(
      (s) => (keyName(s.path) === prefix || keyName(s.path).startsWith(`${prefix}.`)) && variables(s.text).some((v) => v.path.join('.') === name),
    );
    return found?.path ?? path;
  }

  #httpUrl(url: string, path: KeyPath): string {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ManifestRunError(`line ${this.#line(path)}, ${keyName(path)}: renders to ${JSON.stringify(this.#scrub.text(url).slice(0, 80))}, which is not a URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new ManifestRunError(`line ${this.#line(path)}, ${keyName(path)}: renders to a ${parsed.protocol} URL; only http:// and https:// are requested`);
    }
    return url;
  }

  /** The platform's redirect view: the rendered authenticate_url, where the browser is sent (always a GET). */
  authorizeUrl(): string {
    const path = ['oauth', 'authenticate_url'];
    const url = this.#httpUrl(this.#render(this.loaded.oauth.authenticate_url, path, false), path);
    this.#records.push({ step: 'browser', line: this.#line(path), at: Date.now(), method: 'GET', url: this.#scrub.url(url), body: 'no body' });
    return url;
  }

  /** The headers the platform sends: the request's own, or the manifest's when the request has none; `Basic …` encoded. */
  #headers(request: RequestObject, path: KeyPath, forExecute: boolean): Record<string, string> {
    const own = request.headers ?? {};
    const source = Object.keys(own).length > 0 ? own : (this.loaded.manifest.headers ?? {});
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(source)) {
      const rendered = value.startsWith('Basic') ? basicHeader(this.#render(value.split(' ').slice(1).join(' '), [...path, 'headers', key], forExecute)) : this.#render(value, [...path, 'headers', key], forExecute);
      out[this.#render(key, [...path, 'headers', key], forExecute)] = rendered;
    }
    return out;
  }

  /** The platform's run_request: render, send (form body, 120 s time-out), success unless status_code is listed and not matched. */
  async #run(request: RequestObject, path: KeyPath, forExecute: boolean, urlText = request.url): Promise<Answer> {
    const step = keyName(path);
    const url = this.#httpUrl(this.#render(urlText, [...path, 'url'], forExecute), [...path, 'url']);
    let data: Record<string, unknown> = {};
    if (request.data) {
      const rendered = this.#render(JSON.stringify(request.data), [...path, 'data'], forExecute);
      try {
        data = JSON.parse(rendered) as Record<string, unknown>;
      } catch {
        throw new ManifestRunError(
          `line ${this.#line([...path, 'data'])}, ${step}.data: is no longer JSON once rendered (a value holds a backslash, a control character, or a quote let through by |safe); the platform fails with a server error`,
        );
      }
    }
    const headers = this.#headers(request, path, forExecute);
    const method = request.method ?? 'POST';
    let body = formBody(data);
    const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
    if (body !== undefined && method === 'GET') body = undefined;
    const sent: Record<string, string> = { ...REQUESTS_DEFAULT_HEADERS, ...(body !== undefined && !hasType ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) };
    for (const [k, v] of Object.entries(headers)) sent[k.toLowerCase()] = v;
    const record: RequestRecord = {
      step,
      line: this.#line(path),
      at: Date.now(),
      method,
      url: this.#scrub.url(url),
      ...(sent['content-type'] ? { contentType: sent['content-type'] } : {}),
      body: body === undefined ? 'no body' : `form(${Object.keys(data).join(', ')})`,
      ...(sent['authorization'] !== undefined ? { auth: this.#authText(sent['authorization']) } : {}),
    };
    this.#records.push(record);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#options.timeoutMs ?? 120_000);
    let response: Response;
    let text: string;
    try {
      const target = this.#options.resolveUrl ? this.#options.resolveUrl(url) : url;
      response = await (this.#options.fetch ?? globalThis.fetch)(target, { method, headers: sent, body, signal: controller.signal, redirect: 'follow' });
      text = await response.text();
    } catch (error) {
      record.error = controller.signal.aborted ? `no answer within ${(this.#options.timeoutMs ?? 120_000) / 1000} s` : this.#scrub.text(error instanceof Error ? error.message : String(error));
      return { success: false, text: record.error };
    } finally {
      clearTimeout(timer);
    }
    record.status = response.status;
    let json: unknown;
    let jsonError = false;
    try {
      json = JSON.parse(text);
    } catch {
      jsonError = true;
    }
    const success = !request.status_code || request.status_code.includes(response.status);
    return { success, status: response.status, text, ...(jsonError ? { jsonError } : { json }) };
  }

  /** The credential a request carried, fingerprinted: the author sees which token was used, and when it changed. */
  #authText(header: string): string {
    const [scheme = '', ...rest] = header.trim().split(/\s+/);
    const value = rest.join(' ');
    return value ? `${scheme} ${this.#scrub.redactor.fingerprint(value)}` : `${scheme} (empty)`;
  }

  #saveSecrets(answer: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(answer)) if (/token|secret|code/i.test(k)) this.#scrub.secret(v);
  }

  #answerNotJson(path: KeyPath, answer: Answer): void {
    this.#raise(path, findings.answerNotJson(keyName(path), answer.status, this.#scrub.text(answer.text.slice(0, 60))));
  }

  /** The callback view: reads `code`, appends it raw to the access_token URL, runs the request and saves the whole answer. */
  async callback(callbackUrl: string): Promise<CallbackResult> {
    const oauth = this.loaded.oauth;
    const path = ['oauth', 'access_token'];
    const code = queryValue(callbackUrl, 'code');
    if (code === '' && !oauth.without_code) return { ok: false, message: 'Code was not provided' };
    let url = oauth.access_token.url;
    if (!oauth.without_code) {
      this.#scrub.secret(code);
      // DOC: "?code=" or "&code=" and the code as it came, not encoded; there is no {{ code }} variable.
      url += `${hasQuery(url) ? '&' : '?'}code=${code}`;
      if (/[^A-Za-z0-9\-._~/]/.test(code)) {
        const chars = [...new Set(code.match(/[^A-Za-z0-9\-._~/]/g))].map((c) => JSON.stringify(c)).join(' ');
        this.#raise([...path, 'url'], findings.codeUnencoded(chars));
      }
    }
    const answer = await this.#run(oauth.access_token, path, false, url);
    if (!answer.success) return { ok: false, message: `Couldn't save token: ${this.#scrub.text(answer.text.slice(0, 200))}`, ...(answer.status ? { status: answer.status } : {}) };
    if (answer.jsonError) {
      this.#answerNotJson(path, answer);
      return { ok: false, message: 'server error: the token answer is not JSON', status: answer.status! };
    }
    const saved = isRecord(answer.json) ? answer.json : {};
    this.#saveSecrets(saved);
    if ('expires_in' in saved) {
      if (typeof saved['expires_in'] !== 'number') {
        this.#raise(path, findings.expiresInNotNumber(saved['expires_in']));
        return { ok: false, message: 'server error: expires_in is not a number', status: answer.status! };
      }
      this.#expiring = Date.now() + saved['expires_in'] * 1000;
    }
    this.#oauth = saved;
    this.#enabled = true;
    const status = answer.status!;
    if (status < 200 || status > 299) {
      this.#raise(path, findings.errorSavedAsToken(status, this.#scrub.text(answer.text.slice(0, 120))));
    } else if (!('expires_in' in saved)) {
      const field = this.#options.hints?.expiryField;
      const stated = field && field in saved ? ` (it states the expiry as ${field} ${JSON.stringify(saved[field])}, which the platform does not read)` : '';
      this.#raise(path, findings.noExpiresIn(`the provider returns no expires_in${stated}`));
    }
    return { ok: true, status };
  }

  #checkGrantType(request: RequestObject, path: KeyPath, kind: 'exchange' | 'refresh'): void {
    const hints = this.#options.hints;
    const wanted = kind === 'exchange' ? hints?.exchangeGrantType : hints?.refreshGrantType;
    if (!hints || !wanted) return;
    const sent = grantTypeOf(request, (text) => renderTemplate(text, this.#context(false)));
    if (sent === wanted) return;
    const where = typeof request.data?.['grant_type'] === 'string' ? [...path, 'data', 'grant_type'] : [...path, 'url'];
    this.#raise(where, findings.grantType(hints.title, wanted, sent, kind, `${keyName(path)}.data`));
  }

  /** The platform's renew_key: a refresh only when the saved token has expires_in and that time has passed; the answer merged in. */
  async renewKey(): Promise<boolean> {
    const refresh = this.loaded.oauth.refresh;
    if (!this.#oauth || !('expires_in' in this.#oauth) || this.#expiring === undefined || !(this.#expiring < Date.now())) return true;
    // Documented: without a refresh request the token is permanent.
    if (!refresh) return true;
    const path = ['oauth', 'refresh'];
    const answer = await this.#run(refresh, path, false);
    if (!answer.success) {
      this.#raise(path, findings.refreshFailed(String(answer.status ?? answer.text)));
      return false;
    }
    if (answer.jsonError) {
      this.#answerNotJson(path, answer);
      return false;
    }
    const merged = isRecord(answer.json) ? answer.json : {};
    this.#saveSecrets(merged);
    // DOC: dict update — a missing refresh_token keeps the old one, and an error body is merged all the same.
    this.#oauth = { ...this.#oauth, ...merged };
    if ('expires_in' in merged && typeof merged['expires_in'] === 'number') this.#expiring = Date.now() + merged['expires_in'] * 1000;
    const status = answer.status!;
    if (status < 200 || status > 299) {
      this.#raise(path, findings.refreshErrorMerged(status, this.#scrub.text(answer.text.slice(0, 100))));
    }
    return true;
  }

  /** The manifest's `execute` (or `steps`) in basic form, after the platform's reactive refresh. */
  async execute(steps?: readonly RequestObject[], label = 'execute'): Promise<ExecuteResult> {
    if (!this.#enabled) return { ok: false, refreshed: false, steps: [], message: 'the integration is not connected' };
    const before = this.#records.length;
    if (!(await this.renewKey())) return { ok: false, refreshed: true, steps: [], message: 'the refresh failed' };
    const refreshed = this.#records.length > before;
    const list = (steps ?? this.loaded.manifest.execute ?? []).slice(0, MAX_EXECUTE_STEPS);
    const results: StepResult[] = [];
    for (const [i, request] of list.entries()) {
      const path: KeyPath = steps ? [label, i] : ['execute', i];
      const answer = await this.#run(request, path, true);
      const result: StepResult = { step: keyName(path), ok: answer.success, ...(answer.status ? { status: answer.status } : {}), ...(answer.json !== undefined ? { body: answer.json } : {}) };
      results.push(result);
      if (!answer.success) return { ok: false, refreshed, steps: results, message: `${keyName(path)} answered ${answer.status ?? answer.text}` };
      for (const [name, notation] of Object.entries(request.store_data ?? {})) {
        let value: unknown = answer.json;
        for (const part of notation.split('.')) value = Array.isArray(value) ? value[Number(part)] : isRecord(value) ? value[part] : undefined;
        if (value === undefined) return { ok: false, refreshed, steps: results, message: `${keyName(path)}.store_data.${name}: the answer has no ${notation}` };
        this.#params[name] = value;
      }
    }
    return { ok: true, refreshed, steps: results };
  }
}
