import type { AdminPageProps } from '../admin-routes';
import { useI18n } from '../../i18n/I18nProvider';

// Placeholder until the section's page lands.
export function QueuesPage(_props: AdminPageProps) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="admin-queues-heading">
      <h2 id="admin-queues-heading">{t('admin.section.queues')}</h2>
      <p>{t('admin.notYet')}</p>
    </section>
  );
}
