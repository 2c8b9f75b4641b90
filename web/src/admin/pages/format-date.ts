import type { Lang } from '../../i18n/lang';

const formats = new Map<Lang, Intl.DateTimeFormat>();

/** A moment as the administrator reads dates: "26 Nov 2026, 23:41" / "26 nov. 2026, 23:41". */
export function formatDateTime(iso: string, lang: Lang): string {
  let f = formats.get(lang);
  if (!f) formats.set(lang, (f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { dateStyle: 'medium', timeStyle: 'short' })));
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : f.format(d);
}
