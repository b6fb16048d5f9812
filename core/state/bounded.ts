// A keyed store bounded per partition in count and bytes: dead records go first, then the heaviest owner's least used.
import type { StoreLimit } from '../limits.ts';
import { createTombstones } from './tombstones.ts';

/** Why a record was dropped: it was still usable (`capacity`), or it had already expired or been revoked. */
export type DropReason = 'capacity' | 'expired' | 'revoked';
const REASONS: readonly DropReason[] = ['capacity', 'expired', 'revoked'];

export interface PartitionStats {
  count: number;
  bytes: number;
  /** Usable records dropped because the partition was full: each one's next use is told so. */
  droppedLive: number;
  /** Expired or revoked records dropped to make room (no loss: they were refused anyway). */
  droppedDead: number;
}

export interface StoreStats {
  /** The limit of each partition. */
  limit: StoreLimit;
  partitions: Record<string, PartitionStats>;
}

export interface BoundedDeps<R> {
  limit: StoreLimit;
  now(): number;
  key(record: R): string;
  /** Records of different partitions (providers) never evict each other. */
  partition(record: R): string;
  /** Within a partition, the owner (client) holding the most records loses first. */
  owner(record: R): string;
  /** Estimated bytes the record keeps alive. */
  size(record: R): number;
  /** Why the record can go without loss, or null while it is usable. */
  dead(record: R, now: number): 'expired' | 'revoked' | null;
  /** When the record dies by time alone, or null. */
  expiresAt(record: R): number | null;
  onDrop?(record: R): void;
}

export interface BoundedStore<R> {
  add(record: R): void;
  /** O(1); a hit counts as a use (least used records are evicted first). */
  get(key: string): R | undefined;
  /** Whether the key is held or was dropped (for redaction; not a use). */
  knows(key: string): boolean;
  /** Why a key the store no longer holds was dropped, if it was. */
  dropped(key: string): DropReason | undefined;
  /** Usable records dropped so long ago that `dropped` no longer remembers them. */
  forgottenDrops(partition: string): boolean;
  /** Tells the store a record of this partition died other than by time (revoked): the next sweep looks. */
  died(partition: string): void;
  values(): IterableIterator<R>;
  stats(): StoreStats;
  clear(): void;
}

/**
 * A record's place in its owner's queue. A use only sets `used`; eviction gives a used record a second chance
 * (to the back of the queue) instead of dropping it, so the least recently used go first (the CLOCK
 * approximation of LRU). Moving the record on every use instead would re-insert one key into a Map over
 * and over, which V8 makes cost O(re-insertions since the last rehash): measured 111 µs a use for a client
 * sending every message with one token, against 0.2 µs.
 */
interface Slot {
  size: number;
  used: boolean;
}

interface Partition<R> {
  /** Per owner, its records in queue order (oldest first), each with its slot. */
  owners: Map<string, Map<R, Slot>>;
  count: number;
  bytes: number;
  droppedLive: number;
  droppedDead: number;
  /** Sweeping finds nothing dead before this time, unless `died` was called. */
  nextExpiry: number;
  dirty: boolean;
}

/** Room made at each overflow, so that the work of making it is spread over many additions. */
const HEADROOM = 0.01;

