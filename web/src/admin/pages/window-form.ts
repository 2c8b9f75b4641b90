// A sending window as its part of a profile's or a queue's form holds it, and what the API takes from it. Off
// means no window (null); the times stay text so the API names a wrong one on its field.
import type { SendingWindowBody } from '@api/sending-window-schema';
import type { SendingWindow } from '@domain/compliance/index';
import { translate } from '../../i18n/translate';

export interface WindowDraft {
  readonly enabled: boolean;
  readonly days: ReadonlySet<number>;
  readonly start: string;
  readonly end: string;
  readonly skipPublicHolidays: boolean;
  readonly scope: 'all' | 'marketing';
}

/** What a new window starts from: the usual rule for French commercial texting (Monday to Saturday, 08:00 to 20:00). */
export const NO_WINDOW: WindowDraft = { enabled: false, days: new Set([1, 2, 3, 4, 5, 6]), start: '08:00', end: '20:00', skipPublicHolidays: true, scope: 'marketing' };

export const WINDOW_FIELDS = ['sendingWindow.days', 'sendingWindow.start', 'sendingWindow.end', 'sendingWindow'] as const;

export function windowDraft(w: SendingWindow | null): WindowDraft {
  if (!w) return NO_WINDOW;
  return { enabled: true, days: new Set(w.days), start: w.start, end: w.end, skipPublicHolidays: w.skipPublicHolidays, scope: w.scope };
}

export function windowBody(d: WindowDraft): SendingWindowBody | null {
  if (!d.enabled) return null;
  return { days: [...d.days].sort((a, b) => a - b), start: d.start.trim(), end: d.end.trim(), skipPublicHolidays: d.skipPublicHolidays, scope: d.scope };
}

/** The ISO weekdays in the order of the week, named in the language (Monday first). */
export function weekdayNames(lang: 'en' | 'fr', width: 'long' | 'short' = 'long'): { readonly day: number; readonly name: string }[] {
  const f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { weekday: width, timeZone: 'UTC' });
  // 5 January 1970 was a Monday.
  return [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, name: f.format(new Date(Date.UTC(1970, 0, 4 + day))) }));
}

/** "Mon, Tue, Wed, Thu, Fri, Sat" for a table cell. */
export function daysSummary(days: readonly number[], lang: 'en' | 'fr'): string {
  const names = weekdayNames(lang, 'short');
  return days.map((d) => names.find((n) => n.day === d)?.name ?? String(d)).join(', ');
}

/** A table cell: "Mon, Tue, Wed, Thu, Fri, Sat, 08:00–20:00 (marketing)", or "None". */
export function windowSummary(w: SendingWindow | null, lang: 'en' | 'fr'): string {
  if (!w) return translate(lang, 'windows.admin.none');
  const vars = { days: daysSummary(w.days, lang), start: w.start, end: w.end };
  return translate(lang, w.scope === 'marketing' ? 'windows.admin.summaryMarketing' : 'windows.admin.summary', vars);
}
