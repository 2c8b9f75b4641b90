// When a scheduled message may be set to go: strictly later than now, and not so far ahead
// that the account, the profile or the customer have likely changed beyond recognition.
import { refuse, type Refusal } from '../errors.js';

export const MAX_SCHEDULE_AHEAD_MS = 30 * 24 * 3_600_000;

/** The undo window a profile may have: off (0), or 5 to 30 seconds. */
export function isUndoSeconds(n: number): boolean {
  return Number.isInteger(n) && (n === 0 || (n >= 5 && n <= 30));
}

export function checkSendAt(sendAt: Date, now: Date): { readonly ok: true } | Refusal {
  const t = sendAt.getTime();
  if (Number.isNaN(t)) return refuse('VALIDATION_FAILED', { field: 'sendAt', reason: 'INVALID_DATE' });
  if (t <= now.getTime()) return refuse('VALIDATION_FAILED', { field: 'sendAt', reason: 'IN_THE_PAST' });
  if (t - now.getTime() > MAX_SCHEDULE_AHEAD_MS) return refuse('VALIDATION_FAILED', { field: 'sendAt', reason: 'TOO_FAR', maxDays: 30 });
  return { ok: true };
}
