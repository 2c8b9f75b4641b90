import type { AdminPageProps } from '../admin-routes';
import { useI18n } from '../../i18n/I18nProvider';

// Placeholder until the section's page lands.
export function ProfilesPage(_props: AdminPageProps) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="admin-profiles-heading">
      <h2 id="admin-profiles-heading">{t('admin.section.profiles')}</h2>
      <p>{t('admin.notYet')}</p>
    </section>
  );
}
