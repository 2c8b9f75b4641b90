import { useI18n } from '../i18n/I18nProvider';

/** A list row's Edit action, named after the row ("Edit Sales") so that a screen reader's list of buttons tells them apart. */
export function EditButton({ name, onEdit }: { readonly name: string; readonly onEdit: () => void }) {
  const { t } = useI18n();
  return (
    <button type="button" className="button button--small" onClick={onEdit} aria-label={t('admin.editLabel', { name })}>
      {t('admin.edit')}
    </button>
  );
}
