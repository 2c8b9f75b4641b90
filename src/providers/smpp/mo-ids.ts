// Ids for messages from handsets. SMPP gives none, yet the store needs one that stays the same when the SMSC
// delivers the same deliver_sm again, and differs when the customer writes the same words twice. An SMSC only
// redelivers what it may not have had a 0 answer for: one answered with an error, or one answered on a connection
// that has since gone (the answer may have been lost with it). So a copy of a recent message gets the earlier id in
// those two cases, and a new id when the earlier one was answered 0 on the connection still in use.
import { randomUUID } from 'node:crypto';

interface Seen {
  readonly id: string;
  /** Link generation the 0 answer went out on; undefined while none did. */
  readonly answeredOn: number | undefined;
  readonly at: number;
}

export interface MoIdOptions {
  /** How long a copy can still be a redelivery. */
  readonly windowMs: number;
  readonly max: number;
  readonly now: () => number;
}

export class MoIds {
  private readonly seen = new Map<string, Seen>();

  constructor(private readonly options: MoIdOptions) {}

  /** `key` identifies the content (sender, recipient, octets); `generation` the connection it came on. */
  idFor(key: string, generation: number): string {
    this.prune();
    const earlier = this.seen.get(key);
    if (earlier && earlier.answeredOn !== generation) return earlier.id;
    return `smpp-mo-${randomUUID()}`;
  }

  answered(key: string, id: string, generation: number, ok: boolean): void {
    this.seen.delete(key);
    this.seen.set(key, { id, answeredOn: ok ? generation : undefined, at: this.options.now() });
  }

  private prune(): void {
    const now = this.options.now();
    for (const [key, s] of this.seen) {
      if (now - s.at < this.options.windowMs && this.seen.size < this.options.max) break;
      this.seen.delete(key);
    }
  }
}
