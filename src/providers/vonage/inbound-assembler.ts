// Vonage does not reassemble long inbound messages (reference §3): each part comes as its own webhook with
// `concat-ref`, `concat-total` and `concat-part`, possibly out of order and more than once. Parts are held by
// (sender, our number, concat-ref) until all have come, in a buffer bounded in size and time. What is pushed out
// incomplete is still passed on, a missing part shown as "…": a customer's words are never dropped (spec D6).
// A completed message is remembered by its part ids for a while, so a part Vonage sends again (our 200 was lost)
// yields the same message again, under the same id, for the store to deduplicate, instead of nothing.

export interface InboundPart {
  readonly messageId: string;
  readonly from: string;
  readonly to: string;
  readonly text: string;
  readonly at: Date;
  readonly concat?: { readonly ref: string; readonly total: number; readonly part: number };
}

export interface AssembledInbound {
  /** The first part's id (the lowest part number that arrived). */
  readonly providerMessageId: string;
  readonly from: string;
  readonly to: string;
  readonly body: string;
  readonly at: Date;
  readonly complete: boolean;
}

interface Pending {
  readonly parts: (InboundPart | undefined)[];
  readonly firstSeen: number;
}

export interface AssemblerOptions {
  readonly maxPending: number;
  readonly expiryMs: number;
  readonly now: () => number;
}

export class InboundAssembler {
  private readonly pending = new Map<string, Pending>();
  private readonly done = new Map<string, { message: AssembledInbound; until: number }>();

  constructor(private readonly options: AssemblerOptions) {}

  get pendingCount(): number {
    return this.pending.size;
  }

  /** The message this part completes (or completed before), and any incomplete ones pushed out meanwhile. */
  add(part: InboundPart): { message?: AssembledInbound; evicted: AssembledInbound[] } {
    const evicted = this.expire();
    const c = part.concat;
    if (!c || c.total <= 1) return { message: assemble([part], true), evicted };
    const known = this.done.get(part.messageId);
    if (known) return { message: known.message, evicted };
    if (c.part < 1 || c.part > c.total) return { message: assemble([part], false), evicted };
    const key = `${part.from}|${part.to}|${c.ref}|${c.total}`;
    let entry = this.pending.get(key);
    if (!entry) {
      if (this.pending.size >= this.options.maxPending) {
        const oldest = this.pending.keys().next();
        if (!oldest.done) evicted.push(this.takePartial(oldest.value));
      }
      entry = { parts: Array<InboundPart | undefined>(c.total).fill(undefined), firstSeen: this.options.now() };
      this.pending.set(key, entry);
    }
    entry.parts[c.part - 1] = part;
    if (entry.parts.some((p) => p === undefined)) return { evicted };
    this.pending.delete(key);
    const parts = entry.parts as InboundPart[];
    const message = assemble(parts, true);
    const until = this.options.now() + this.options.expiryMs;
    for (const p of parts) this.done.set(p.messageId, { message, until });
    return { message, evicted };
  }

  /** Incomplete messages that waited longer than the expiry, removed from the buffer. */
  expire(): AssembledInbound[] {
    const now = this.options.now();
    const out: AssembledInbound[] = [];
    for (const [key, entry] of this.pending) {
      if (now - entry.firstSeen < this.options.expiryMs) break;
      out.push(this.takePartial(key));
    }
    for (const [id, d] of this.done) {
      if (d.until > now && this.done.size <= this.options.maxPending * 8) break;
      this.done.delete(id);
    }
    return out;
  }

  private takePartial(key: string): AssembledInbound {
    const entry = this.pending.get(key);
    this.pending.delete(key);
    return assemble(entry?.parts ?? [], false);
  }
}

function assemble(parts: readonly (InboundPart | undefined)[], complete: boolean): AssembledInbound {
  const first = parts.find((p): p is InboundPart => p !== undefined);
  return {
    providerMessageId: first?.messageId ?? '',
    from: first?.from ?? '',
    to: first?.to ?? '',
    body: parts.map((p) => p?.text ?? '…').join(''),
    at: first?.at ?? new Date(0),
    complete,
  };
}
