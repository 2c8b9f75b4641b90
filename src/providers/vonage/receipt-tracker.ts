// Vonage sends one receipt per part; the product tracks one status per message. The tracker remembers which part
// ids make up which message and merges their receipts (reference §5): final once every part is final; `delivered`
// only if every part was; otherwise `undelivered` if any part was, else `failed`. Parts Vonage refused count as
// `failed`. In memory: after a restart, or on another instance, a part's receipt is reported under its own id (the
// first part's id is the message's, so a one-part message is never affected).
import type { MessageStatus } from '../../domain/messages/status.js';

const FINAL: ReadonlySet<MessageStatus> = new Set(['delivered', 'undelivered', 'failed']);

export interface MergedReceipt {
  readonly providerMessageId: string;
  readonly status: MessageStatus;
  readonly errorCode?: string;
}

interface Tracked {
  readonly providerMessageId: string;
  readonly partIds: readonly string[];
  readonly refusedParts: number;
  readonly finals: Map<string, { status: MessageStatus; errorCode?: string }>;
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

  /** Merged status when the message is final (again, for a repeated receipt), `sent` for an intermediate one. */
  onReceipt(partId: string, status: MessageStatus, errorCode?: string): MergedReceipt | undefined {
    const key = this.byPart.get(partId);
    const tracked = key === undefined ? undefined : this.messages.get(key);
    if (!tracked) return withError({ providerMessageId: partId, status }, errorCode);
    if (!FINAL.has(status)) return { providerMessageId: tracked.providerMessageId, status };
    if (!tracked.finals.has(partId)) tracked.finals.set(partId, { status, ...(errorCode ? { errorCode } : {}) });
    if (tracked.finals.size < tracked.partIds.length) return undefined;
    const finals = [...tracked.finals.values()];
    const merged = mergePartStatuses([...finals.map((f) => f.status), ...Array<MessageStatus>(tracked.refusedParts).fill('failed')]);
    return withError({ providerMessageId: tracked.providerMessageId, status: merged }, finals.find((f) => f.status !== 'delivered' && f.errorCode)?.errorCode);
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
function withError(r: MergedReceipt, errorCode: string | undefined): MergedReceipt {
  return r.status !== 'delivered' && r.status !== 'sent' && errorCode && errorCode !== '0' ? { ...r, errorCode } : r;
}
