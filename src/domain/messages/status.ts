// Message status only moves forward (spec D8). Providers report late, twice and out of order;
// the rank lets any report be applied blindly: a lower or equal rank is a no-op.

export const MESSAGE_STATUSES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'rejected',
  'received',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const FINAL_STATUSES: ReadonlySet<MessageStatus> = new Set(['delivered', 'undelivered', 'failed', 'rejected', 'received']);

const RANK: Readonly<Record<MessageStatus, number>> = {
  queued: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  undelivered: 3,
  failed: 3,
  rejected: 3,
  received: 3,
};

export type TransitionResult =
  | { readonly changed: true; readonly status: MessageStatus }
  | { readonly changed: false; readonly status: MessageStatus; readonly reason: 'duplicate' | 'stale' | 'final' };

/**
 * Applies a reported status to the current one. A final status is never replaced: a
 * `delivered` that arrives after `failed` is a carrier contradiction, and the first final
 * word is the one the agent already saw and was billed for.
 */
export function transition(current: MessageStatus, reported: MessageStatus): TransitionResult {
  if (current === reported) return { changed: false, status: current, reason: 'duplicate' };
  if (FINAL_STATUSES.has(current)) return { changed: false, status: current, reason: 'final' };
  if (RANK[reported] <= RANK[current]) return { changed: false, status: current, reason: 'stale' };
  // `rejected` means the provider refused at submission; a carrier report can never produce it.
  if (reported === 'received') return { changed: false, status: current, reason: 'stale' };
  return { changed: true, status: reported };
}

export function isFinal(status: MessageStatus): boolean {
  return FINAL_STATUSES.has(status);
}

export function isMessageStatus(value: string): value is MessageStatus {
  return (MESSAGE_STATUSES as readonly string[]).includes(value);
}
