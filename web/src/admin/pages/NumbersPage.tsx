import type { AdminPageProps } from '../admin-routes';
import { useI18n } from '../../i18n/I18nProvider';

// Placeholder until the section's page lands.
export function NumbersPage(_props: AdminPageProps) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="admin-numbers-heading">
      <h2 id="admin-numbers-heading">{t('admin.section.numbers')}</h2>
      <p>{t('admin.notYet')}</p>
    </section>
  );
}
