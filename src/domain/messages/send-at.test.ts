import { describe, expect, it } from 'vitest';
import { checkSendAt, isUndoSeconds, MAX_SCHEDULE_AHEAD_MS } from './send-at.js';

const now = new Date('2026-12-07T12:00:00Z');

describe('checkSendAt', () => {
  it('accepts a later instant up to 30 days ahead', () => {
    expect(checkSendAt(new Date(now.getTime() + 1), now).ok).toBe(true);
    expect(checkSendAt(new Date(now.getTime() + MAX_SCHEDULE_AHEAD_MS), now).ok).toBe(true);
  });
  it('refuses now, the past, beyond 30 days and an invalid date with their reasons', () => {
    const reason = (d: Date) => {
      const r = checkSendAt(d, now);
      return r.ok ? null : r.details?.['reason'];
    };
    expect(reason(now)).toBe('IN_THE_PAST');
    expect(reason(new Date(now.getTime() - 60_000))).toBe('IN_THE_PAST');
    expect(reason(new Date(now.getTime() + MAX_SCHEDULE_AHEAD_MS + 1))).toBe('TOO_FAR');
    expect(reason(new Date('nope'))).toBe('INVALID_DATE');
  });
});

describe('isUndoSeconds', () => {
  it('is off or 5 to 30 whole seconds', () => {
    expect([0, 5, 17, 30].every(isUndoSeconds)).toBe(true);
    expect([1, 4, 31, -5, 5.5].some(isUndoSeconds)).toBe(false);
  });
});
