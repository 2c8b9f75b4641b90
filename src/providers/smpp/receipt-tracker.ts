// One receipt comes per part; the product tracks one status per message. The tracker remembers which part ids make
// up which message and merges their receipts (reference §5): final once every part is final; `delivered` only if
// every part was delivered; otherwise `undelivered` if any part was, else `failed`. A part the SMSC refused, or
// that never got an answer (so it has no id and can never get a receipt), counts as `failed`. A part's latest report
// stands: a contradicting later one changes the merged status, and the product's state machine stores and flags it
// rather than applying it.
// It lives in memory: after a restart the receipts of a long message sent before it are reported per part, under
// each part's own id (the first part's is the message's, so a one-part message is never affected).
import type { MessageStatus } from '../../domain/messages/status.js';
import { alternateIds, canonicalId } from './ids.js';

const FINAL: ReadonlySet<MessageStatus> = new Set(['delivered', 'undelivered', 'failed']);

interface Tracked {
  readonly providerMessageId: string;
  /** Parts that will report: every part while submitting, then the accepted ones. */
  parts: number;
  missingParts: number;
  open: boolean;
  readonly finals: Map<number, PartReport>;
  readonly expiresAt: number;
}

export interface PartReport {
  readonly status: MessageStatus;
  /** The SMSC's own word (`DELIVRD`, `UNDELIV`...). */
  readonly word: string;
  readonly errorCode?: string;
}

export interface MergedReceipt extends PartReport {
  readonly providerMessageId: string;
}

export interface ReceiptTrackerOptions {
  readonly ttlMs: number;
  readonly maxMessages: number;
  readonly now: () => number;
}

export function mergePartStatuses(statuses: readonly MessageStatus[]): MessageStatus {
  if (statuses.every((s) => s === 'delivered')) return 'delivered';
  if (statuses.some((s) => s === 'undelivered')) return 'undelivered';
  return 'failed';
}

export class ReceiptTracker {
  private readonly messages = new Map<string, Tracked>();
  /** Canonical id → [message key, part index]; alternates hold the same ids written in the other base. */
  private readonly byId = new Map<string, readonly [string, number]>();
  private readonly byAlternate = new Map<string, readonly [string, number]>();

  constructor(private readonly options: ReceiptTrackerOptions) {}

  get size(): number {
    return this.messages.size;
  }

  /**
   * The first part was accepted: its receipts can arrive before the other parts are even submitted (some SMSCs
   * send one right after the resp), so the message is known from here on.
   */
  begin(providerMessageId: string, totalParts: number): void {
    this.prune();
    const key = canonicalId(providerMessageId);
    this.messages.set(key, {
      providerMessageId,
      parts: totalParts,
      missingParts: 0,
      open: true,
      finals: new Map(),
      expiresAt: this.options.now() + this.options.ttlMs,
    });
    this.index(providerMessageId, key, 0);
  }

  addPart(providerMessageId: string, index: number, partId: string): void {
    this.index(partId, canonicalId(providerMessageId), index);
  }

  /**
   * Submission is over: `accepted` parts will report, the rest never will (refused or unanswered). Returns the
   * merged status if every reporting part already has.
   */
  finish(providerMessageId: string, accepted: number): MergedReceipt | undefined {
    const tracked = this.messages.get(canonicalId(providerMessageId));
    if (!tracked) return undefined;
    tracked.missingParts = tracked.parts - accepted;
    tracked.parts = accepted;
    tracked.open = false;
    return this.merged(tracked);
  }

  /** begin + every part + finish, for a message whose part ids are all known at once. */
  track(providerMessageId: string, partIds: readonly string[], missingParts: number): void {
    this.begin(providerMessageId, partIds.length + missingParts);
    partIds.forEach((id, i) => this.addPart(providerMessageId, i, id));
    this.finish(providerMessageId, partIds.length);
  }

  /**
   * What to report for one part's receipt: the merged status when the message is now final (again, if the SMSC
   * repeats itself: reporting twice is harmless, missing a report is not), `sent` for an intermediate one, nothing
   * while other parts are still out. A receipt for an id it does not know is passed through under that id.
   */
  onReceipt(receiptId: string, report: PartReport): MergedReceipt | undefined {
    const id = canonicalId(receiptId);
    const hit = this.byId.get(id) ?? this.byAlternate.get(id);
    const tracked = hit && this.messages.get(hit[0]);
    if (!hit || !tracked) return qualify({ providerMessageId: id, ...report });
    if (!FINAL.has(report.status)) return { providerMessageId: tracked.providerMessageId, status: report.status, word: report.word };
    tracked.finals.set(hit[1], report);
    return this.merged(tracked);
  }

  private merged(tracked: Tracked): MergedReceipt | undefined {
    if (tracked.open || tracked.finals.size < tracked.parts) return undefined;
    const finals = [...tracked.finals.values()];
    const status = mergePartStatuses([...finals.map((f) => f.status), ...Array<MessageStatus>(tracked.missingParts).fill('failed')]);
    // The part that decided the outcome gives the word and the error code.
    const decisive = finals.find((f) => f.status === status) ?? finals.find((f) => f.status !== 'delivered') ?? finals[0];
    return qualify({ providerMessageId: tracked.providerMessageId, word: decisive?.word ?? '', ...decisive, status });
  }

  private index(partId: string, key: string, part: number): void {
    this.byId.set(canonicalId(partId), [key, part]);
    for (const alt of alternateIds(partId)) this.byAlternate.set(alt, [key, part]);
  }

  private prune(): void {
    const now = this.options.now();
    for (const [key, t] of this.messages) {
      if (t.expiresAt > now && this.messages.size < this.options.maxMessages) break;
      this.messages.delete(key);
    }
    // Index entries of pruned messages fail the `messages` lookup and are passed through; drop them in bulk.
    if (this.byId.size > this.options.maxMessages * 4) {
      for (const [id, [key]] of this.byId) if (!this.messages.has(key)) this.byId.delete(id);
      for (const [id, [key]] of this.byAlternate) if (!this.messages.has(key)) this.byAlternate.delete(id);
    }
  }
}

/** An error code only qualifies a failure: `err:000` on a delivered message says nothing. */
function qualify(r: MergedReceipt): MergedReceipt {
  const { errorCode, ...rest } = r;
  return r.status !== 'delivered' && r.status !== 'sent' && errorCode ? { ...rest, errorCode } : rest;
}
