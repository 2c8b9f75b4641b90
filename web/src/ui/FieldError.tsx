import { useI18n } from '../i18n/I18nProvider';
import { errorText, type Refusal } from '../errors/error-text';

/** A refusal under the field it concerns; the field points at it with aria-describedby. */
export function FieldError({ id, refusal }: { readonly id: string; readonly refusal: Refusal | undefined | null }) {
  const { lang } = useI18n();
  if (!refusal) return null;
  return (
    <p id={id} className="field__error" role="alert" data-testid="field-error" data-code={refusal.code}>
      {errorText(refusal, lang)}
    </p>
  );
}

/** The ids a control's aria-describedby lists, skipping the parts not shown. */
export function describedBy(...ids: ReadonlyArray<string | false | null | undefined>): string | undefined {
  const list = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return list.length > 0 ? list.join(' ') : undefined;
}
