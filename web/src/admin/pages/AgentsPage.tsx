import type { AdminPageProps } from '../admin-routes';
import { useI18n } from '../../i18n/I18nProvider';

// Placeholder until the section's page lands.
export function AgentsPage(_props: AdminPageProps) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="admin-agents-heading">
      <h2 id="admin-agents-heading">{t('admin.section.agents')}</h2>
      <p>{t('admin.notYet')}</p>
    </section>
  );
}
