import { getCountries } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { countryZones } from './country-zones.js';
import { NANP_AREA_CODES } from './nanp-area-codes.js';
import { recipientZones } from './recipient-zones.js';
import { isAllowed, nextAllowed, windowApplies, windowProblems, type SendingWindow } from './window.js';
import { isKnownZone } from './zoned-time.js';

const utc = (s: string) => Date.parse(s);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const WEEKDAYS_8_TO_21: SendingWindow = { days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '21:00', skipPublicHolidays: true, scope: 'all' };
const EVERY_DAY_8_TO_21: SendingWindow = { days: [1, 2, 3, 4, 5, 6, 7], start: '08:00', end: '21:00', skipPublicHolidays: false, scope: 'all' };

const PARIS = recipientZones('+33612345678', 'FR');
const NEW_YORK = recipientZones('+12125550123', 'US');

describe('a window in one zone', () => {
  it('opens at the start minute and closes at the end minute, in Paris winter time', () => {
    expect(isAllowed(WEEKDAYS_8_TO_21, PARIS, utc('2026-12-08T06:59:59Z'))).toBe(false);
    expect(isAllowed(WEEKDAYS_8_TO_21, PARIS, utc('2026-12-08T07:00:00Z'))).toBe(true);
    expect(isAllowed(WEEKDAYS_8_TO_21, PARIS, utc('2026-12-08T19:59:59Z'))).toBe(true);
    expect(isAllowed(WEEKDAYS_8_TO_21, PARIS, utc('2026-12-08T20:00:00Z'))).toBe(false);
  });

  it('refuses Sundays and French public holidays, and points to the next opening', () => {
    // Sunday 13 December 2026, noon in Paris: next is Monday 08:00.
    expect(isAllowed(WEEKDAYS_8_TO_21, PARIS, utc('2026-12-13T11:00:00Z'))).toBe(false);
    expect(iso(nextAllowed(WEEKDAYS_8_TO_21, PARIS, utc('2026-12-13T11:00:00Z')))).toBe('2026-12-14T07:00:00.000Z');
    // Christmas 2026 is a Friday, then Saturday is open.
    expect(isAllowed(WEEKDAYS_8_TO_21, PARIS, utc('2026-12-25T10:00:00Z'))).toBe(false);
    expect(iso(nextAllowed(WEEKDAYS_8_TO_21, PARIS, utc('2026-12-24T20:30:00Z')))).toBe('2026-12-26T07:00:00.000Z');
    // Whit Monday 2026 (25 May) after Sunday: Tuesday 08:00 summer time.
    expect(iso(nextAllowed(WEEKDAYS_8_TO_21, PARIS, utc('2026-05-23T19:30:00Z')))).toBe('2026-05-26T06:00:00.000Z');
    // Without skipping holidays, Christmas is a day like the others.
    expect(isAllowed({ ...WEEKDAYS_8_TO_21, skipPublicHolidays: false }, PARIS, utc('2026-12-25T10:00:00Z'))).toBe(true);
  });

  it('answers the instant itself when the window is open', () => {
    const at = utc('2026-12-08T10:17:23.456Z');
    expect(nextAllowed(WEEKDAYS_8_TO_21, PARIS, at)).toBe(at);
  });

  it('keeps 08:00-21:00 local across the spring change in Paris (last Sunday of March)', () => {
    // Saturday 28 March 2026 is winter time (UTC+1), Monday 30 March summer time (UTC+2).
    expect(iso(nextAllowed(WEEKDAYS_8_TO_21, PARIS, utc('2026-03-28T20:00:00Z')))).toBe('2026-03-30T06:00:00.000Z');
    expect(iso(nextAllowed(EVERY_DAY_8_TO_21, PARIS, utc('2026-03-28T20:00:00Z')))).toBe('2026-03-29T06:00:00.000Z');
    expect(isAllowed(EVERY_DAY_8_TO_21, PARIS, utc('2026-03-29T06:00:00Z'))).toBe(true);
    expect(isAllowed(EVERY_DAY_8_TO_21, PARIS, utc('2026-03-29T05:59:00Z'))).toBe(false);
    expect(isAllowed(EVERY_DAY_8_TO_21, PARIS, utc('2026-03-29T18:59:00Z'))).toBe(true);
    expect(isAllowed(EVERY_DAY_8_TO_21, PARIS, utc('2026-03-29T19:00:00Z'))).toBe(false);
  });

  it('keeps 08:00-21:00 local across the autumn change in Paris (last Sunday of October)', () => {
    expect(iso(nextAllowed(EVERY_DAY_8_TO_21, PARIS, utc('2026-10-24T19:00:00Z')))).toBe('2026-10-25T07:00:00.000Z');
    expect(isAllowed(EVERY_DAY_8_TO_21, PARIS, utc('2026-10-25T06:59:00Z'))).toBe(false);
    expect(isAllowed(EVERY_DAY_8_TO_21, PARIS, utc('2026-10-25T19:59:00Z'))).toBe(true);
    expect(isAllowed(EVERY_DAY_8_TO_21, PARIS, utc('2026-10-25T20:00:00Z'))).toBe(false);
  });

  it('keeps 08:00-21:00 local across New York’s changes', () => {
    expect(iso(nextAllowed(EVERY_DAY_8_TO_21, NEW_YORK, utc('2026-03-08T03:00:00Z')))).toBe('2026-03-08T12:00:00.000Z');
    expect(iso(nextAllowed(EVERY_DAY_8_TO_21, NEW_YORK, utc('2026-03-07T03:00:00Z')))).toBe('2026-03-07T13:00:00.000Z');
    expect(iso(nextAllowed(EVERY_DAY_8_TO_21, NEW_YORK, utc('2026-11-01T02:00:00Z')))).toBe('2026-11-01T13:00:00.000Z');
    expect(isAllowed(EVERY_DAY_8_TO_21, NEW_YORK, utc('2026-11-02T01:59:00Z'))).toBe(true);
    expect(isAllowed(EVERY_DAY_8_TO_21, NEW_YORK, utc('2026-11-02T02:00:00Z'))).toBe(false);
  });

  it('opens at a start time that the spring change skips, as soon as the clock is past it', () => {
    const early: SendingWindow = { ...EVERY_DAY_8_TO_21, start: '02:30' };
    expect(iso(nextAllowed(early, PARIS, utc('2026-03-28T23:00:00Z')))).toBe('2026-03-29T01:00:00.000Z');
  });

  it('closes at midnight with 24:00', () => {
    const late: SendingWindow = { ...EVERY_DAY_8_TO_21, end: '24:00' };
    expect(isAllowed(late, PARIS, utc('2026-12-08T22:59:00Z'))).toBe(true);
    expect(isAllowed(late, PARIS, utc('2026-12-08T23:00:00Z'))).toBe(false);
  });
});

