// A sending window: the days and hours (the recipient's local time) when messages may go, the
// public holidays to skip, and which traffic it binds. A recipient whose country spans several
// zones is inside the window only when every one of those zones is.
import { isPublicHoliday } from './holidays.js';
import type { RecipientZones } from './recipient-zones.js';
import { addDays, localDateTime, zonedInstant } from './zoned-time.js';

export type MessageCategory = 'NOTIFICATION' | 'MARKETING';
export const MESSAGE_CATEGORIES: readonly MessageCategory[] = ['NOTIFICATION', 'MARKETING'];

/** 'marketing': only MARKETING messages must wait for the window; 'all': every message. */
export type WindowScope = 'all' | 'marketing';
export const WINDOW_SCOPES: readonly WindowScope[] = ['all', 'marketing'];

export interface SendingWindow {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  readonly days: readonly number[];
  /** Local opening time, "HH:MM". */
  readonly start: string;
  /** Local closing time, "HH:MM" or "24:00", after `start` (the window closes at that minute). */
  readonly end: string;
  /** Skip the public holidays of the recipient's country (holidays.ts lists the countries known). */
  readonly skipPublicHolidays: boolean;
  readonly scope: WindowScope;
}

/** How far ahead nextAllowed looks: a year covers any weekly window with holidays. */
const HORIZON_DAYS = 370;
/** Zone hand-offs tried before concluding that several zones never share an open minute. */
const MAX_ROUNDS = 64;
/** Zones used when the country is unknown: its local time cannot be told, so UTC stands in. */
const FALLBACK_ZONES: readonly string[] = ['UTC'];

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) return Number.NaN;
  return Number(m[1]) * 60 + Number(m[2]);
}

/** "24:00" closes the window at midnight. */
function endMinutes(end: string): number {
  return end === '24:00' ? 1440 : minutesOf(end);
}

export function windowApplies(window: SendingWindow | null | undefined, category: MessageCategory): window is SendingWindow {
  return !!window && (window.scope === 'all' || category === 'MARKETING');
}

function zonesOf(recipient: RecipientZones): readonly string[] {
  return recipient.zones.length > 0 ? recipient.zones : FALLBACK_ZONES;
}

function openInZone(window: SendingWindow, country: string, zone: string, at: number): boolean {
  const local = localDateTime(zone, at);
  if (!window.days.includes(local.weekday)) return false;
  if (window.skipPublicHolidays && isPublicHoliday(country, local)) return false;
  const minute = local.hour * 60 + local.minute;
  return minute >= minutesOf(window.start) && minute < endMinutes(window.end);
}

/** True when a message may go at `at` (ms since the epoch) to a recipient in these zones. */
export function isAllowed(window: SendingWindow, recipient: RecipientZones, at: number): boolean {
  return zonesOf(recipient).every((zone) => openInZone(window, recipient.country, zone, at));
}

/** The first instant at or after `at` when the window is open in one zone; null beyond the horizon. */
function nextInZone(window: SendingWindow, country: string, zone: string, at: number): number | null {
  if (openInZone(window, country, zone, at)) return at;
  const today = localDateTime(zone, at);
  const start = minutesOf(window.start);
  for (let i = 0; i <= HORIZON_DAYS; i++) {
    const d = addDays(today.year, today.month, today.day, i);
    const opening = zonedInstant(zone, d.year, d.month, d.day, Math.floor(start / 60), start % 60);
    // The opening of a day already past (or a spring-forward opening that lands outside) is no candidate.
    if (opening > at && openInZone(window, country, zone, opening)) return earliestOpenMinute(window, country, zone, opening, at);
  }
  return null;
}

/**
 * An opening time skipped by a spring change maps to the same time after the change (02:30 →
 * 03:30), but the window is open as soon as the clock jumps past it: walk back to that minute.
 */
function earliestOpenMinute(window: SendingWindow, country: string, zone: string, opening: number, at: number): number {
  let t = opening;
  for (let i = 0; i < 180 && t - 60_000 > at && openInZone(window, country, zone, t - 60_000); i++) t -= 60_000;
  return t;
}

/**
 * The first instant at or after `at` when a message may go, or null when there is none within
 * a year (several zones whose windows never overlap, or a window with no day). Moves forward
 * to each closed zone's next opening until every zone is open at once.
 */
export function nextAllowed(window: SendingWindow, recipient: RecipientZones, at: number): number | null {
  const zones = zonesOf(recipient);
  let t = at;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let moved = false;
    for (const zone of zones) {
      const next = nextInZone(window, recipient.country, zone, t);
      if (next === null) return null;
      if (next > t) {
        t = next;
        moved = true;
      }
    }
    if (!moved) return t;
    if (t - at > HORIZON_DAYS * 86_400_000) return null;
  }
  return null;
}

export type WindowProblem = { readonly field: 'days' | 'start' | 'end' | 'scope'; readonly reason: string };

/** What is wrong with a window an administrator entered, field by field (empty when valid). */
export function windowProblems(window: SendingWindow): WindowProblem[] {
  const problems: WindowProblem[] = [];
  if (window.days.length === 0) problems.push({ field: 'days', reason: 'NO_DAY' });
  else if (window.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) problems.push({ field: 'days', reason: 'NOT_A_WEEKDAY' });
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (Number.isNaN(start)) problems.push({ field: 'start', reason: 'NOT_A_TIME' });
  if (Number.isNaN(end) && window.end !== '24:00') problems.push({ field: 'end', reason: 'NOT_A_TIME' });
  else if (!Number.isNaN(start) && endMinutes(window.end) <= start) problems.push({ field: 'end', reason: 'NOT_AFTER_START' });
  if (!WINDOW_SCOPES.includes(window.scope)) problems.push({ field: 'scope', reason: 'UNKNOWN_SCOPE' });
  return problems;
}

/** A window's days sorted and deduplicated, as stored. */
export function normalizeWindow(window: SendingWindow): SendingWindow {
  return { ...window, days: [...new Set(window.days)].sort((a, b) => a - b) };
}
