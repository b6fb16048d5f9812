// Django-style `{{ … }}` rendering as the platform does it: dotted lookups, a few filters, HTML autoescaping on, missing values rendered empty.

/** `{{ name.path|filter:"arg" }}` as written. */
export interface TemplateVariable {
  /** The text between the braces, trimmed. */
  expression: string;
  /** `oauth.access_token` → ['oauth', 'access_token']. */
  path: string[];
  filters: { name: string; arg?: string }[];
}

type Part = { kind: 'text'; text: string } | ({ kind: 'variable' } & TemplateVariable);

export interface ParsedTemplate {
  parts: Part[];
  /** Syntax the platform would refuse (TemplateSyntaxError) or that the interpreter does not run. */
  errors: string[];
}

/** Filters the interpreter runs. Django has more; a manifest using another is reported, not guessed at. */
export const SUPPORTED_FILTERS = ['safe', 'urlencode', 'default', 'escape', 'lower', 'upper'] as const;

// Django's lexer: tags never span lines; non-greedy, so `{{ a }}{{ b }}` is two variables.
const TAG = /(\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\})/g;
const NAME = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;
const FILTER = /^([A-Za-z_]+)(?::(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_.]+)))?$/;

export function parseTemplate(text: string): ParsedTemplate {
  const parts: Part[] = [];
  const errors: string[] = [];
  let last = 0;
  for (const match of text.matchAll(TAG)) {
    if (match.index > last) parts.push({ kind: 'text', text: text.slice(last, match.index) });
    last = match.index + match[0].length;
    const token = match[0];
    if (token.startsWith('{#')) continue;
    if (token.startsWith('{%')) {
      errors.push(`the template tag ${token} is not run by the interpreter (only {{ … }} variables are)`);
      continue;
    }
    const expression = token.slice(2, -2).trim();
    const [head = '', ...filterTexts] = expression.split('|').map((s) => s.trim());
    if (!NAME.test(head)) {
      errors.push(`{{ ${expression} }} is not a variable name Django reads (letters, digits, _ and dots)`);
      continue;
    }
    const filters: { name: string; arg?: string }[] = [];
    for (const f of filterTexts) {
      const m = FILTER.exec(f);
      if (!m || !(SUPPORTED_FILTERS as readonly string[]).includes(m[1]!)) {
        errors.push(`the filter |${f} in {{ ${expression} }} is not supported (supported: ${SUPPORTED_FILTERS.join(', ')})`);
        continue;
      }
      const arg = m[2] ?? m[3] ?? m[4];
      filters.push(arg === undefined ? { name: m[1]! } : { name: m[1]!, arg });
    }
    parts.push({ kind: 'variable', expression, path: head.split('.'), filters });
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return { parts, errors };
}

/** The variables a template reads. */
export const variables = (text: string): TemplateVariable[] =>
  parseTemplate(text).parts.filter((p): p is Extract<Part, { kind: 'variable' }> => p.kind === 'variable');

/** What rendering found: values looked up in vain (rendered empty) and values changed by autoescaping. */
export interface RenderNotes {
  missing: string[];
  escaped: { expression: string; characters: string[] }[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
/** Django's conditional_escape. */
export const htmlEscape = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Python's str() of a JSON value, as Django prints it: True, None, {'a': 1}. */
export function pythonStr(value: unknown): string {
  if (typeof value === 'string') return value;
  return pythonRepr(value);
}

function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`).join(', ')}}`;
}

/** Python's urllib.parse.quote(value, safe) — Django's |urlencode (safe defaults to '/'). */
export function pythonQuote(text: string, safe = '/'): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.\-~]/.test(c) || (byte < 128 && safe.includes(c)) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function lookup(context: Record<string, unknown>, path: string[]): { found: boolean; value: unknown } {
  let value: unknown = context;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return { found: false, value: undefined };
    if (Array.isArray(value)) {
      const index = Number(part);
      if (!Number.isInteger(index) || index < 0 || index >= value.length) return { found: false, value: undefined };
      value = value[index];
    } else {
      if (!Object.hasOwn(value, part)) return { found: false, value: undefined };
      value = (value as Record<string, unknown>)[part];
    }
  }
  return { found: true, value };
}

const falsy = (value: unknown): boolean =>
  value === undefined || value === null || value === false || value === 0 || value === '' ||
  (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && Object.keys(value).length === 0);

/**
 * Renders like `Template(text).render(Context(values))` with autoescaping on: a missing value renders as
 * an empty string (Django's string_if_invalid), every value is HTML-escaped unless |safe. Syntax the
 * interpreter does not run was refused before any render (see parseTemplate).
 */
export function renderTemplate(text: string, context: Record<string, unknown>, notes?: RenderNotes): string {
  let out = '';
  for (const part of parseTemplate(text).parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const { found, value: raw } = lookup(context, part.path);
    if (!found) notes?.missing.push(part.path.join('.'));
    let value: unknown = found ? raw : '';
    let safe = false;
    for (const filter of part.filters) {
      switch (filter.name) {
        case 'default':
          if (falsy(value)) value = filter.arg ?? '';
          break;
        case 'safe':
          safe = true;
          break;
        case 'urlencode':
          value = pythonQuote(pythonStr(value), filter.arg ?? '/');
          break;
        case 'escape':
          value = htmlEscape(pythonStr(value));
          safe = true;
          break;
        case 'lower':
          value = pythonStr(value).toLowerCase();
          break;
        case 'upper':
          value = pythonStr(value).toUpperCase();
          break;
      }
    }
    const str = pythonStr(value);
    if (safe) {
      out += str;
      continue;
    }
    const escaped = htmlEscape(str);
    if (escaped !== str && notes) notes.escaped.push({ expression: part.expression, characters: [...new Set(str.match(/[&<>"']/g) ?? [])] });
    out += escaped;
  }
  return out;
}
