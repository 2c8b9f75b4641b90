import { useId } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { countryName } from '../i18n/country-name';
import { errorText } from '../errors/error-text';
import { describedBy } from '../ui/FieldError';
import { useFocusOnMount } from '../ui/use-focus-on-mount';
import { useNow } from '../i18n/use-now';
import { customerClockText } from '../windows/window-times';
import type { RecipientStatus } from './recipient-model';

export interface RecipientFieldProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly status: RecipientStatus;
  /** After a Continue with an empty field, say what is missing. */
  readonly showEmpty: boolean;
}

export function RecipientField({ value, onChange, status, showEmpty }: RecipientFieldProps) {
  const { t, lang } = useI18n();
  const id = useId();
  const helpId = useId();
  const statusId = useId();
  const input = useFocusOnMount<HTMLInputElement>();
  const now = useNow();
  const invalid = status.state === 'invalid' || (status.state === 'empty' && showEmpty);
  let text = '';
  if (status.state === 'checking') text = t('recipient.checking');
  else if (status.state === 'invalid') text = errorText(status.refusal, lang);
  else if (status.state === 'empty' && showEmpty) text = errorText({ code: 'INVALID_NUMBER', details: { reason: 'EMPTY' } }, lang);
  else if (status.state === 'valid') text = `${status.recipient.display} · ${t('recipient.valid', { country: countryName(status.recipient.country, lang) })}`;
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {t('recipient.label')}
      </label>
      <input
        ref={input}
        id={id}
        className="input"
        type="tel"
        inputMode="tel"
        autoComplete="off"
        data-autofocus
        data-testid="recipient-input"
        value={value}
        aria-invalid={invalid}
        aria-describedby={describedBy(helpId, statusId)}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={helpId} className="field__help">
        {t('recipient.help')}
      </p>
      <p
        id={statusId}
        className={`field__status field__status--${invalid ? 'invalid' : status.state}`}
        aria-live="polite"
        data-testid="recipient-status"
        data-state={status.state}
        data-code={status.state === 'invalid' ? status.refusal.code : undefined}
      >
        {text}
        {status.state === 'valid' && !status.recipient.mobileVerified && (
          <span className="field__note"> {t('recipient.mobileNotVerified')}</span>
        )}
      </p>
      {/* Outside the live status: its minute ticking must not be announced again and again. */}
      {status.state === 'valid' && <CustomerClock e164={status.recipient.e164} country={status.recipient.country} now={now} />}
    </div>
  );
}

/** The customer's local time, so the agent knows before writing whether it is a sensible hour. */
function CustomerClock({ e164, country, now }: { readonly e164: string; readonly country: string; readonly now: Date }) {
  const { lang } = useI18n();
  const text = customerClockText(e164, country, now, lang);
  if (!text) return null;
  return (
    <p className="field__help" data-testid="customer-local-time">
      {text}
    </p>
  );
}
