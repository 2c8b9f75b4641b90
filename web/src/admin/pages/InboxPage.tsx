import type { AdminPageProps } from '../admin-routes';
import { useI18n } from '../../i18n/I18nProvider';

// Placeholder until the section's page lands.
export function InboxPage(_props: AdminPageProps) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="admin-inbox-heading">
      <h2 id="admin-inbox-heading">{t('admin.section.inbox')}</h2>
      <p>{t('admin.notYet')}</p>
    </section>
  );
}
