// The administration's dates go through the interface's one time module (i18n/format-time.ts);
// this keeps the pages' ISO-string call and shows a malformed one as it came.
import { formatDateTime as formatMoment } from '../../i18n/format-time';
import type { Lang } from '../../i18n/lang';

/** A moment as the administrator reads dates: "26 Nov 2026, 23:41" / "26 nov. 2026, 23:41". */
export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatMoment(d, lang);
}
