import { describe, expect, it } from 'vitest';
import { ANALYZE_AFTER_CHANGES, analyzeDue } from './analyze-policy.js';

describe('analyzeDue', () => {
  const base = { lastEndedAt: null, lastDurationMs: 0, now: 1_000_000 };

  it('leaves a quiet table alone, however large', () => {
    expect(analyzeDue({ ...base, modifiedSinceAnalyze: 0 })).toBe(false);
    expect(analyzeDue({ ...base, modifiedSinceAnalyze: ANALYZE_AFTER_CHANGES - 1 })).toBe(false);
  });

  it('analyzes once enough rows changed', () => {
    expect(analyzeDue({ ...base, modifiedSinceAnalyze: ANALYZE_AFTER_CHANGES })).toBe(true);
  });

  it('spends at most a tenth of the time analysing: a 1.6 s analyze waits 14.4 s', () => {
    const last = { modifiedSinceAnalyze: 50_000, lastEndedAt: 1_000_000, lastDurationMs: 1_600 };
    expect(analyzeDue({ ...last, now: 1_000_000 + 10_000 })).toBe(false);
    expect(analyzeDue({ ...last, now: 1_000_000 + 14_399 })).toBe(false);
    expect(analyzeDue({ ...last, now: 1_000_000 + 14_400 })).toBe(true);
  });

  it('keeps the short period on a small table, where an analyze is cheap', () => {
    expect(analyzeDue({ modifiedSinceAnalyze: 2_000, lastEndedAt: 1_000_000, lastDurationMs: 20, now: 1_000_000 + 10_000 })).toBe(true);
  });
});
