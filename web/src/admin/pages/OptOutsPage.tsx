import type { AdminPageProps } from '../admin-routes';
import { useI18n } from '../../i18n/I18nProvider';

// Placeholder until the section's page lands.
export function OptOutsPage(_props: AdminPageProps) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="admin-optOuts-heading">
      <h2 id="admin-optOuts-heading">{t('admin.section.optOuts')}</h2>
      <p>{t('admin.notYet')}</p>
    </section>
  );
}
