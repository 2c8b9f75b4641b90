import { describe, expect, it } from 'vitest';
import { easterSunday, isPublicHoliday, publicHolidays } from './holidays.js';

const iso = (d: { year: number; month: number; day: number }) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

describe('public holidays', () => {
  it('computes Easter Sunday (published dates)', () => {
    const known: Record<number, string> = {
      1961: '1961-04-02',
      2000: '2000-04-23',
      2008: '2008-03-23',
      2011: '2011-04-24',
      2019: '2019-04-21',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2026: '2026-04-05',
      2027: '2027-03-28',
      2038: '2038-04-25',
      2285: '2285-03-22',
    };
    for (const [year, date] of Object.entries(known)) expect(iso(easterSunday(Number(year))), year).toBe(date);
  });

  it('lists France’s eleven public holidays of 2026, movable feasts included', () => {
    expect(publicHolidays('FR', 2026).map(iso)).toEqual([
      '2026-01-01',
      '2026-04-06', // Easter Monday
      '2026-05-01',
      '2026-05-08',
      '2026-05-14', // Ascension
      '2026-05-25', // Whit Monday
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('follows Easter from year to year in France', () => {
    expect(isPublicHoliday('FR', { year: 2025, month: 4, day: 21 })).toBe(true);
    expect(isPublicHoliday('FR', { year: 2025, month: 5, day: 29 })).toBe(true);
    expect(isPublicHoliday('FR', { year: 2025, month: 6, day: 9 })).toBe(true);
    expect(isPublicHoliday('FR', { year: 2027, month: 3, day: 29 })).toBe(true);
    expect(isPublicHoliday('FR', { year: 2027, month: 4, day: 6 })).toBe(false);
    expect(isPublicHoliday('FR', { year: 2026, month: 12, day: 26 })).toBe(false);
  });

  it('computes US federal holidays by their weekday rules', () => {
    const us = publicHolidays('US', 2026).map(iso);
    expect(us).toContain('2026-01-19'); // third Monday of January
    expect(us).toContain('2026-05-25'); // last Monday of May
    expect(us).toContain('2026-09-07'); // first Monday of September
    expect(us).toContain('2026-11-26'); // fourth Thursday of November
    expect(us).toHaveLength(11);
  });

  it('knows Germany’s Good Friday and Belgium’s national day, and nothing for a country without a table', () => {
    expect(isPublicHoliday('DE', { year: 2026, month: 4, day: 3 })).toBe(true);
    expect(isPublicHoliday('BE', { year: 2026, month: 7, day: 21 })).toBe(true);
    expect(isPublicHoliday('FR', { year: 2026, month: 4, day: 3 })).toBe(false);
    expect(publicHolidays('JP', 2026)).toEqual([]);
  });
});
