import { useI18n } from '../i18n/I18nProvider';
import type { Refusal } from '../errors/error-text';
import { adminRefusalText } from './admin-refusal';

/** An administration refusal under the field it names (or above the form's buttons); the field points at it with aria-describedby. */
export function AdminFieldError({ id, refusal }: { readonly id: string; readonly refusal: Refusal | null | undefined }) {
  const { lang } = useI18n();
  if (!refusal) return null;
  const reason = refusal.details?.reason;
  return (
    <p id={id} className="field__error" role="alert" data-testid="field-error" data-code={refusal.code} data-reason={typeof reason === 'string' ? reason : undefined}>
      {adminRefusalText(refusal, lang)}
    </p>
  );
}
