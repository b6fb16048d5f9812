// Reading a manifest: JSON with positions, the platform's shape rules, template syntax, URL schemes — and what the author should know before any run.
import type { Diagnostic } from '../diagnostics.ts';
import { parseTemplate } from '../template.ts';
import { ManifestSchema, NOT_RUN_MANIFEST_KEYS, NOT_RUN_REQUEST_KEYS, issueText, type Manifest, type OauthPart, type RequestObject } from './schema.ts';
import { keyName, ManifestError, readManifest, type KeyPath, type ManifestProblem, type ManifestSource } from './source.ts';

/** Where a templated string sits and what the platform does with it. */
export interface TemplatedString {
  path: KeyPath;
  text: string;
  role: 'authenticate_url' | 'url' | 'data' | 'header';
}

/** A request object with the key path it was read from. */
export interface LocatedRequest {
  path: KeyPath;
  request: RequestObject;
}

export interface LoadedManifest {
  source: ManifestSource;
  manifest: Manifest;
  oauth: OauthPart;
  /** What the platform would say about the manifest itself, before any run. */
  diagnostics: Diagnostic[];
  /** Every templated string the interpreter renders. */
  strings: TemplatedString[];
  /** `oauth.access_token`, `oauth.refresh`, `execute[i]`. */
  requests: LocatedRequest[];
}

function dataStrings(value: unknown, path: KeyPath, out: TemplatedString[]): void {
  if (typeof value === 'string') out.push({ path, text: value, role: 'data' });
  else if (Array.isArray(value)) value.forEach((v, i) => dataStrings(v, [...path, i], out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push({ path: [...path, k], text: k, role: 'data' });
      dataStrings(v, [...path, k], out);
    }
  }
}

function requestStrings({ path, request }: LocatedRequest, out: TemplatedString[]): void {
  out.push({ path: [...path, 'url'], text: request.url, role: 'url' });
  if (request.data) dataStrings(request.data, [...path, 'data'], out);
  for (const [k, v] of Object.entries(request.headers ?? {})) {
    out.push({ path: [...path, 'headers', k], text: k, role: 'header' });
    out.push({ path: [...path, 'headers', k], text: v, role: 'header' });
  }
}

