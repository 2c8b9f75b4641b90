// Some SMSCs write the id of a receipt in another base than the one in submit_sm_resp (Kannel's
// msg-id-type). `receiptIdConversion` settles it for good; without it, the ids this adapter was
// given recently are remembered, so a receipt naming one in the other base is still reported
// under the id the product stored. In memory and bounded: after a restart, only the setting helps.
import { alternateIds, canonicalId } from './ids.js';

export interface SubmittedIdsOptions {
  readonly ttlMs: number;
  readonly max: number;
  readonly now: () => number;
}

export class SubmittedIds {
  /** Canonical id → when it is forgotten; insertion order is age order. */
  private readonly ids = new Map<string, number>();
  private readonly alternates = new Map<string, string>();

  constructor(private readonly options: SubmittedIdsOptions) {}

  get size(): number {
    return this.ids.size;
  }

  remember(id: string): void {
    this.prune();
    const c = canonicalId(id);
    this.ids.delete(c);
    this.ids.set(c, this.options.now() + this.options.ttlMs);
    for (const alt of alternateIds(c)) this.alternates.set(alt, c);
  }

  /** The receipt's id as submit_sm_resp gave it when it is known in either base, else canonical. */
  resolve(receiptId: string): string {
    const c = canonicalId(receiptId);
    if (this.ids.has(c)) return c;
    const alt = this.alternates.get(c);
    return alt !== undefined && this.ids.has(alt) ? alt : c;
  }

  private prune(): void {
    const now = this.options.now();
    for (const [id, expiresAt] of this.ids) {
      if (expiresAt > now && this.ids.size < this.options.max) break;
      this.ids.delete(id);
      for (const alt of alternateIds(id)) if (this.alternates.get(alt) === id) this.alternates.delete(alt);
    }
  }
}
