// A long message goes out as several parts, and some providers (Vonage, SMPP) report each part
// on its own. The agent sees one status per message: the parts' reports are merged (provider
// reference §5). Final once every part is final; `delivered` only if every part was; otherwise
// `undelivered` if any part was, else `failed`. A part refused at submission, or never answered,
// can never report: it is stored as `failed` from the start.
import { isFinal, type MessageStatus } from './status.js';

export interface PartState {
  /** The part's latest report; null until it has reported. */
  readonly status: MessageStatus | null;
  readonly errorCode: string | null;
}

export interface MergedParts {
  readonly status: MessageStatus;
  /** The error code of the part that decided a non-delivered outcome. */
  readonly errorCode: string | null;
}

/**
 * A part's latest final report stands, so a contradiction (`delivered` after `expired`) reaches
 * the message's state machine, which keeps the first final word and flags the second. An
 * intermediate report never hides a final one that came first.
 */
export function partStatusAfter(current: MessageStatus | null, reported: MessageStatus): MessageStatus {
  if (current !== null && isFinal(current) && !isFinal(reported)) return current;
  return reported;
}

export function mergePartStatuses(statuses: readonly MessageStatus[]): MessageStatus {
  if (statuses.every((s) => s === 'delivered')) return 'delivered';
  if (statuses.some((s) => s === 'undelivered')) return 'undelivered';
  return 'failed';
}

/** The message's status from its parts, or undefined while a part has not reported a final status. */
export function mergeParts(parts: readonly PartState[]): MergedParts | undefined {
  const finals: MessageStatus[] = [];
  for (const p of parts) {
    if (p.status === null || !isFinal(p.status)) return undefined;
    finals.push(p.status);
  }
  if (finals.length === 0) return undefined;
  const status = mergePartStatuses(finals);
  if (status === 'delivered') return { status, errorCode: null };
  const decisive = parts.find((p) => p.status === status && p.errorCode !== null) ?? parts.find((p) => p.status !== 'delivered' && p.errorCode !== null);
  return { status, errorCode: decisive?.errorCode ?? null };
}
