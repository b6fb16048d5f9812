// JSON the harness keeps and serves: nesting and size bounded when recorded, so a read can always serialise it.

/** Deepest nesting kept; deeper values are replaced by a marker (a real payload is rarely past 20). */
export const MAX_DEPTH = 64;

/** Nesting depth of a JSON text, scanned without parsing (strings and escapes skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i++; // backslash: skip the escaped character
      else if (ch === 34) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) {
      if (++depth > max) max = depth;
    } else if (ch === 125 || ch === 93) depth--;
  }
  return max;
}

/** The value with everything below `maxDepth` levels replaced by `"‹nested deeper than N levels›"`. */
export function clipDepth(value: unknown, maxDepth = MAX_DEPTH, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= maxDepth) return `‹nested deeper than ${maxDepth} levels›`;
  if (Array.isArray(value)) return value.map((item) => clipDepth(item, maxDepth, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = clipDepth(v, maxDepth, depth + 1);
  return out;
}

/** A parsed JSON body as the harness keeps it: clipped when its text nests deeper than `MAX_DEPTH`. */
export function keepableJson(parsed: unknown, text: string): unknown {
  return jsonDepth(text) > MAX_DEPTH ? clipDepth(parsed) : parsed;
}

/** JSON text of one item, or of `fallback(error)` if it cannot be serialised: a read never fails. */
export function safeStringify(value: unknown, fallback: (error: unknown) => unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (error) {
    try {
      return JSON.stringify(fallback(error));
    } catch {
      return 'null';
    }
  }
}
