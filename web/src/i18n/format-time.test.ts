import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDuration, formatRelative, formatTime } from './format-time';

const space = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const at = new Date('2026-12-07T14:05:00Z');

describe('one way to show time', () => {
  it('formats the exact moment in each language', () => {
    expect(space(formatDateTime(at, 'en'))).toMatch(/7 Dec 2026, \d\d:05/);
    expect(space(formatDateTime(at, 'fr'))).toMatch(/7 déc\. 2026.* \d\d:05/);
    expect(formatTime(at, 'en')).toMatch(/^\d\d:05$/);
  });

  it('says relative times in the language, "now" under ten seconds', () => {
    const now = new Date(at.getTime() + 3 * 60_000);
    // ICU's short forms differ between versions ("3 min. ago", "3 min ago"): the unit and the number are what we chose.
    expect(space(formatRelative(at, now, 'en'))).toMatch(/^3 min\.? ago$/);
    expect(space(formatRelative(at, now, 'fr'))).toBe('il y a 3 min');
    expect(formatRelative(at, new Date(at.getTime() + 4000), 'en')).toBe('now');
    expect(space(formatRelative(at, new Date(at.getTime() + 3 * 86_400_000), 'en'))).toBe('3 days ago');
    expect(space(formatRelative(at, new Date(at.getTime() - 2 * 3_600_000), 'fr'))).toBe('dans 2 h');
  });

  it('gives a duration in its two largest units', () => {
    expect(space(formatDuration(252_000, 'en'))).toMatch(/^4 mins? 12 secs?$/);
    expect(space(formatDuration(2 * 3_600_000 + 5 * 60_000 + 9000, 'en'))).toMatch(/^2 hrs? 5 mins?$/);
    expect(space(formatDuration(3_600_000, 'fr'))).toBe('1 h');
    expect(space(formatDuration(0, 'en'))).toMatch(/^0 secs?$/);
  });
});
