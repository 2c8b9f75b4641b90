// When to retry after a transient failure: exponential, capped, with jitter so the thousands
// of messages an outage queued do not all come back in the same second.

export interface BackoffPolicy {
  /** First retry after about this long (1 s: a blip is over by then). */
  readonly baseMs: number;
  /** Never wait longer than this between tries (1 h: an outage of a day is ~25 tries). */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 3_600_000 };

/**
 * Delay before try `attempts + 1`. "Equal jitter": half the exponential step fixed, half
 * random, so delays still grow with each failure but spread over the window.
 * The provider's Retry-After, when given, is a floor.
 */
export function retryDelayMs(attempts: number, policy: BackoffPolicy, random: () => number, retryAfterMs?: number): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 40)));
  const jittered = step / 2 + random() * (step / 2);
  return Math.round(Math.min(policy.maxMs, Math.max(jittered, retryAfterMs ?? 0)));
}