describe('a country with several zones', () => {
  const US_ALL = recipientZones('+15005550006', 'US');

  it('narrows a US or Canadian number down by its area code', () => {
    expect(recipientZones('+13105550123', 'US')).toEqual({ country: 'US', zones: ['America/Los_Angeles'], source: 'areaCode' });
    expect(recipientZones('+18505550123', 'US').zones).toEqual(['America/New_York', 'America/Chicago']);
    expect(recipientZones('+16045550123', 'CA').zones).toEqual(['America/Vancouver']);
    expect(US_ALL.source).toBe('country');
    expect(US_ALL.zones).toHaveLength(7);
  });

  it('holds only when every zone is inside the window (US, unknown area code)', () => {
    // 12:00 in New York is 06:00 in Honolulu: closed.
    expect(isAllowed(EVERY_DAY_8_TO_21, US_ALL, utc('2026-12-08T17:00:00Z'))).toBe(false);
    // 08:00 in Honolulu is 13:00 in New York: open everywhere.
    expect(iso(nextAllowed(EVERY_DAY_8_TO_21, US_ALL, utc('2026-12-08T17:00:00Z')))).toBe('2026-12-08T18:00:00.000Z');
    // 21:00 in New York (02:00Z) closes the shared window.
    expect(isAllowed(EVERY_DAY_8_TO_21, US_ALL, utc('2026-12-09T01:59:00Z'))).toBe(true);
    expect(isAllowed(EVERY_DAY_8_TO_21, US_ALL, utc('2026-12-09T02:00:00Z'))).toBe(false);
  });

  it('finds the few hours Russia’s eleven zones share, and none when they share none', () => {
    const ru = recipientZones('+79161234567', 'RU');
    expect(ru.zones).toHaveLength(11);
    // Kaliningrad (UTC+2) 08:00 is Kamchatka (UTC+12) 18:00: the shared window is 06:00Z-09:00Z.
    expect(iso(nextAllowed(EVERY_DAY_8_TO_21, ru, utc('2026-12-08T09:00:00Z')))).toBe('2026-12-09T06:00:00.000Z');
    expect(isAllowed(EVERY_DAY_8_TO_21, ru, utc('2026-12-09T08:59:00Z'))).toBe(true);
    const short: SendingWindow = { ...EVERY_DAY_8_TO_21, start: '09:00', end: '12:00' };
    expect(nextAllowed(short, ru, utc('2026-12-08T09:00:00Z'))).toBeNull();
  });

  it('skips a day when it is a holiday where the recipient is, whichever zone', () => {
    // Thanksgiving 2026 (26 Nov): a Los Angeles number waits for Friday 08:00 Pacific.
    const la = recipientZones('+13105550123', 'US');
    expect(iso(nextAllowed(WEEKDAYS_8_TO_21, la, utc('2026-11-26T18:00:00Z')))).toBe('2026-11-27T16:00:00.000Z');
  });
});

