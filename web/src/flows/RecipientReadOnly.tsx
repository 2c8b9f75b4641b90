import { useId } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { RecipientSummary } from '../recipient/recipient-model';
import type { Refusal } from '../errors/error-text';
import { FieldError, describedBy } from '../ui/FieldError';

/** The recipient once checked: shown, not editable (spec 2.1: pre-filled, read-only). */
export function RecipientReadOnly({ recipient, error }: { readonly recipient: RecipientSummary; readonly error: Refusal | undefined }) {
  const { t } = useI18n();
  const id = useId();
  const errorId = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {t('recipient.readOnly')}
      </label>
      <input
        id={id}
        className="input"
        readOnly
        value={recipient.display}
        data-testid="recipient-readonly"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(error && errorId)}
      />
      <FieldError id={errorId} refusal={error} />
    </div>
  );
}
