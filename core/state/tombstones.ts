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
 * One generation: an open-addressing table in typed arrays (9 bytes a slot, nothing for the garbage
 * collector to trace), kept at most half full.
 */
class Generation {
  readonly keys: Float64Array;
  readonly reasons: Uint8Array;
  size = 0;
  constructor(capacity: number) {
    let slots = 1;
    while (slots < capacity * 2) slots <<= 1;
    this.keys = new Float64Array(slots);
    this.reasons = new Uint8Array(slots);
  }
  #slot(key: number): number {
    const mask = this.keys.length - 1;
    let i = (key % 0x7fffffff) & mask;
    while (this.keys[i] !== 0 && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }
  set(key: number, reason: number): void {
    const i = this.#slot(key);
    if (this.keys[i] === 0) this.size++;
    this.keys[i] = key;
    this.reasons[i] = reason;
  }
  get(key: number): number | undefined {
    const i = this.#slot(key);
    return this.keys[i] === 0 ? undefined : this.reasons[i];
  }
}

/**
 * Two generations of `generation` entries each: when the young one is full the old one is forgotten, so
 * the newest drops are always remembered and memory stays at 2 × generation × 18 bytes.
 */
export function createTombstones<R extends number>(generation: number): Tombstones<R> {
  // A key is never 0, the empty slot's mark.
  const keyOf = (value: string): number => hash53(value) || 1;
  let young: Generation | null = null;
  let old: Generation | null = null;
  let overflowed = false;
  return {
    add(value, reason) {
      young ??= new Generation(generation);
      if (young.size >= generation) {
        overflowed ||= old !== null && old.size > 0;
        old = young;
        young = new Generation(generation);
      }
      young.set(keyOf(value), reason);
    },
    get(value) {
      if (!young) return undefined;
      const key = keyOf(value);
      return (young.get(key) ?? old?.get(key)) as R | undefined;
    },
    clear() {
      young = null;
      old = null;
      overflowed = false;
    },
    get size() {
      return (young?.size ?? 0) + (old?.size ?? 0);
    },
    get overflowed() {
      return overflowed;
    },
  };
}
