// Messages an emulated receiver accepted, in order, per provider and environment; bounded, paged, never lost silently.
import { DEFAULT_LIMITS, raiseHint, type StoreLimit } from '../limits.ts';
import { clipDepth, jsonDepth, MAX_DEPTH } from '../safe-json.ts';

export interface InboxMessage {
  seq: number;
  /** Clock time (epoch ms) of acceptance. */
  at: number;
  provider: string;
  environment: string;
  path: string;
  /** How the sender authenticated: `bearer` or `basic`. */
  auth: string;
  clientId: string;
  /** Request headers, lower-case names, credentials fingerprinted. */
  headers: Record<string, string>;
  /** The parsed JSON body (nesting past 64 levels replaced by a marker). */
  body: unknown;
}

export interface InboxPage {
  messages: InboxMessage[];
  /** The `after` of the next page, or null when this page reaches the newest message. */
  next: number | null;
  /** Messages of this inbox dropped, oldest first, because it was full. */
  dropped: number;
  /** Why they were dropped and how to keep more, when any were. */
  notice?: string;
}

export interface InboxStats {
  limit: StoreLimit;
  inboxes: Record<string, { count: number; bytes: number; dropped: number }>;
}

export interface InboxStore {
  /** `raw` is the body's JSON text when the caller has it: it sizes the message and bounds its nesting cheaply. */
  deliver(message: Omit<InboxMessage, 'seq'>, raw?: string): InboxMessage;
  messages(provider: string, environment?: string): InboxMessage[];
  /** Up to `limit` messages with `seq` greater than `after`, oldest first: costs the page, not the inbox. */
  page(provider: string, environment: string, options?: { after?: number; limit?: number }): InboxPage;
  stats(): InboxStats;
  /** Empties one inbox, a provider's, or all of them (which also restarts message numbering). */
  clear(provider?: string, environment?: string): void;
}

interface Box {
  items: InboxMessage[];
  sizes: number[];
  /** Index of the oldest kept message (dropped ones are cut off in batches). */
  start: number;
  bytes: number;
  dropped: number;
}

const MESSAGE_OVERHEAD = 400;

function messageSize(message: Omit<InboxMessage, 'seq'>, raw: string | undefined): number {
  let size = MESSAGE_OVERHEAD + message.path.length + message.clientId.length;
  for (const [k, v] of Object.entries(message.headers)) size += k.length + v.length;
  if (raw !== undefined) return size + raw.length * 2;
  try {
    return size + (JSON.stringify(message.body)?.length ?? 0) * 2;
  } catch {
    return size;
  }
}

/** Bounded per inbox (default 10,000 messages, 16 MiB): past that the oldest go and the inbox says how many. */
export function createInboxStore(options: { limit?: StoreLimit } = {}): InboxStore {
  const limit = options.limit ?? DEFAULT_LIMITS.inbox;
  const boxes = new Map<string, Box>();
  let seq = 0;
  const keyOf = (provider: string, environment: string): string => `${provider}/${environment}`;
  const kept = (box: Box): InboxMessage[] => box.items.slice(box.start);
  const count = (box: Box): number => box.items.length - box.start;

  const trim = (box: Box): void => {
    while (count(box) > 0 && (count(box) > limit.count || box.bytes > limit.bytes)) {
      box.bytes -= box.sizes[box.start]!;
      box.start++;
      box.dropped++;
    }
    // Cut the dropped prefix off once it is as long as what is kept: amortised O(1) per message.
    if (box.start > 1024 && box.start >= count(box)) {
      box.items = box.items.slice(box.start);
      box.sizes = box.sizes.slice(box.start);
      box.start = 0;
    }
  };

  const select = (provider?: string, environment?: string): Box[] =>
    [...boxes].filter(([k]) => (provider === undefined || k.startsWith(`${provider}/`)) && (environment === undefined || k === keyOf(provider!, environment))).map(([, b]) => b);

  return {
    deliver(message, raw) {
      const body = raw !== undefined ? (jsonDepth(raw) > MAX_DEPTH ? clipDepth(message.body) : message.body) : clipDepth(message.body);
      const full: InboxMessage = { seq: ++seq, ...message, body };
      const key = keyOf(message.provider, message.environment);
      let box = boxes.get(key);
      if (!box) boxes.set(key, (box = { items: [], sizes: [], start: 0, bytes: 0, dropped: 0 }));
      const size = messageSize(message, raw);
      box.items.push(full);
      box.sizes.push(size);
      box.bytes += size;
      trim(box);
      return full;
    },
    messages(provider, environment) {
      const all = select(provider, environment).flatMap(kept);
      return all.length > 1 && environment === undefined ? all.sort((a, b) => a.seq - b.seq) : all;
    },
    page(provider, environment, { after = 0, limit: size = 100 } = {}) {
      const box = boxes.get(keyOf(provider, environment));
      if (!box) return { messages: [], next: null, dropped: 0 };
      // Binary search for the first message after the cursor: seqs only grow within an inbox.
      let lo = box.start;
      let hi = box.items.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (box.items[mid]!.seq <= after) lo = mid + 1;
        else hi = mid;
      }
      const messages = box.items.slice(lo, lo + size);
      const more = lo + size < box.items.length;
      return {
        messages,
        next: more ? (messages.at(-1)?.seq ?? after) : null,
        dropped: box.dropped,
        ...(box.dropped > 0
          ? {
              notice: `${box.dropped.toLocaleString('en-US')} older messages were dropped: an inbox keeps at most ${limit.count.toLocaleString('en-US')} messages ` +
                `(${Math.round(limit.bytes / 1048576)} MiB); ${raiseHint('inbox')}.`,
            }
          : {}),
      };
    },
    stats() {
      const inboxes: InboxStats['inboxes'] = {};
      for (const [key, box] of boxes) inboxes[key] = { count: count(box), bytes: box.bytes, dropped: box.dropped };
      return { limit: { ...limit }, inboxes };
    },
    clear(provider, environment) {
      if (provider === undefined) {
        boxes.clear();
        seq = 0;
        return;
      }
      for (const [key] of boxes) {
        if (key.startsWith(`${provider}/`) && (environment === undefined || key === keyOf(provider, environment))) boxes.delete(key);
      }
    },
  };
}
