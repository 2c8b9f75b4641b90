// Wall-clock arithmetic in IANA zones with Intl only (Temporal is not available): the offset of
// a zone at an instant, the local date and time of an instant, and the instant of a local time.

export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = FORMATTERS.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    FORMATTERS.set(zone, f);
  }
  return f;
}

/** True when the runtime knows the zone (an unknown name makes Intl throw). */
export function isKnownZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

function wallParts(zone: string, ms: number): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const out = { y: 0, mo: 0, d: 0, h: 0, mi: 0, s: 0 };
  for (const p of formatter(zone).formatToParts(new Date(ms))) {
    const v = Number(p.value);
    if (p.type === 'year') out.y = v;
    else if (p.type === 'month') out.mo = v;
    else if (p.type === 'day') out.d = v;
    else if (p.type === 'hour') out.h = v;
    else if (p.type === 'minute') out.mi = v;
    else if (p.type === 'second') out.s = v;
  }
  return out;
}

/** The zone's offset from UTC at the instant, in milliseconds (Paris in summer: +7 200 000). */
export function offsetAt(zone: string, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const w = wallParts(zone, whole);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - whole;
}

export function localDateTime(zone: string, ms: number): LocalDateTime {
  const w = wallParts(zone, ms);
  const weekday = ((new Date(Date.UTC(w.y, w.mo - 1, w.d)).getUTCDay() + 6) % 7) + 1;
  return { year: w.y, month: w.mo, day: w.d, hour: w.h, minute: w.mi, weekday };
}

/**
 * The instant a local wall-clock time happens in the zone. A time repeated when clocks go back
 * is its first occurrence; a time skipped when clocks go forward is moved forward by the gap
 * (02:30 on the spring day in Paris is 03:30), as Temporal's 'compatible' disambiguation does.
 */
export function zonedInstant(zone: string, year: number, month: number, day: number, hour: number, minute: number): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const before = offsetAt(zone, wall - 86_400_000);
  const after = offsetAt(zone, wall + 86_400_000);
  const candidates = [...new Set([wall - before, wall - after])].sort((a, b) => a - b);
  for (const c of candidates) {
    if (offsetAt(zone, c) + c === wall) return c;
  }
  // In the gap: read the wall time with the offset in force before the change.
  return wall - before;
}

/** The calendar date `days` after the given one (proleptic Gregorian, no zone involved). */
export function addDays(year: number, month: number, day: number, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
