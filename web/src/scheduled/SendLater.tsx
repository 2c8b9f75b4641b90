// "Send later": a local date and time, handed to the send as `sendAt` (docs/scheduled-sends.md).
// Inside a <details>, so the form is as before until the agent opens it; the server checks the
// time (after now, at most 30 days) and its refusal comes back on the form like any other.
import { useId, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/** A datetime-local value (the browser's own zone) as an instant; null when empty or unreadable. */
export function instantOf(local: string): string | null {
  if (local.trim() === '') return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function SendLater({ disabled, onSchedule }: { readonly disabled: boolean; readonly onSchedule: (sendAt: string) => void }) {
  const { t } = useI18n();
  const inputId = useId();
  const helpId = useId();
  const [value, setValue] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <details className="field send-later" data-testid="send-later">
      <summary>{t('scheduled.later')}</summary>
      <label htmlFor={inputId} className="field__label">
        {t('scheduled.later')}
      </label>
      <input
        id={inputId}
        className="input input--compact"
        type="datetime-local"
        data-testid="send-later-input"
        value={value}
        aria-describedby={helpId}
        aria-invalid={missing ? true : undefined}
        onChange={(e) => {
          setValue(e.currentTarget.value);
          setMissing(false);
        }}
      />
      <p id={helpId} className="field__help">
        {missing ? t('scheduled.laterRequired') : t('scheduled.laterHelp')}
      </p>
      <button
        type="button"
        className="button"
        data-testid="schedule-button"
        disabled={disabled}
        onClick={() => {
          const at = instantOf(value);
          if (at) onSchedule(at);
          else setMissing(true);
        }}
      >
        {t('scheduled.schedule')}
      </button>
    </details>
  );
}
