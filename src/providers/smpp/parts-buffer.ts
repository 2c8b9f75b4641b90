// Holds the parts of long inbound messages until all have arrived. Bounded in count and in time, because a part
// that never comes must not pin memory; and what is evicted is handed back, not dropped: an incomplete message is
// still a message from a customer (spec D6).

export interface PartialMessage<T> {
  readonly key: string;
  readonly total: number;
  /** By sequence number - 1; holes are undefined. */
  readonly parts: readonly (T | undefined)[];
  readonly firstAt: number;
}

export type AddResult<T> =
  | { readonly kind: 'complete'; readonly parts: readonly T[]; readonly firstAt: number }
  | { readonly kind: 'pending' }
  /** The same part again (a redelivery): nothing new. */
  | { readonly kind: 'duplicate' };

export interface PartsBufferOptions {
  readonly maxMessages: number;
  readonly expiryMs: number;
  readonly now: () => number;
}

interface Entry<T> {
  readonly total: number;
  readonly parts: (T | undefined)[];
  readonly partIds: (string | undefined)[];
  count: number;
  readonly firstAt: number;
}

export class PartsBuffer<T> {
  private readonly entries = new Map<string, Entry<T>>();
  /** Part ids seen recently, so a part redelivered after its message completed does not start a new one. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly options: PartsBufferOptions) {}

  get pending(): number {
    return this.entries.size;
  }

  /**
   * `seq` is 1-based; `partId` tells a redelivered part (same id) from a new message that reuses the reference
   * (another id: the old one is handed back incomplete). Out-of-range parts throw a RangeError.
   */
  add(
    key: string,
    total: number,
    seq: number,
    partId: string,
    part: T,
  ): { result: AddResult<T>; evicted: PartialMessage<T>[] } {
    if (!Number.isInteger(total) || total < 1 || !Number.isInteger(seq) || seq < 1 || seq > total) {
      throw new RangeError(`part ${seq} of ${total}`);
    }
    const evicted = this.expire();
    const fullKey = `${key}|${total}`;
    if (this.seen.has(partId)) return { result: { kind: 'duplicate' }, evicted };
    let entry = this.entries.get(fullKey);
    if (entry && entry.partIds[seq - 1] !== undefined) {
      evicted.push(this.take(fullKey));
      entry = undefined;
    }
    if (!entry) {
      if (this.entries.size >= this.options.maxMessages) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) evicted.push(this.take(oldest.value));
      }
      entry = {
        total,
        parts: Array<T | undefined>(total).fill(undefined),
        partIds: Array<string | undefined>(total).fill(undefined),
        count: 0,
        firstAt: this.options.now(),
      };
      this.entries.set(fullKey, entry);
    }
    entry.parts[seq - 1] = part;
    entry.partIds[seq - 1] = partId;
    entry.count++;
    this.seen.set(partId, this.options.now() + this.options.expiryMs);
    if (entry.count < entry.total) return { result: { kind: 'pending' }, evicted };
    this.entries.delete(fullKey);
    return { result: { kind: 'complete', parts: entry.parts as T[], firstAt: entry.firstAt }, evicted };
  }

  /** Removes and returns the messages that waited longer than expiryMs. */
  expire(): PartialMessage<T>[] {
    const now = this.options.now();
    const out: PartialMessage<T>[] = [];
    for (const [key, entry] of this.entries) {
      if (now - entry.firstAt < this.options.expiryMs) break;
      out.push(this.take(key));
    }
    for (const [id, until] of this.seen) {
      if (until > now && this.seen.size <= this.options.maxMessages * 2) break;
      this.seen.delete(id);
    }
    return out;
  }

  private take(fullKey: string): PartialMessage<T> {
    const entry = this.entries.get(fullKey);
    this.entries.delete(fullKey);
    const sep = fullKey.lastIndexOf('|');
    return {
      key: fullKey.slice(0, sep),
      total: entry?.total ?? 0,
      parts: entry?.parts ?? [],
      firstAt: entry?.firstAt ?? this.options.now(),
    };
  }
}
