// The contact name beside a number, and its editor: Edit opens a field (Enter saves, Esc
// cancels), checked as the server will check it; the number always stays visible.
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { cleanContactName } from '@domain/contacts/contact-name';
import type { Refusal } from '../errors/error-text';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/translate';
import { useToasts } from '../ui/Toasts';

const REASONS: Readonly<Record<string, MessageKey>> = { NAME_TOO_LONG: 'timeline.nameTooLong', NAME_CONTROL_CHARACTER: 'timeline.nameControl' };

export interface ContactNameProps {
  readonly number: string;
  readonly name: string | null;
  readonly onSave: (name: string) => Promise<Refusal | null>;
}

export function ContactName({ number, name, onSave }: ContactNameProps) {
  const { t } = useI18n();
  const { notify } = useToasts();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);

  const open = () => {
    setDraft(name ?? '');
    setError(null);
    setEditing(true);
  };
  const close = () => {
    setEditing(false);
    setError(null);
    // Back to where the agent was, for the keyboard.
    requestAnimationFrame(() => editButton.current?.focus());
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = cleanContactName(draft);
    if (!checked.ok) {
      setError(t(REASONS[checked.reason] ?? 'timeline.nameTooLong'));
      return;
    }
    setSaving(true);
    const refusal = await onSave(checked.name ?? '');
    setSaving(false);
    if (refusal) {
      const reason = typeof refusal.details?.reason === 'string' ? REASONS[refusal.details.reason] : undefined;
      setError(reason ? t(reason) : (refusal.message ?? t('timeline.failed')));
      return;
    }
    notify(t(checked.name === null ? 'timeline.nameRemoved' : 'timeline.nameSaved', { number }));
    close();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') {
      // The field's own Esc: the dialog around it stays open.
      e.stopPropagation();
      e.preventDefault();
      close();
    }
  };

  if (!editing) {
    return (
      <div className="contact-name" data-testid="contact-name">
        <span className="contact-name__label">{t('timeline.name')}:</span>{' '}
        {name ? (
          <span className="contact-name__value" data-testid="contact-name-value">
            {name}
          </span>
        ) : (
          <span className="contact-name__none">{t('timeline.noName')}</span>
        )}{' '}
        <button ref={editButton} type="button" className="button button--small" data-testid="edit-contact-name" onClick={open} aria-label={`${t(name ? 'timeline.editName' : 'timeline.addName')}: ${number}`}>
          {t(name ? 'timeline.editName' : 'timeline.addName')}
        </button>
      </div>
    );
  }
  return (
    <form className="contact-name contact-name--editing" onSubmit={(e) => void submit(e)} noValidate data-testid="contact-name-form">
      <label htmlFor={`${id}-name`} className="field__label">
        {t('timeline.nameLabel', { number })}
      </label>
      <input
        id={`${id}-name`}
        className="input"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        // The agent asked to edit: the field takes the keyboard.
        autoFocus
        maxLength={400}
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
        data-testid="contact-name-input"
      />
      <p id={`${id}-help`} className="field__help">
        {t('timeline.nameHelp')}
      </p>
      {error && (
        <p id={`${id}-error`} className="field__error" role="alert" data-testid="contact-name-error">
          {error}
        </p>
      )}
      <div className="form__actions">
        <button type="button" className="button" onClick={close}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={saving} data-testid="save-contact-name">
          {t('timeline.saveName')}
        </button>
      </div>
    </form>
  );
}
