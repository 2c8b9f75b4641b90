import { useI18n } from './I18nProvider';
import { formatDateTime, formatRelative } from './format-time';
import { useNow } from './use-now';

/**
 * A moment shown relative to now ("3 min ago"), the exact one on hover (title) and on focus
 * (it is focusable and its accessible name carries both).
 */
export function When({ at, className }: { readonly at: string | Date; readonly className?: string }) {
  const { lang } = useI18n();
  const now = useNow();
  const date = typeof at === 'string' ? new Date(at) : at;
  const exact = formatDateTime(date, lang);
  const relative = formatRelative(date, now, lang);
  return (
    <time className={['when', className].filter(Boolean).join(' ')} dateTime={date.toISOString()} title={exact} tabIndex={0} aria-label={`${relative} (${exact})`} data-exact={exact}>
      {relative}
    </time>
  );
}
