// Vonage sends one receipt per part; the product tracks one status per message. The tracker remembers which part
// ids make up which message and merges their receipts (reference §5): final once every part is final; `delivered`
// only if every part was; otherwise `undelivered` if any part was, else `failed`. Parts Vonage refused count as
// `failed`. A part's latest report stands: a contradicting later one changes the merged status, and the product's
// state machine stores and flags it rather than applying it. In memory: after a restart, or on another instance, a
// part's receipt is reported under its own id (the first part's id is the message's, so a one-part message is
// never affected).
import type { MessageStatus } from '../../domain/messages/status.js';

const FINAL: ReadonlySet<MessageStatus> = new Set(['delivered', 'undelivered', 'failed']);

export interface PartReport {
  readonly status: MessageStatus;
  /** Vonage's own word (`delivered`, `expired`...). */
  readonly word: string;
  readonly errorCode?: string;
}

export interface MergedReceipt extends PartReport {
  readonly providerMessageId: string;
}

interface Tracked {
  readonly providerMessageId: string;
  readonly partIds: readonly string[];
  readonly refusedParts: number;
  readonly finals: Map<string, PartReport>;
  readonly expiresAt: number;
}

export function mergePartStatuses(statuses: readonly MessageStatus[]): MessageStatus {
  if (statuses.every((s) => s === 'delivered')) return 'delivered';
  if (statuses.some((s) => s === 'undelivered')) return 'undelivered';
  return 'failed';
}

export class VonageReceiptTracker {
  private readonly messages = new Map<string, Tracked>();
  private readonly byPart = new Map<string, string>();

  constructor(private readonly options: { ttlMs: number; maxMessages: number; now: () => number }) {}

  track(partIds: readonly string[], refusedParts: number): void {
    const first = partIds[0];
    if (!first) return;
    this.prune();
    this.messages.set(first, {
      providerMessageId: first,
      partIds,
      refusedParts,
      finals: new Map(),
      expiresAt: this.options.now() + this.options.ttlMs,
    });
    for (const id of partIds) this.byPart.set(id, first);
  }

  /**
   * The merged report when the message is final (again, for a repeated or contradicting receipt: reporting twice is
   * harmless, missing a report is not), `sent` for an intermediate one, nothing while other parts are still out.
   */
  onReceipt(partId: string, report: PartReport): MergedReceipt | undefined {
    const key = this.byPart.get(partId);
    const tracked = key === undefined ? undefined : this.messages.get(key);
    if (!tracked) return qualify({ providerMessageId: partId, ...report });
    if (!FINAL.has(report.status)) return { providerMessageId: tracked.providerMessageId, status: report.status, word: report.word };
    tracked.finals.set(partId, report);
    if (tracked.finals.size < tracked.partIds.length) return undefined;
    const finals = [...tracked.finals.values()];
    const status = mergePartStatuses([...finals.map((f) => f.status), ...Array<MessageStatus>(tracked.refusedParts).fill('failed')]);
    // The part that decided the outcome gives the word and the error code.
    const decisive = finals.find((f) => f.status === status) ?? finals.find((f) => f.status !== 'delivered') ?? report;
    return qualify({ providerMessageId: tracked.providerMessageId, ...decisive, status });
  }

  private prune(): void {
    const now = this.options.now();
    for (const [key, t] of this.messages) {
      if (t.expiresAt > now && this.messages.size < this.options.maxMessages) break;
      this.messages.delete(key);
      for (const id of t.partIds) this.byPart.delete(id);
    }
  }
}

/** `err-code` 0 on a delivered part says nothing; on a failure it says why. */
function qualify(r: MergedReceipt): MergedReceipt {
  const { errorCode, ...rest } = r;
  return r.status !== 'delivered' && r.status !== 'sent' && errorCode && errorCode !== '0' ? { ...rest, errorCode } : rest;
}
