import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.js';

const policy = { baseMs: 1000, maxMs: 60_000 };

describe('retryDelayMs', () => {
  it('doubles per attempt, with half of each step jittered', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, () => 0.999999)).toBe(1000);
    expect(retryDelayMs(3, policy, () => 0)).toBe(2000);
    expect(retryDelayMs(3, policy, () => 0.5)).toBe(3000);
  });

  it('never exceeds the cap, even after many attempts', () => {
    expect(retryDelayMs(30, policy, () => 0.999)).toBeLessThanOrEqual(60_000);
    expect(retryDelayMs(10_000, policy, () => 0)).toBe(30_000);
  });

  it("takes the provider's Retry-After as a floor", () => {
    expect(retryDelayMs(1, policy, () => 0, 10_000)).toBe(10_000);
    expect(retryDelayMs(1, policy, () => 0, 10_000_000)).toBe(60_000);
  });
});
