// One provider setting as a form field. A secret's field starts empty: what is stored is only named by its
// redacted form beside it, and is kept unless something is typed or it is removed.
import { useId } from 'react';
import type { Refusal } from '../../errors/error-text';
import { describedBy } from '../../ui/FieldError';
import { useI18n } from '../../i18n/I18nProvider';
import { AdminFieldError } from '../AdminFieldError';
import { isSecretValue, type FieldValue, type SettingField } from './provider-form';
import { settingLabel } from './provider-labels';
import { issueFor } from './provider-form';

export interface ProviderSettingFieldProps {
  readonly field: SettingField;
  readonly value: FieldValue | undefined;
  readonly refusal: Refusal | null;
  readonly onChange: (value: FieldValue) => void;
}

export function ProviderSettingField({ field, value, refusal, onChange }: ProviderSettingFieldProps) {
  const { t } = useI18n();
  const id = useId();
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  // A setting left empty is said once ("Required"), without the server's detail under it.
  const issue = refusal && refusal.details?.reason !== 'EMPTY' ? issueFor(refusal.details?.issues, field.name) : null;
  const invalid = refusal ? true : undefined;
  // The marker stays out of the label, so the field's name is the setting's name; `required` says it to assistive
  // technologies.
  const label = (
    <>
      <label className={field.required ? 'field__label field__label--required' : 'field__label'} htmlFor={id}>
        {settingLabel(t, field.name)}
      </label>
      {field.required && (
        <span className="field__required" aria-hidden="true">
          *
        </span>
      )}
    </>
  );
  const error = (
    <>
      <AdminFieldError id={errorId} refusal={refusal} />
      {issue && <p className="field__error field__error--detail">{issue}</p>}
    </>
  );

  if (field.kind === 'boolean') {
    return (
      <div className="field field--check">
        <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} aria-invalid={invalid} aria-describedby={describedBy(refusal && errorId)} />
        {label}
        {error}
      </div>
    );
  }

  if (isSecretValue(value)) {
    const stored = value.stored;
    return (
      <div className="field">
        {label}
        <input
          id={id}
          className="input"
          type="password"
          autoComplete="new-password"
          value={value.entered}
          required={field.required && stored === null}
          disabled={value.remove}
          onChange={(e) => onChange({ ...value, entered: e.target.value })}
          aria-invalid={invalid}
          aria-describedby={describedBy(stored !== null && helpId, refusal && errorId)}
        />
        {stored !== null && (
          <p className="field__help" id={helpId} data-testid="secret-stored">
            {t('admin.provider.secretStored', { value: stored })}
          </p>
        )}
        {stored !== null && !field.required && (
          <label className="field__check">
            <input type="checkbox" checked={value.remove} onChange={(e) => onChange({ ...value, entered: '', remove: e.target.checked })} /> {t('admin.provider.secretRemove')}
          </label>
        )}
        {error}
      </div>
    );
  }

  const text = typeof value === 'string' ? value : '';
  const showDefault = field.default !== undefined && field.kind !== 'choice';
  const common = {
    id,
    className: 'input',
    value: text,
    required: field.required,
    'aria-invalid': invalid,
    'aria-describedby': describedBy(showDefault && helpId, refusal && errorId),
  } as const;
  return (
    <div className="field">
      {label}
      {field.kind === 'choice' ? (
        <select {...common} className="input input--compact" onChange={(e) => onChange(e.target.value)}>
          <option value="">{field.default === undefined ? t('admin.provider.default') : t('admin.provider.defaultIs', { value: String(field.default) })}</option>
          {(field.choices ?? []).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
          {/* A stored value the list does not hold (a secret shown redacted, a value this build no longer offers): kept if left. */}
          {text !== '' && !(field.choices ?? []).includes(text) && <option value={text}>{text}</option>}
        </select>
      ) : field.kind === 'multiline' ? (
        <textarea {...common} rows={4} spellCheck={false} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type={field.kind === 'url' ? 'url' : 'text'} inputMode={field.kind === 'number' ? 'decimal' : undefined} spellCheck={false} autoComplete="off" onChange={(e) => onChange(e.target.value)} />
      )}
      {showDefault && (
        <p className="field__help" id={helpId}>
          {t('admin.provider.defaultValue', { value: String(field.default) })}
        </p>
      )}
      {error}
    </div>
  );
}
