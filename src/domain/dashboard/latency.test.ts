import { describe, expect, it } from 'vitest';
import { bucketRange, LATENCY_BOUNDS_SECONDS, latencyBucket, percentileFromHistogram } from './latency.js';

describe('latency buckets', () => {
  it('numbers buckets as width_bucket does', () => {
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(0.99)).toBe(0);
    expect(latencyBucket(1)).toBe(1);
    expect(latencyBucket(4.9)).toBe(3);
    expect(latencyBucket(86400)).toBe(LATENCY_BOUNDS_SECONDS.length);
    expect(bucketRange(3)).toEqual({ lower: 3, upper: 5 });
    expect(bucketRange(LATENCY_BOUNDS_SECONDS.length).upper).toBe(Infinity);
  });
});

describe('percentileFromHistogram', () => {
  it('is null for an empty histogram and refuses a quantile out of range', () => {
    expect(percentileFromHistogram(new Map(), 0.5)).toBeNull();
    expect(percentileFromHistogram(new Map([[2, 0]]), 0.5)).toBeNull();
    expect(() => percentileFromHistogram(new Map([[2, 1]]), 0)).toThrow(RangeError);
    expect(() => percentileFromHistogram(new Map([[2, 1]]), 1.5)).toThrow(RangeError);
  });

  it('interpolates inside the bucket that holds the rank', () => {
    // 100 messages in [2 s, 3 s): the median is half-way.
    expect(percentileFromHistogram(new Map([[2, 100]]), 0.5)).toBeCloseTo(2.5);
    // 50 in [0,1), 50 in [10,15): p50 ends bucket 0, p95 is 90% into [10,15).
    const h = new Map([[0, 50], [latencyBucket(10), 50]]);
    expect(percentileFromHistogram(h, 0.5)).toBeCloseTo(1);
    expect(percentileFromHistogram(h, 0.95)).toBeCloseTo(14.5);
  });

  it('answers the lower bound of the open last bucket', () => {
    expect(percentileFromHistogram(new Map([[LATENCY_BOUNDS_SECONDS.length, 3]]), 0.95)).toBe(86400);
  });

  it('stays within the bucket of the exact percentile of random latencies', () => {
    for (let run = 0; run < 50; run++) {
      const xs = Array.from({ length: 1 + Math.floor(Math.random() * 500) }, () => Math.exp(Math.random() * 9));
      const h = new Map<number, number>();
      for (const x of xs) h.set(latencyBucket(x), (h.get(latencyBucket(x)) ?? 0) + 1);
      const sorted = [...xs].sort((a, b) => a - b);
      for (const q of [0.5, 0.95]) {
        const exact = sorted[Math.max(0, Math.ceil(q * xs.length) - 1)] ?? 0;
        const est = percentileFromHistogram(h, q) ?? -1;
        const { lower, upper } = bucketRange(latencyBucket(exact));
        expect(est).toBeGreaterThanOrEqual(lower);
        expect(est).toBeLessThanOrEqual(Number.isFinite(upper) ? upper : lower);
      }
    }
  });
});