export function createBoundedStore<R>(deps: BoundedDeps<R>): BoundedStore<R> {
  // Each record with its slot (shared with its owner's queue), so a lookup that marks the use is one Map read.
  const byKey = new Map<string, { record: R; slot: Slot }>();
  const parts = new Map<string, Partition<R>>();
  // Remembers between 2× and 4× the limit's worth of drops (a few bytes each, the value itself is not kept).
  const tombstones = createTombstones<number>(Math.max(4096, deps.limit.count * 2));

  const partitionOf = (name: string): Partition<R> => {
    let p = parts.get(name);
    if (!p) {
      p = { owners: new Map(), count: 0, bytes: 0, droppedLive: 0, droppedDead: 0, nextExpiry: Infinity, dirty: false };
      parts.set(name, p);
    }
    return p;
  };

  const drop = (p: Partition<R>, record: R, set: Map<R, Slot>, owner: string, reason: DropReason): void => {
    p.bytes -= set.get(record)?.size ?? 0;
    set.delete(record);
    if (set.size === 0) p.owners.delete(owner);
    const key = deps.key(record);
    byKey.delete(key);
    p.count--;
    if (reason === 'capacity') p.droppedLive++;
    else p.droppedDead++;
    tombstones.add(key, REASONS.indexOf(reason));
    deps.onDrop?.(record);
  };

  /** Drops every dead record of the partition and notes when the next one dies. */
  const sweep = (p: Partition<R>, now: number): void => {
    let next = Infinity;
    for (const [owner, set] of p.owners) {
      for (const record of set.keys()) {
        const dead = deps.dead(record, now);
        if (dead) drop(p, record, set, owner, dead);
        else next = Math.min(next, deps.expiresAt(record) ?? Infinity);
      }
    }
    p.nextExpiry = next;
    p.dirty = false;
  };

  /**
   * Evicts `need` usable records, least recently used first, from the owners holding the most: they are
   * cut down to one common level, so a client issuing in a loop evicts its own tokens, not a quiet one's.
   */
  const evictLive = (p: Partition<R>, need: number): void => {
    const owners = [...p.owners].sort((a, b) => b[1].size - a[1].size);
    let total = 0;
    let k = 0;
    let level = 0;
    while (k < owners.length) {
      total += owners[k]![1].size;
      k++;
      const nextSize = k < owners.length ? owners[k]![1].size : 0;
      if (total - k * nextSize >= need) {
        level = Math.max(nextSize, Math.floor((total - need) / k));
        break;
      }
    }
    let left = need;
    for (let i = 0; i < k && left > 0; i++) {
      const [owner, set] = owners[i]!;
      let cut = Math.min(left, set.size - level);
      // Records moved to the back come round again in this same loop, no longer marked used: it ends.
      for (const [record, slot] of set) {
        if (cut <= 0) break;
        if (slot.used) {
          slot.used = false;
          set.delete(record);
          set.set(record, slot);
          continue;
        }
        drop(p, record, set, owner, 'capacity');
        cut--;
        left--;
      }
    }
    // Rounding can leave a few: take them from whoever is heaviest now.
    while (left > 0 && p.owners.size > 0) {
      const [owner, set] = [...p.owners].reduce((a, b) => (b[1].size > a[1].size ? b : a));
      drop(p, set.keys().next().value as R, set, owner, 'capacity');
      left--;
    }
  };

  const makeRoom = (p: Partition<R>): void => {
    const now = deps.now();
    if (p.dirty || now >= p.nextExpiry) sweep(p, now);
    const countTarget = Math.floor(deps.limit.count * (1 - HEADROOM));
    const bytesTarget = Math.floor(deps.limit.bytes * (1 - HEADROOM));
    if (p.count > deps.limit.count || p.bytes > deps.limit.bytes) {
      for (let rounds = 0; rounds < 8 && (p.count > countTarget || p.bytes > bytesTarget) && p.count > 0; rounds++) {
        const average = p.bytes / p.count;
        const need = Math.max(p.count - countTarget, Math.ceil((p.bytes - bytesTarget) / average), 1);
        evictLive(p, Math.min(need, p.count));
      }
    }
  };

  return {
    add(record) {
      const key = deps.key(record);
      if (byKey.has(key)) return;
      const p = partitionOf(deps.partition(record));
      const owner = deps.owner(record);
      let set = p.owners.get(owner);
      if (!set) {
        set = new Map();
        p.owners.set(owner, set);
      }
      const size = deps.size(record);
      const slot: Slot = { size, used: false };
      set.set(record, slot);
      byKey.set(key, { record, slot });
      p.count++;
      p.bytes += size;
      const expiry = deps.expiresAt(record);
      if (expiry !== null && expiry < p.nextExpiry) p.nextExpiry = expiry;
      if (p.count > deps.limit.count || p.bytes > deps.limit.bytes) makeRoom(p);
    },
    get(key) {
      const held = byKey.get(key);
      if (held === undefined) return undefined;
      held.slot.used = true;
      return held.record;
    },
    knows: (key) => byKey.has(key) || tombstones.get(key) !== undefined,
    dropped(key) {
      if (byKey.has(key)) return undefined;
      const reason = tombstones.get(key);
      return reason === undefined ? undefined : REASONS[reason];
    },
    forgottenDrops: (partition) => tombstones.overflowed && (parts.get(partition)?.droppedLive ?? 0) > 0,
    died(partition) {
      const p = parts.get(partition);
      if (p) p.dirty = true;
    },
    *values() {
      for (const held of byKey.values()) yield held.record;
    },
    stats() {
      const partitions: Record<string, PartitionStats> = {};
      for (const [name, p] of parts) {
        partitions[name] = { count: p.count, bytes: p.bytes, droppedLive: p.droppedLive, droppedDead: p.droppedDead };
      }
      return { limit: { ...deps.limit }, partitions };
    },
    clear() {
      byKey.clear();
      parts.clear();
      tombstones.clear();
    },
  };
}
