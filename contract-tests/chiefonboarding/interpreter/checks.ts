// What can be told from the manifest and the admin's values before anything is sent: missing values, escaping, secrets in URLs, grant_type.
import type { Diagnostic } from '../diagnostics.ts';
import { SECRET_VARIABLE, type LoadedManifest } from '../manifest/load.ts';
import type { RequestObject } from '../manifest/schema.ts';
import { keyName, type ManifestProblem } from '../manifest/source.ts';
import { variables } from '../template.ts';
import type { ProviderHints } from './hints.ts';

/** `{{ NAME }}` whose value nobody set: the platform would render it empty, silently. Refused before any run. */
export function referenceProblems(loaded: LoadedManifest, available: Set<string>, newHire: Set<string>): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const stored = new Map<number, Set<string>>();
  let acc = new Set<string>();
  (loaded.manifest.execute ?? []).forEach((step, i) => {
    stored.set(i, acc);
    acc = new Set([...acc, ...Object.keys(step.store_data ?? {})]);
  });
  for (const s of loaded.strings) {
    const step = s.path[0] === 'execute' ? (s.path[1] as number) : undefined;
    for (const v of variables(s.text)) {
      const root = v.path[0]!;
      if (available.has(root)) continue;
      if (step !== undefined && (newHire.has(root) || stored.get(step)?.has(root))) continue;
      if (v.filters.some((f) => f.name === 'default')) continue;
      const known = [...available].filter((n) => n !== 'oauth').sort();
      problems.push(
        loaded.source.problem(
          s.path,
          `{{ ${v.expression} }} refers to "${root}", which has no value: the platform would render it as an empty string. Values set: ${known.join(', ')}${step !== undefined ? ', the new hire’s fields and earlier store_data' : ''}.`,
        ),
      );
    }
  }
  return problems;
}

const shaping = (filters: { name: string }[]): boolean => filters.some((f) => f.name === 'safe' || f.name === 'urlencode' || f.name === 'escape');

/** Characters that change the meaning of a query string when a value is put in a URL as is. */
const URL_BREAKING = /[+&#%\s?]/g;

export function valueDiagnostics(loaded: LoadedManifest, values: Record<string, string>, hints?: ProviderHints): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of loaded.strings) {
    const key = keyName(s.path);
    const line = loaded.source.locate(s.path).line;
    const inUrl = s.role === 'url' || s.role === 'authenticate_url';
    for (const v of variables(s.text)) {
      const name = v.path.join('.');
      if (inUrl && (SECRET_VARIABLE.test(name) || name === 'oauth.access_token' || name === 'oauth.refresh_token')) {
        out.push({
          id: 'secret-in-url',
          severity: 'warning',
          key,
          line,
          cause: `{{ ${v.expression} }} puts a credential in the URL, where web servers, proxies and the platform's own error messages keep it.`,
          fix: s.role === 'url' ? `send it in "data" (a form body) instead${hints ? `, if ${hints.title} accepts that` : ''}.` : 'never put a secret in the authorisation URL: it goes through the user’s browser.',
        });
      }
      const value = v.path.length === 1 ? values[v.path[0]!] : undefined;
      if (value === undefined || shaping(v.filters)) continue;
      const html = [...new Set(value.match(/[&<>"']/g) ?? [])];
      if (html.length > 0) {
        out.push({
          id: 'html-escaped',
          severity: 'warning',
          key,
          line,
          cause: `the value of ${name} contains ${html.join(' ')} and is HTML-escaped by the template (Django autoescaping: & becomes &amp;, ' becomes &#x27;…), so the provider receives a different value.`,
          fix: inUrl ? `write {{ ${name}|urlencode }}, which both skips the escaping and encodes it for the URL.` : `write {{ ${name}|safe }} to send it unescaped.`,
        });
      }
      const broken = [...new Set(value.match(URL_BREAKING) ?? [])];
      if (inUrl && broken.length > 0) {
        out.push({
          id: 'url-unsafe-value',
          severity: 'warning',
          key,
          line,
          cause: `the value of ${name} contains ${broken.map((c) => JSON.stringify(c)).join(' ')} and is put into the URL without encoding: a + reads as a space, & and # cut the value short.`,
          fix: `write {{ ${name}|urlencode }}.`,
        });
      }
    }
  }
  return out;
}

/** A value looked up in vain at run time (typically a field the provider's answer did not have). */
export function missingValueDiagnostic(name: string, key: string, line: number, hints?: ProviderHints): Diagnostic {
  const field = name.startsWith('oauth.') ? name.slice('oauth.'.length) : undefined;
  return {
    id: 'missing-value',
    severity: 'warning',
    key,
    line,
    cause: field
      ? `{{ ${name} }} has no value: the saved token answer has no "${field}", so the platform sends an empty string.`
      : `{{ ${name} }} has no value, so the platform sends an empty string.`,
    fix: field === 'refresh_token' && hints?.refreshTokenAdvice ? hints.refreshTokenAdvice : field ? `make sure the provider's token answer carries ${field}.` : `set ${name}.`,
  };
}

/** The grant_type a request sends: in `data`, else in the URL's query (the seed's Google example puts it there). */
export function grantTypeOf(request: RequestObject, render: (text: string) => string): string | undefined {
  const data = request.data?.['grant_type'];
  if (typeof data === 'string') return render(data);
  try {
    return new URL(render(request.url)).searchParams.get('grant_type') ?? undefined;
  } catch {
    return undefined;
  }
}
