import { useI18n } from '../../i18n/I18nProvider';

export interface PagerProps {
  /** Names the list the pages belong to. */
  readonly label: string;
  readonly page: number;
  readonly hasNewer: boolean;
  readonly hasOlder: boolean;
  readonly onNewer: () => void;
  readonly onOlder: () => void;
}

export function Pager({ label, page, hasNewer, hasOlder, onNewer, onOlder }: PagerProps) {
  const { t, number } = useI18n();
  if (!hasNewer && !hasOlder) return null;
  return (
    <nav className="admin__pager" aria-label={label}>
      <button type="button" className="button button--small" onClick={onNewer} disabled={!hasNewer}>
        {t('admin.people.newer')}
      </button>
      <span>{t('admin.people.page', { page: number(page) })}</span>
      <button type="button" className="button button--small" onClick={onOlder} disabled={!hasOlder}>
        {t('admin.people.older')}
      </button>
    </nav>
  );
}
