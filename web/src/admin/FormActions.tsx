import { useI18n } from '../i18n/I18nProvider';

export interface FormActionsProps {
  readonly submitLabel: string;
  readonly busy: boolean;
  /** Shown (as Cancel, before the submit button) only when there is something to cancel: an edit under way. */
  readonly onCancel?: (() => void) | null | undefined;
  /** Buttons on the left, under the fields, rather than on the right. */
  readonly start?: boolean;
}

/**
 * A form's buttons: Cancel when editing, then the submit button, marked unavailable while the request runs. Not
 * `disabled`: a disabled button loses the focus, and a keyboard user would be sent back to the top of the page after
 * a refusal; the form's submission hook ignores a second press instead.
 */
export function FormActions({ submitLabel, busy, onCancel, start = false }: FormActionsProps) {
  const { t } = useI18n();
  return (
    <div className={start ? 'form__actions form__actions--start' : 'form__actions'}>
      {onCancel && (
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
      <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
        {submitLabel}
      </button>
    </div>
  );
}
