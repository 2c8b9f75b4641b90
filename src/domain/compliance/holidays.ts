// Public holidays computed, not fetched: fixed dates plus the movable feasts that follow Easter.
// The tables are the national (not regional) holidays on which the countries' rules on
// commercial texting rest; see docs/compliance-windows.md for the sources and what is left out.
import { addDays } from './zoned-time.js';

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * Easter Sunday of the Gregorian calendar, by the anonymous Gregorian algorithm (Meeus/Jones/
 * Butcher), valid for every year from 1583.
 */
export function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

function afterEaster(year: number, days: number): CalendarDate {
  const e = easterSunday(year);
  return addDays(e.year, e.month, e.day, days);
}

/** The n-th (1-based) ISO weekday of a month, or the last one when n is -1. */
function nthWeekday(year: number, month: number, weekday: number, n: number): CalendarDate {
  if (n > 0) {
    const first = ((new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7) + 1;
    return { year, month, day: 1 + ((weekday - first + 7) % 7) + (n - 1) * 7 };
  }
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = ((new Date(Date.UTC(year, month - 1, lastDay)).getUTCDay() + 6) % 7) + 1;
  return { year, month, day: lastDay - ((last - weekday + 7) % 7) };
}

const fixed = (year: number, month: number, day: number): CalendarDate => ({ year, month, day });

/** Country (ISO 3166 alpha-2) → its national public holidays of a year. */
const TABLES: Readonly<Record<string, (year: number) => CalendarDate[]>> = {
  // Code du travail L3133-1: the eleven public holidays (Alsace-Moselle's two extra days are regional).
  FR: (y) => [
    fixed(y, 1, 1),
    afterEaster(y, 1), // Easter Monday
    fixed(y, 5, 1),
    fixed(y, 5, 8),
    afterEaster(y, 39), // Ascension
    afterEaster(y, 50), // Whit Monday
    fixed(y, 7, 14),
    fixed(y, 8, 15),
    fixed(y, 11, 1),
    fixed(y, 11, 11),
    fixed(y, 12, 25),
  ],
  // The nine holidays common to every German state.
  DE: (y) => [fixed(y, 1, 1), afterEaster(y, -2), afterEaster(y, 1), fixed(y, 5, 1), afterEaster(y, 39), afterEaster(y, 50), fixed(y, 10, 3), fixed(y, 12, 25), fixed(y, 12, 26)],
  // Belgium's ten legal holidays.
  BE: (y) => [fixed(y, 1, 1), afterEaster(y, 1), fixed(y, 5, 1), afterEaster(y, 39), afterEaster(y, 50), fixed(y, 7, 21), fixed(y, 8, 15), fixed(y, 11, 1), fixed(y, 11, 11), fixed(y, 12, 25)],
  // The eleven US federal holidays on their own dates (the observed Friday or Monday is not added).
  US: (y) => [
    fixed(y, 1, 1),
    nthWeekday(y, 1, 1, 3), // Martin Luther King Jr. Day
    nthWeekday(y, 2, 1, 3), // Washington's Birthday
    nthWeekday(y, 5, 1, -1), // Memorial Day
    fixed(y, 6, 19),
    fixed(y, 7, 4),
    nthWeekday(y, 9, 1, 1), // Labor Day
    nthWeekday(y, 10, 1, 2), // Columbus Day
    fixed(y, 11, 11),
    nthWeekday(y, 11, 4, 4), // Thanksgiving
    fixed(y, 12, 25),
  ],
};

export const HOLIDAY_COUNTRIES: readonly string[] = Object.keys(TABLES).sort();

const CACHE = new Map<string, ReadonlySet<string>>();

const key = (d: CalendarDate) => `${d.year}-${d.month}-${d.day}`;

/** The country's public holidays of the year; empty for a country without a table. */
export function publicHolidays(country: string, year: number): CalendarDate[] {
  return TABLES[country]?.(year) ?? [];
}

export function isPublicHoliday(country: string, date: CalendarDate): boolean {
  const k = `${country}/${date.year}`;
  let set = CACHE.get(k);
  if (!set) {
    set = new Set(publicHolidays(country, date.year).map(key));
    CACHE.set(k, set);
  }
  return set.has(key(date));
}
