// A manifest's text parsed with positions kept, so every problem can name its key and its line.
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

/** A key path inside the manifest: `['oauth', 'access_token', 'url']`, `['execute', 0, 'data']`. */
export type KeyPath = readonly (string | number)[];

/** `oauth.access_token.url`, `execute[0].data` */
export function keyName(path: KeyPath): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '') || '(the manifest)';
}

/** One problem in the manifest, located. */
export interface ManifestProblem {
  key: string;
  /** 1-based line in the manifest text. */
  line: number;
  column: number;
  message: string;
}

/** The manifest cannot be run as written: every problem found, each with its key and line. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
  readonly problems: readonly ManifestProblem[];
  constructor(file: string, problems: ManifestProblem[]) {
    super(
      problems.length === 1
        ? `${file}: ${describeProblem(problems[0]!)}`
        : `${file}: ${problems.length} problems\n${problems.map((p) => `  ${describeProblem(p)}`).join('\n')}`,
    );
    this.problems = problems;
  }
}

export const describeProblem = (p: ManifestProblem): string => `line ${p.line}, ${p.key}: ${p.message}`;

export interface ManifestSource {
  /** Shown in messages: the file name, or `manifest`. */
  readonly file: string;
  readonly text: string;
  /** The JSON value, as the platform's json.loads would read it. */
  readonly value: unknown;
  /** True when the text is only the `"oauth": {…}` part, as the documentation prints it. */
  readonly fragment: boolean;
  /** Keys written twice in one object: JSON keeps the last one silently. */
  readonly duplicates: readonly { key: string; line: number }[];
  /** The line (and column) of a key path, or of its nearest existing parent. */
  locate(path: KeyPath): { line: number; column: number };
  problem(path: KeyPath, message: string): ManifestProblem;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function position(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/** Keys that appear twice in one object, anywhere in the tree. */
function duplicateKeys(root: Node, at: (offset: number) => number, path: (string | number)[] = [], out: { key: string; line: number }[] = []): typeof out {
  if (root.type === 'object') {
    const seen = new Set<string>();
    for (const property of root.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode) continue;
      const key = String(keyNode.value);
      if (seen.has(key)) out.push({ key: keyName([...path, key]), line: at(keyNode.offset) });
      seen.add(key);
      if (valueNode) duplicateKeys(valueNode, at, [...path, key], out);
    }
  } else if (root.type === 'array') {
    (root.children ?? []).forEach((child, i) => duplicateKeys(child, at, [...path, i], out));
  }
  return out;
}

/** Bigger than any real manifest; a limit keeps a hostile file from costing much. */
export const MAX_MANIFEST_BYTES = 512 * 1024;

/**
 * Reads a whole manifest (`{ "oauth": …, "execute": … }`) or the documentation's fragment
 * (`"oauth": { … },`, trailing comma and all). Strict JSON otherwise: the platform stores the manifest
 * through Python's json, which takes no comments and no trailing commas. Throws ManifestError.
 */
export function readManifest(text: string, file = 'manifest'): ManifestSource {
  if (typeof text !== 'string') throw new ManifestError(file, [{ key: '(the manifest)', line: 1, column: 1, message: 'is not text' }]);
  if (Buffer.byteLength(text, 'utf8') > MAX_MANIFEST_BYTES) {
    throw new ManifestError(file, [{ key: '(the manifest)', line: 1, column: 1, message: `is larger than ${MAX_MANIFEST_BYTES / 1024} KiB; no integration manifest is that big` }]);
  }
  const body = text.replace(/^\uFEFF/, '');
  const fragment = /^\s*"/.test(body);
  // The fragment gets braces around it; the opening one goes on the first line, so line numbers stay the file's own.
  const parsed = fragment ? `{${body.replace(/,\s*$/, '')}\n}` : body;
  const offsetShift = fragment ? 1 : 0;
  const starts = lineStarts(body);
  const at = (offset: number): { line: number; column: number } => position(starts, Math.max(0, Math.min(body.length, offset - offsetShift)));
  const errors: ParseError[] = [];
  const root = parseTree(parsed, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) {
    const problems = errors.slice(0, 5).map((e) => {
      const where = at(e.offset);
      return { key: '(JSON)', ...where, message: `is not valid JSON here: ${jsonErrorText(printParseErrorCode(e.error))}` };
    });
    if (problems.length === 0) problems.push({ key: '(JSON)', line: 1, column: 1, message: 'is empty: a manifest is a JSON object' });
    throw new ManifestError(file, problems);
  }
  if (root.type !== 'object') {
    throw new ManifestError(file, [{ key: '(the manifest)', ...at(root.offset), message: `is a JSON ${root.type}; a manifest is a JSON object such as {"oauth": {…}, "execute": […]}` }]);
  }
  const locate = (path: KeyPath): { line: number; column: number } => {
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(root, [...path.slice(0, n)]);
      if (node) return at(node.parent?.type === 'property' ? node.parent.offset : node.offset);
    }
    return { line: 1, column: 1 };
  };
  return {
    file,
    text,
    value: getNodeValue(root),
    fragment,
    duplicates: duplicateKeys(root, (offset) => at(offset).line),
    locate,
    problem: (path, message) => ({ key: keyName(path), ...locate(path), message }),
  };
}

function jsonErrorText(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'an unexpected character',
    InvalidNumberFormat: 'a malformed number',
    PropertyNameExpected: 'a key in double quotes was expected',
    ValueExpected: 'a value was expected',
    ColonExpected: 'a colon was expected',
    CommaExpected: 'a comma was expected',
    CloseBraceExpected: 'a closing } was expected',
    CloseBracketExpected: 'a closing ] was expected',
    EndOfFileExpected: 'the text goes on after the JSON value ended',
    InvalidCommentToken: 'comments are not JSON',
    UnexpectedEndOfComment: 'an unterminated comment',
    UnexpectedEndOfString: 'a string is not closed',
    UnexpectedEndOfNumber: 'a number is cut off',
    InvalidUnicode: 'a malformed \\u escape',
    InvalidEscapeCharacter: 'an invalid escape (\\) in a string',
    InvalidCharacter: 'a control character inside a string',
  };
  return words[code] ?? code;
}
