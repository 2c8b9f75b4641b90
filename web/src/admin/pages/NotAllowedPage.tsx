// What a supervisor sees at the address of a configuration page: why it does not open, and the way to what they may do.
import { useId } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { adminHref, type AdminPageProps } from '../admin-routes';

export function NotAllowedPage(_: AdminPageProps) {
  const { t } = useI18n();
  const heading = `${useId()}-heading`;
  return (
    <section aria-labelledby={heading} data-testid="not-allowed">
      <h2 id={heading}>{t('supervisor.notAllowed.title')}</h2>
      <p>{t('supervisor.notAllowed.text')}</p>
      <p>
        <a href={adminHref('conversations')}>{t('supervisor.notAllowed.link')}</a>
      </p>
    </section>
  );
}
