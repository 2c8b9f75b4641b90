import type { AdminPageProps } from '../admin-routes';
import { useI18n } from '../../i18n/I18nProvider';

// Placeholder until the section's page lands.
export function CreditsPage(_props: AdminPageProps) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="admin-credits-heading">
      <h2 id="admin-credits-heading">{t('admin.section.credits')}</h2>
      <p>{t('admin.notYet')}</p>
    </section>
  );
}
