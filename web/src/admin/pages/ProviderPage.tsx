import type { AdminPageProps } from '../admin-routes';
import { useI18n } from '../../i18n/I18nProvider';

// Placeholder until the section's page lands.
export function ProviderPage(_props: AdminPageProps) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="admin-provider-heading">
      <h2 id="admin-provider-heading">{t('admin.section.provider')}</h2>
      <p>{t('admin.notYet')}</p>
    </section>
  );
}
