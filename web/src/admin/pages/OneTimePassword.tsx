import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import type { IssuedPassword } from './agent-form';

/**
 * The one-time password, shown once: the server keeps only its hash, so it cannot be shown again. The heading takes
 * the focus, so a screen reader reads it out as soon as it appears.
 */
export function OneTimePassword({ issued, onDone }: { readonly issued: IssuedPassword; readonly onDone: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [issued]);
  return (
    <section className="admin__password" aria-labelledby={`${id}-heading`} data-testid="one-time-password-panel">
      <h3 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {t('admin.agents.passwordHeading', { name: issued.agentName })}
      </h3>
      <p>
        {t('admin.agents.passwordFor', { email: issued.email })} <code className="admin__secret" data-testid="one-time-password">{issued.password}</code>
      </p>
      <p className="field__note">{t('admin.agents.passwordNote')}</p>
      <div className="form__actions">
        <button type="button" className="button button--primary" onClick={onDone}>
          {t('admin.agents.passwordDone')}
        </button>
      </div>
    </section>
  );
}
