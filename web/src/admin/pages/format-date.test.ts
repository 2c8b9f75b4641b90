import { describe, expect, it } from 'vitest';
import { formatDateTime as formatMoment } from '../../i18n/format-time';
import { formatDateTime } from './format-date';

describe('the administration’s dates', () => {
  it('go through the interface’s one time module, in both languages', () => {
    const iso = '2026-12-07T14:05:00Z';
    expect(formatDateTime(iso, 'en')).toBe(formatMoment(new Date(iso), 'en'));
    expect(formatDateTime(iso, 'fr')).toBe(formatMoment(new Date(iso), 'fr'));
    expect(formatDateTime(iso, 'en')).toMatch(/7 Dec 2026/);
  });

  it('show a malformed moment as it came rather than "Invalid Date"', () => {
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
  });
});
