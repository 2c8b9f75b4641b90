// Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3).

const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

/** The delay a Retry-After header asks for, in ms; undefined when absent or unreadable. */
export function retryAfterMs(header: string | readonly string[] | undefined, now: Date): number | undefined {
  const value = (typeof header === 'string' ? header : header?.[0])?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now.getTime()), MAX_RETRY_AFTER_MS);
}
