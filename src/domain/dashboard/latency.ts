// Time to delivered is kept as a histogram per hour (a count per latency bucket), so the dashboard
// reads percentiles from aggregates instead of sorting every message of the period. The bounds
// are written into the database by migration 0017 (the trigger buckets with width_bucket): they
// are frozen; new bounds need a new migration that re-buckets.

/** Lower bounds in seconds of buckets 1..n; bucket 0 is [0, 1 s), bucket k is [B[k-1], B[k]). */
export const LATENCY_BOUNDS_SECONDS: readonly number[] = [
  1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 86400,
];

/** The bucket a latency falls in, as PostgreSQL's width_bucket(seconds, bounds) numbers it. */
export function latencyBucket(seconds: number): number {
  let k = 0;
  while (k < LATENCY_BOUNDS_SECONDS.length && seconds >= (LATENCY_BOUNDS_SECONDS[k] ?? Infinity)) k++;
  return k;
}

/** The range of a bucket in seconds; the last one is open (upper = Infinity). */
export function bucketRange(bucket: number): { readonly lower: number; readonly upper: number } {
  const lower = bucket === 0 ? 0 : (LATENCY_BOUNDS_SECONDS[bucket - 1] ?? Infinity);
  const upper = LATENCY_BOUNDS_SECONDS[bucket] ?? Infinity;
  return { lower, upper };
}

/**
 * The q-quantile (0 < q <= 1) of a histogram {bucket: count}, interpolated linearly inside the
 * bucket that holds it (the usual estimate; its error is at most the bucket's width). The open
 * last bucket answers its lower bound: "at least a day". Null when the histogram is empty.
 */
export function percentileFromHistogram(counts: ReadonlyMap<number, number>, q: number): number | null {
  if (!(q > 0 && q <= 1)) throw new RangeError(`quantile out of range: ${q}`);
  const buckets = [...counts.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (const [bucket, n] of buckets) {
    if (seen + n >= rank) {
      const { lower, upper } = bucketRange(bucket);
      if (!Number.isFinite(upper)) return lower;
      return lower + ((rank - seen) / n) * (upper - lower);
    }
    seen += n;
  }
  const last = buckets[buckets.length - 1];
  return last ? bucketRange(last[0]).lower : null;
}