describe('scope and validation', () => {
  it('binds marketing only, or every message', () => {
    expect(windowApplies({ ...WEEKDAYS_8_TO_21, scope: 'marketing' }, 'NOTIFICATION')).toBe(false);
    expect(windowApplies({ ...WEEKDAYS_8_TO_21, scope: 'marketing' }, 'MARKETING')).toBe(true);
    expect(windowApplies(WEEKDAYS_8_TO_21, 'NOTIFICATION')).toBe(true);
    expect(windowApplies(null, 'MARKETING')).toBe(false);
  });

  it('names the field of each problem', () => {
    expect(windowProblems(WEEKDAYS_8_TO_21)).toEqual([]);
    expect(windowProblems({ ...WEEKDAYS_8_TO_21, days: [] })).toEqual([{ field: 'days', reason: 'NO_DAY' }]);
    expect(windowProblems({ ...WEEKDAYS_8_TO_21, days: [0, 8] })).toEqual([{ field: 'days', reason: 'NOT_A_WEEKDAY' }]);
    expect(windowProblems({ ...WEEKDAYS_8_TO_21, start: '8h' })).toEqual([{ field: 'start', reason: 'NOT_A_TIME' }]);
    expect(windowProblems({ ...WEEKDAYS_8_TO_21, end: '07:00' })).toEqual([{ field: 'end', reason: 'NOT_AFTER_START' }]);
    expect(windowProblems({ ...WEEKDAYS_8_TO_21, end: '24:00' })).toEqual([]);
    expect(windowProblems({ ...WEEKDAYS_8_TO_21, end: '25:00' })).toEqual([{ field: 'end', reason: 'NOT_A_TIME' }]);
  });
});

describe('the tables', () => {
  it('give a known zone to every country that has phone numbers', () => {
    const missing = getCountries().filter((c) => countryZones(c).length === 0);
    expect(missing).toEqual([]);
    for (const c of getCountries()) for (const z of countryZones(c)) expect(isKnownZone(z), `${c} ${z}`).toBe(true);
  });

  it('map every listed NANP area code to known zones', () => {
    expect(NANP_AREA_CODES.length).toBeGreaterThan(300);
    for (const code of NANP_AREA_CODES) {
      expect(code).toMatch(/^[2-9]\d\d$/);
      for (const z of recipientZones(`+1${code}5550123`, 'US').zones) expect(isKnownZone(z), code).toBe(true);
    }
  });
});
