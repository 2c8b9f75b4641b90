import { describe, expect, it } from 'vitest';
import { localDateTime, offsetAt, zonedInstant } from './zoned-time.js';

const utc = (s: string) => Date.parse(s);

describe('zoned time', () => {
  it('reads the offset on each side of Paris’s changes (last Sundays of March and October)', () => {
    expect(offsetAt('Europe/Paris', utc('2026-03-29T00:59:00Z'))).toBe(3_600_000);
    expect(offsetAt('Europe/Paris', utc('2026-03-29T01:00:00Z'))).toBe(7_200_000);
    expect(offsetAt('Europe/Paris', utc('2026-10-25T00:59:00Z'))).toBe(7_200_000);
    expect(offsetAt('Europe/Paris', utc('2026-10-25T01:00:00Z'))).toBe(3_600_000);
  });

  it('reads New York’s changes (second Sunday of March, first of November)', () => {
    expect(offsetAt('America/New_York', utc('2026-03-08T06:59:00Z'))).toBe(-5 * 3_600_000);
    expect(offsetAt('America/New_York', utc('2026-03-08T07:00:00Z'))).toBe(-4 * 3_600_000);
    expect(offsetAt('America/New_York', utc('2026-11-01T05:59:00Z'))).toBe(-4 * 3_600_000);
    expect(offsetAt('America/New_York', utc('2026-11-01T06:00:00Z'))).toBe(-5 * 3_600_000);
  });

  it('gives the local date, time and ISO weekday', () => {
    expect(localDateTime('Europe/Paris', utc('2026-12-31T23:30:00Z'))).toEqual({ year: 2027, month: 1, day: 1, hour: 0, minute: 30, weekday: 5 });
    expect(localDateTime('Pacific/Honolulu', utc('2026-12-07T05:00:00Z'))).toEqual({ year: 2026, month: 12, day: 6, hour: 19, minute: 0, weekday: 7 });
  });

  it('finds the instant of a local time, across changes', () => {
    expect(new Date(zonedInstant('Europe/Paris', 2026, 3, 29, 8, 0)).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(new Date(zonedInstant('Europe/Paris', 2026, 3, 28, 8, 0)).toISOString()).toBe('2026-03-28T07:00:00.000Z');
    expect(new Date(zonedInstant('America/New_York', 2026, 11, 1, 8, 0)).toISOString()).toBe('2026-11-01T13:00:00.000Z');
    // Lord Howe keeps UTC+10:30 in winter (a half-hour zone).
    expect(new Date(zonedInstant('Australia/Lord_Howe', 2026, 6, 1, 9, 0)).toISOString()).toBe('2026-05-31T22:30:00.000Z');
  });

  it('moves a skipped time forward and takes the first of a repeated one', () => {
    // 02:30 does not exist in Paris on 29 March 2026: it is 03:30 summer time.
    expect(new Date(zonedInstant('Europe/Paris', 2026, 3, 29, 2, 30)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October 2026: the first time, still summer time.
    expect(new Date(zonedInstant('Europe/Paris', 2026, 10, 25, 2, 30)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(new Date(zonedInstant('America/New_York', 2026, 3, 8, 2, 15)).toISOString()).toBe('2026-03-08T07:15:00.000Z');
  });
});