const HTTP_URL = /^https?:\/\/[^/?#\s]/i;

/** A URL whose start is written out must be http(s); one that starts with a variable is checked once rendered. */
const literalSchemeProblem = (text: string): string | undefined =>
  text.trimStart().startsWith('{{') || HTTP_URL.test(text) ? undefined : `is ${JSON.stringify(text.slice(0, 60))}, not an http:// or https:// URL`;

const header = (request: RequestObject, name: string): string | undefined =>
  Object.entries(request.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];

/** Template variable names that carry credentials: they do not belong in URLs, which servers and proxies log. */
export const SECRET_VARIABLE = /secret|password|passwd|token|api_?key/i;

function staticDiagnostics(source: ManifestSource, manifest: Manifest, oauth: OauthPart, requests: LocatedRequest[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: KeyPath): { key: string; line: number } => ({ key: keyName(path), line: source.locate(path).line });
  const oauthPath = ['oauth'];
  if (source.fragment) {
    out.push({
      id: 'oauth-fragment',
      severity: 'info',
      ...at(oauthPath),
      cause: 'this is only the "oauth" part of a manifest, as the documentation prints it; the platform stores a whole manifest (a JSON object with "oauth", "execute"…).',
      fix: 'wrap it in { … } with the rest of the integration before uploading it.',
    });
  }
  if (!oauth.refresh) {
    out.push({
      id: 'refresh-missing',
      severity: 'refused',
      ...at(oauthPath),
      cause:
        'refresh is missing. The documentation says the token is then treated as permanent, but the platform’s validator requires oauth.refresh and refuses the manifest; the interpreter runs it as documented, with no refresh.',
      fix: 'add a "refresh" request (for a token that never expires, any request the provider answers will do, since it is never sent without expires_in).',
    });
  }
  for (const d of source.duplicates) {
    out.push({ id: 'duplicate-key', severity: 'warning', key: d.key, line: d.line, cause: `${d.key} is written twice; JSON keeps only the last one, silently.`, fix: 'keep one.' });
  }
  for (const { path, request } of requests) {
    for (const key of NOT_RUN_REQUEST_KEYS) {
      if (request[key] !== undefined) {
        out.push({ id: 'not-run', severity: 'info', ...at([...path, key]), cause: `${keyName([...path, key])} is valid but not run by the interpreter (it runs url, method, data, headers, status_code and store_data).`, fix: '' });
      }
    }
    const type = header(request, 'content-type');
    if (type && /json/i.test(type) && request.data && Object.keys(request.data).length > 0) {
      out.push({
        id: 'json-header-form-body',
        severity: 'warning',
        ...at([...path, 'headers']),
        cause: `the Content-Type header says ${type}, but the platform hands "data" to its HTTP library as a dict, which sends it form-encoded (a=1&b=2): the provider receives a form body labelled JSON.`,
        fix: 'the platform cannot send a JSON body from "data": drop the Content-Type header if the provider takes a form body; otherwise this endpoint cannot be called from a manifest.',
      });
    }
    if ((request.method ?? 'POST') === 'GET' && request.data && Object.keys(request.data).length > 0) {
      out.push({ id: 'data-on-get', severity: 'warning', ...at([...path, 'data']), cause: 'a GET request with "data": the platform sends it as a form body, which servers ignore on a GET.', fix: 'put the values in the URL query instead.' });
    }
  }
  const access = requests.find((r) => keyName(r.path) === 'oauth.access_token');
  if (access && !oauth.without_code && access.request.url.includes('#')) {
    out.push({
      id: 'code-in-fragment',
      severity: 'warning',
      ...at([...access.path, 'url']),
      cause: 'the access_token URL has a "#": the platform appends "&code=…" after it, so the code lands in the fragment and is never sent.',
      fix: 'remove the "#…" part of the URL.',
    });
  }
  for (const r of requests.filter((r) => r.path[0] === 'oauth')) {
    if (!r.request.status_code) {
      out.push({
        id: 'no-status-code',
        severity: 'warning',
        ...at(r.path),
        cause: `${keyName(r.path)} lists no status_code, so the platform treats any answer as success: an error answer (400 invalid_grant, 401, 503…) would be ${r.path[1] === 'refresh' ? 'merged into' : 'saved as'} the token.`,
        fix: `add "status_code": [200] to ${keyName(r.path)}.`,
      });
    }
  }
  if (oauth.refresh) {
    out.push({
      id: 'no-refresh-margin',
      severity: 'info',
      ...at(['oauth', 'refresh']),
      cause: 'the platform refreshes only once the saved expiry has passed, with no margin: a call in the token’s last moments (or with a clock ahead of the provider’s) can still be refused.',
      fix: '',
    });
  }
  if (/[?&]code_challenge=/.test(oauth.authenticate_url)) {
    out.push({
      id: 'static-pkce',
      severity: 'warning',
      ...at(['oauth', 'authenticate_url']),
      cause: 'authenticate_url carries a fixed code_challenge: the platform cannot make a new PKCE verifier per authorisation, so one verifier, written in the manifest, serves every connection and protects none of them.',
      fix: 'none in the manifest; if the provider lets the integration go without PKCE (it has a client secret), leave it out rather than fake it.',
    });
  }
  out.push({
    id: 'state-not-checked',
    severity: 'info',
    ...at(['oauth', 'authenticate_url']),
    cause: 'the platform neither sends nor checks a state parameter, so a forged callback can connect somebody else’s account; {{ state }} is not available to the template.',
    fix: '',
  });
  for (const key of NOT_RUN_MANIFEST_KEYS) {
    if (manifest[key] !== undefined && key !== 'form' && key !== 'initial_data_form') {
      out.push({ id: 'not-run', severity: 'info', ...at([key]), cause: `${key} is valid but not run by the interpreter.`, fix: '' });
    }
  }
  return out;
}

/** Every string under `value`, its role guessed from its key: for a manifest whose shape is wrong, so its templates and URLs are still checked. */
function looseStrings(value: unknown, path: KeyPath, out: TemplatedString[]): TemplatedString[] {
  if (typeof value === 'string') {
    const last = path.at(-1);
    out.push({ path, text: value, role: last === 'url' ? 'url' : last === 'authenticate_url' ? 'authenticate_url' : 'data' });
  } else if (Array.isArray(value)) value.forEach((v, i) => looseStrings(v, [...path, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) looseStrings(v, [...path, k], out);
  return out;
}

/** Template syntax the interpreter cannot run, and URLs whose written start is not http(s). */
function stringProblems(source: ManifestSource, strings: TemplatedString[]): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  for (const s of strings) {
    for (const error of parseTemplate(s.text).errors) problems.push(source.problem(s.path, error));
    if (s.role === 'url' || s.role === 'authenticate_url') {
      const scheme = literalSchemeProblem(s.text);
      if (scheme) problems.push(source.problem(s.path, scheme));
    }
  }
  return problems;
}

/** Reads, validates and indexes a manifest. Throws ManifestError (every problem with its key and line) when it cannot be run. */
export function loadManifest(text: string, file = 'manifest'): LoadedManifest {
  const source = readManifest(text, file);
  const parsed = ManifestSchema.safeParse(source.value);
  const problems: ManifestProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      let value: unknown = source.value;
      for (const part of path) value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[part] : undefined;
      problems.push(source.problem(path, issueText(issue, value)));
    }
    const raw = (source.value ?? {}) as Record<string, unknown>;
    const strings = [...looseStrings(raw['oauth'], ['oauth'], []), ...looseStrings(raw['execute'], ['execute'], [])];
    problems.push(...stringProblems(source, strings));
    throw new ManifestError(file, problems.sort((a, b) => a.line - b.line));
  }
  const manifest = parsed.data;
  if (!manifest.oauth) throw new ManifestError(file, [source.problem([], 'has no "oauth" part: there is no OAuth flow to run')]);
  const oauth = manifest.oauth;
  const requests: LocatedRequest[] = [
    { path: ['oauth', 'access_token'], request: oauth.access_token },
    ...(oauth.refresh ? [{ path: ['oauth', 'refresh'], request: oauth.refresh }] : []),
    ...(manifest.execute ?? []).map((request, i) => ({ path: ['execute', i], request })),
  ];
  const strings: TemplatedString[] = [{ path: ['oauth', 'authenticate_url'], text: oauth.authenticate_url, role: 'authenticate_url' }];
  for (const r of requests) requestStrings(r, strings);
  problems.push(...stringProblems(source, strings));
  if (problems.length > 0) throw new ManifestError(file, problems);
  return { source, manifest, oauth, diagnostics: staticDiagnostics(source, manifest, oauth, requests), strings, requests };
}
