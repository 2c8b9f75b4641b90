import { formatDate } from '../i18n/format-time';
import { useI18n } from '../i18n/I18nProvider';
import type { WritingWarning } from './writing-warnings';

/** The warnings of writingWarnings(), read out as they appear. */
export function WritingWarnings({ warnings, testId = 'writing-warnings' }: { readonly warnings: readonly WritingWarning[]; readonly testId?: string }) {
  const { t, lang } = useI18n();
  const text = (w: WritingWarning): string => {
    switch (w.kind) {
      case 'opted-out':
        return `${w.since ? t('writing.optedOutSince', { date: formatDate(new Date(w.since), lang) }) : t('writing.optedOut')}${w.how ? ` ${t(`writing.optedOutHow.${w.how}`, { keyword: w.keyword ?? '' })}` : ''}`;
      case 'slot-full':
        return t('writing.slotFull', { open: w.open });
      case 'no-provider':
        return t('writing.noProvider');
      case 'no-sender':
        return t('writing.noSender');
      case 'queue-no-number':
        return t('writing.queueNoNumber', { name: w.queue });
    }
  };
  // The region stays in the page (empty) so a warning that appears is announced.
  return (
    <div className="writing-warnings" data-testid={testId} aria-live="polite">
      {warnings.length > 0 && (
        <ul className="writing-warnings__list" aria-label={t('writing.warnings')}>
          {warnings.map((w) => (
            <li key={w.kind} className="notice notice--warning" data-testid={`warning-${w.kind}`}>
              {text(w)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
