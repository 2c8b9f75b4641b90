import type { AdminPageProps } from '../admin-routes';
import { useI18n } from '../../i18n/I18nProvider';

// Placeholder until the section's page lands.
export function TemplatesPage(_props: AdminPageProps) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="admin-templates-heading">
      <h2 id="admin-templates-heading">{t('admin.section.templates')}</h2>
      <p>{t('admin.notYet')}</p>
    </section>
  );
}
