// Editing a waiting message in the Scheduled SMS view: its text (with the live credit counter of
// every message field) and its time. The edit carries the version the agent opened, so a change
// made meanwhile in another tab is not overwritten silently: the agent is told what it now says
// and saves again on purpose. When it went or was cancelled meanwhile, the view says so.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { CreditCounter } from '../counter/CreditCounter';
import { counterView, replaceLookalikes } from '../counter/counter-model';
import { errorText } from '../errors/error-text';
import { toRefusal } from '../errors/to-refusal';
import { useI18n } from '../i18n/I18nProvider';
import { formatInZone } from '../windows/window-times';
import type { ScheduledApi, ScheduledMessage } from './scheduled-api';
import { instantOf } from './SendLater';

/** An instant as a datetime-local value in the browser's own zone (what the input shows). */
export function localValueOf(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export type EditOutcome = 'saved' | 'gone';

export interface EditScheduledProps {
  readonly api: ScheduledApi;
  /** The message as the list now shows it (live: it follows the scheduled.* events). */
  readonly message: ScheduledMessage;
  /** After a save (credits may have moved) or a refusal that means it no longer waits. */
  readonly onDone: (outcome: EditOutcome, text?: string) => void;
  readonly onClose: () => void;
  /** The list is read again (after a refusal saying it changed meanwhile). */
  readonly onStale: () => void;
}

export function EditScheduled({ api, message: m, onDone, onClose, onStale }: EditScheduledProps) {
  const { t, lang } = useI18n();
  const textId = useId();
  const counterId = useId();
  const timeId = useId();
  const timeHelpId = useId();
  const errorId = useId();
  const [opened] = useState(m);
  const [text, setText] = useState(m.body);
  const [when, setWhen] = useState(() => localValueOf(m.sendAt));
  // The version the agent's edit is based on; moved to the list's one once the agent was told.
  const [base, setBase] = useState(m.version);
  const [refused, setRefused] = useState<string | null>(null);
  const [timeMissing, setTimeMissing] = useState(false);
  const [saving, setSaving] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  // Credits are counted as the server counts a message without a national table (the server's figure is the one debited).
  const view = useMemo(() => counterView(text, null), [text]);
  const changedMeanwhile = m.version !== base;

  useEffect(() => textarea.current?.focus(), []);

  // The button stays enabled while saving (aria-disabled): disabling it would drop the keyboard's focus.
  const save = async () => {
    if (saving) return;
    const at = instantOf(when);
    if (!at) {
      setTimeMissing(true);
      return;
    }
    // What the agent changed from what they opened; after being told of a change made meanwhile,
    // Save replaces it with the whole form on purpose.
    const change = changedMeanwhile
      ? { text, sendAt: at }
      : { ...(text !== opened.body ? { text } : {}), ...(when !== localValueOf(opened.sendAt) ? { sendAt: at } : {}) };
    if (Object.keys(change).length === 0) {
      onClose();
      return;
    }
    setSaving(true);
    setRefused(null);
    try {
      await api.editScheduled(m.id, { ...change, version: m.version });
      onDone('saved', text);
    } catch (e) {
      const r = toRefusal(e);
      if (r.code === 'ALREADY_SENT' || r.code === 'MESSAGE_NOT_SCHEDULED' || r.code === 'NOT_FOUND') onDone('gone');
      else if (r.code === 'VALIDATION_FAILED' && r.details?.['reason'] === 'CHANGED_MEANWHILE') {
        setBase(-1);
        onStale();
      } else setRefused(errorText(r, lang));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div
      className="form scheduled-edit"
      data-testid="scheduled-edit"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      {changedMeanwhile && (
        <p className="field__error" role="alert" data-testid="scheduled-edit-changed">
          {t('scheduled.editChanged', { text: m.body, time: formatInZone(new Date(m.sendAt), lang) })}
        </p>
      )}
      <div className="field">
        <label htmlFor={textId} className="field__label">
          {t('compose.message')}
        </label>
        <textarea
          ref={textarea}
          id={textId}
          className="input composer__text"
          data-testid="scheduled-edit-text"
          rows={4}
          value={text}
          aria-invalid={view.overLimit ? true : undefined}
          aria-describedby={counterId}
          onChange={(e) => {
            setText(e.target.value);
            setRefused(null);
          }}
        />
        <CreditCounter
          id={counterId}
          view={view}
          onReplace={() => {
            setText(replaceLookalikes(text).text);
            textarea.current?.focus();
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={timeId} className="field__label">
          {t('scheduled.editTime')}
        </label>
        <input
          id={timeId}
          className="input input--compact"
          type="datetime-local"
          data-testid="scheduled-edit-time"
          value={when}
          aria-describedby={timeHelpId}
          aria-invalid={timeMissing ? true : undefined}
          onChange={(e) => {
            setWhen(e.currentTarget.value);
            setTimeMissing(false);
            setRefused(null);
          }}
        />
        <p id={timeHelpId} className="field__help">
          {timeMissing ? t('scheduled.laterRequired') : t('scheduled.laterHelp')}
        </p>
      </div>
      {refused && (
        <p id={errorId} className="field__error" role="alert" data-testid="scheduled-edit-error">
          {refused}
        </p>
      )}
      <div className="form__actions">
        <button type="button" className="button" data-testid="scheduled-edit-close" onClick={onClose}>
          {t('scheduled.editClose')}
        </button>
        <button type="button" className="button button--primary" data-testid="scheduled-edit-save" disabled={view.overLimit} aria-disabled={saving || undefined} onClick={() => void save()}>
          {changedMeanwhile ? t('scheduled.editSaveAnyway') : t('scheduled.editSave')}
        </button>
      </div>
    </div>
  );
}
