// What the harness dropped: a compact, bounded memory of dropped values (a 53-bit hash each, not the value).

/** 53 bits from two 32-bit FNV-1a variants: collisions stay below one in a billion at a million entries. */
export function hash53(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 11) * 0x100000000 + (b >>> 0);
}

export interface Tombstones<R extends number> {
  add(value: string, reason: R): void;
  get(value: string): R | undefined;
  clear(): void;
  readonly size: number;
  /** Whether some drops are no longer remembered (an old generation was discarded). */
  readonly overflowed: boolean;
}

/**
 * Two generations of `generation` entries each: when the young one is full the old one is forgotten, so
 * the newest drops are always remembered and memory stays under 2 × generation × ~50 bytes.
 */
export function createTombstones<R extends number>(generation: number): Tombstones<R> {
  let young = new Map<number, R>();
  let old = new Map<number, R>();
  let overflowed = false;
  return {
    add(value, reason) {
      if (young.size >= generation) {
        overflowed ||= old.size > 0;
        old = young;
        young = new Map();
      }
      young.set(hash53(value), reason);
    },
    get(value) {
      const key = hash53(value);
      return young.get(key) ?? old.get(key);
    },
    clear() {
      young = new Map();
      old = new Map();
      overflowed = false;
    },
    get overflowed() {
      return overflowed;
    },
    get size() {
      return young.size + old.size;
    },
  };
}
