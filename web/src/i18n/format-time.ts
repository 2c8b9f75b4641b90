// One way to show time (and shares) in the interface: every date, time, duration and percentage goes through Intl in
// the interface's language. Relative times ("3 min ago") where the exact time matters less;
// the exact one is always available beside them (see When.tsx).
import type { Lang } from './lang';

const cache = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make()));
  return f as T;
}

/** English in the day-month order most of our agents read (en-GB); French as written in France. */
function locale(lang: Lang): string {
  return lang === 'en' ? 'en-GB' : 'fr-FR';
}

/** The exact moment: "7 Dec 2026, 14:05". */
export function formatDateTime(at: Date, lang: Lang): string {
  return cached(`dt:${lang}`, () => new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short' })).format(at);
}

/** The time of day alone: "14:05". */
export function formatTime(at: Date, lang: Lang): string {
  return cached(`t:${lang}`, () => new Intl.DateTimeFormat(locale(lang), { timeStyle: 'short' })).format(at);
}

/** The date alone: "7 Dec 2026". */
export function formatDate(at: Date, lang: Lang): string {
  return cached(`d:${lang}`, () => new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium' })).format(at);
}

const STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "3 min ago", "in 2 h", "just now" under ten seconds; `now` is passed so a list ticks as one. */
export function formatRelative(at: Date, now: Date, lang: Lang): string {
  let value = (at.getTime() - now.getTime()) / 1000;
  if (Math.abs(value) < 10) return cached(`r:${lang}`, () => new Intl.RelativeTimeFormat(locale(lang), { numeric: 'auto', style: 'short' })).format(0, 'second');
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return cached(`r:${lang}`, () => new Intl.RelativeTimeFormat(locale(lang), { numeric: 'auto', style: 'short' })).format(Math.trunc(value), unit);
    value /= size;
  }
  return formatDate(at, lang);
}

/** A duration, largest two units: "4 min 12 s", "2 h 5 min", "3 d 1 h". */
export function formatDuration(ms: number, lang: Lang): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const parts: [Intl.NumberFormatOptions['unit'], number][] = [
    ['day', Math.floor(total / 86_400)],
    ['hour', Math.floor((total % 86_400) / 3600)],
    ['minute', Math.floor((total % 3600) / 60)],
    ['second', total % 60],
  ];
  const first = parts.findIndex(([, n]) => n > 0);
  const shown = first === -1 ? [parts[3]!] : parts.slice(first, first + 2).filter(([, n], i) => i === 0 || n > 0);
  return shown
    .map(([unit, n]) => cached(`u:${lang}:${unit}`, () => new Intl.NumberFormat(locale(lang), { style: 'unit', unit, unitDisplay: 'short' })).format(n))
    .join(' ');
}

/** A share (0..1) as a percentage: "80.5%" / "80,5 %". */
export function formatPercent(share: number, lang: Lang): string {
  return cached(`p:${lang}`, () => new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 1 })).format(share);
}
