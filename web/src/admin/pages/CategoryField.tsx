// A template's or a queue's message category, NOTIFICATION or MARKETING (docs/compliance-windows.md).
import type { Refusal } from '../../errors/error-text';
import { useI18n } from '../../i18n/I18nProvider';
import { AdminField } from './AdminField';

export type Category = 'NOTIFICATION' | 'MARKETING';

export function CategoryField({ value, onChange, refusal }: { readonly value: Category; readonly onChange: (c: Category) => void; readonly refusal: Refusal | null }) {
  const { t } = useI18n();
  return (
    <AdminField label={t('windows.admin.category')} name="category" refusal={refusal} help={t('windows.admin.categoryHelp')}>
      {(p) => (
        <select {...p} className="input input--compact" data-testid="category-select" value={value} onChange={(e) => onChange(e.currentTarget.value === 'MARKETING' ? 'MARKETING' : 'NOTIFICATION')}>
          <option value="NOTIFICATION">{t('windows.admin.NOTIFICATION')}</option>
          <option value="MARKETING">{t('windows.admin.MARKETING')}</option>
        </select>
      )}
    </AdminField>
  );
}
