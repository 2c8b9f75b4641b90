// Delivery receipt `status` to product status (reference §5). The product state follows `status`; `err-code` is
// kept as the event's error code, since it says whether sending again could help.
import type { MessageStatus } from '../../domain/messages/status.js';

const STATUS: Readonly<Record<string, MessageStatus | undefined>> = {
  delivered: 'delivered',
  expired: 'undelivered',
  failed: 'undelivered',
  rejected: 'failed',
  accepted: 'sent',
  buffered: 'sent',
  unknown: undefined,
};

/** undefined: a report that changes nothing (`unknown`, or a value Vonage may add later). */
export function receiptStatus(status: string): MessageStatus | undefined {
  return STATUS[status.toLowerCase()];
}

export type ErrCodeClass = 'none' | 'transient' | 'permanent' | 'opted-out';

/** What `err-code` says about sending the same message again. */
export function classifyErrCode(errCode: string): ErrCodeClass {
  const n = Number(errCode);
  if (errCode === '' || n === 0) return 'none';
  if ([1, 2, 7, 8, 95].includes(n)) return 'transient';
  if (n === 9) return 'opted-out';
  return 'permanent';
}
