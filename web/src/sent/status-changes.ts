import type { SentDirectMessage } from './sent-types';

export interface StatusChange {
  readonly id: string;
  readonly to: string;
  readonly customerName: string | null;
  readonly status: string;
}

/**
 * The rows already shown whose status moved: what a screen reader is told. Rows that appear (Show
 * older, a reload, a new SMS) are not changes, so the list itself is never read out.
 */
export function statusChanges(before: readonly SentDirectMessage[], after: readonly SentDirectMessage[]): StatusChange[] {
  const was = new Map(before.map((m) => [m.id, m.status]));
  return after.filter((m) => was.has(m.id) && was.get(m.id) !== m.status).map((m) => ({ id: m.id, to: m.to, customerName: m.customerName, status: m.status }));
}
