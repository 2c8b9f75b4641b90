import { describe, expect, it } from 'vitest';
import { daysSummary, NO_WINDOW, weekdayNames, windowBody, windowDraft } from './window-form';

describe('the sending window part of a form', () => {
  it('sends null when off, and the window with sorted days when on', () => {
    expect(windowBody(NO_WINDOW)).toBeNull();
    expect(windowBody({ ...NO_WINDOW, enabled: true, days: new Set([6, 1, 3]), start: ' 09:00 ' })).toEqual({ days: [1, 3, 6], start: '09:00', end: '20:00', skipPublicHolidays: true, scope: 'marketing' });
  });

  it('round-trips a stored window', () => {
    const w = { days: [1, 2, 3, 4, 5], start: '08:00', end: '21:00', skipPublicHolidays: false, scope: 'all' as const };
    expect(windowBody(windowDraft(w))).toEqual(w);
    expect(windowDraft(null)).toBe(NO_WINDOW);
  });

  it('names the days Monday first in the language', () => {
    expect(weekdayNames('en').map((d) => d.name)).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(weekdayNames('fr')[6]).toEqual({ day: 7, name: 'dimanche' });
    expect(daysSummary([1, 6], 'en')).toBe('Mon, Sat');
  });
});
