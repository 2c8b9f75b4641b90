// "Scheduled SMS": the agent's messages waiting for their time, each with Edit (text and time,
// EditScheduled.tsx) and Cancel (its credits come back), and the last ones that ended (sent, cancelled, or refused at their time with the
// rule that refused them). Live: any change to one of them, from any tab, reloads the list.
import { useEffect, useRef, useState } from 'react';
import { errorText } from '../errors/error-text';
import { toRefusal } from '../errors/to-refusal';
import { useI18n } from '../i18n/I18nProvider';
import type { EventBus } from '../live/event-bus';
import { useToasts } from '../ui/Toasts';
import { formatInZone } from '../windows/window-times';
import { EditScheduled, type EditOutcome } from './EditScheduled';
import type { ScheduledApi, ScheduledMessage } from './scheduled-api';
import { useScheduled } from './use-scheduled';

export interface ScheduledViewProps {
  readonly api: ScheduledApi;
  readonly bus: EventBus;
  readonly reloadToken: number;
  /** After a cancel or an edit: the balance changed. */
  readonly onChanged: () => void;
}

export function ScheduledView({ api, bus, reloadToken, onChanged }: ScheduledViewProps) {
  const { t, lang, credits } = useI18n();
  const { notify } = useToasts();
  const { lists, failed, reload } = useScheduled(api, bus, reloadToken);
  const [busy, setBusy] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  // After the edit form closes, the keyboard goes back to the row's Edit button.
  const [refocus, setRefocus] = useState<string | null>(null);
  const section = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!refocus) return;
    section.current?.querySelector<HTMLButtonElement>(`[data-testid="scheduled-edit-button"][data-id="${CSS.escape(refocus)}"]`)?.focus();
  }, [refocus, lists]);

  const closeEdit = (id: string) => {
    setEditing(null);
    setRefocus(id);
  };

  const edited = (m: ScheduledMessage, outcome: EditOutcome) => {
    if (outcome === 'saved') {
      notify(t('scheduled.edited', { number: m.to }));
      onChanged();
      closeEdit(m.id);
    } else {
      notify(t('scheduled.editGone', { number: m.to }), 'error');
      setEditing(null);
    }
    void reload();
  };

  const cancel = async (m: ScheduledMessage) => {
    setBusy(m.id);
    try {
      await api.cancelScheduled(m.id);
      notify(t('scheduled.cancelled', { number: m.to }));
      onChanged();
    } catch (e) {
      notify(errorText(toRefusal(e), lang), 'error');
    } finally {
      setBusy(null);
      void reload();
    }
  };

  return (
    <section ref={section} className="sent" aria-labelledby="scheduled-title" data-testid="scheduled-view">
      <h2 id="scheduled-title" className="sent__title">
        {t('scheduled.title')}
      </h2>
      <p className="sent__intro">{t('scheduled.intro')}</p>
      {failed && <p role="alert">{t('scheduled.loadFailed')}</p>}
      {!lists && !failed && <p aria-live="polite">{t('scheduled.loading')}</p>}
      {lists && (
        <>
          {lists.waiting.length === 0 ? (
            <p data-testid="scheduled-empty">{t('scheduled.empty')}</p>
          ) : (
            <ul className="sent__list">
              {lists.waiting.map((m) => {
                const time = formatInZone(new Date(m.sendAt), lang);
                return (
                  <li key={m.id} className="sent__row" data-testid="scheduled-row" data-id={m.id}>
                    <div className="sent__head">
                      <span className="sent__to">{t('scheduled.to', { number: m.to })}</span>
                      <span className="sent__when">{t('scheduled.at', { time })}</span>
                    </div>
                    <p className="sent__body" data-testid="scheduled-body">{m.body}</p>
                    <div className="sent__meta">
                      <span data-testid="scheduled-credits">{credits(m.credits)}</span>
                    </div>
                    {editing === m.id && <EditScheduled api={api} message={m} onDone={(o) => edited(m, o)} onClose={() => closeEdit(m.id)} onStale={() => void reload()} />}
                    <div className="sent__actions">
                      {editing !== m.id && (
                        <button
                          type="button"
                          className="button button--small"
                          data-testid="scheduled-edit-button"
                          data-id={m.id}
                          aria-label={t('scheduled.editLabel', { number: m.to, time })}
                          onClick={() => {
                            setRefocus(null);
                            setEditing(m.id);
                          }}
                        >
                          {t('scheduled.edit')}
                        </button>
                      )}
                      <button type="button" className="button button--small" data-testid="scheduled-cancel" disabled={busy === m.id} aria-label={t('scheduled.cancelLabel', { number: m.to, time })} onClick={() => void cancel(m)}>
                        {t('scheduled.cancel')}
                      </button>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
          <h3 className="sent__subtitle">{t('scheduled.ended')}</h3>
          {lists.ended.length === 0 ? (
            <p>{t('scheduled.endedEmpty')}</p>
          ) : (
            <ul className="sent__list">
              {lists.ended.map((m) => (
                <li key={m.id} className="sent__row" data-testid="scheduled-ended-row" data-id={m.id} data-status={m.status}>
                  <div className="sent__head">
                    <span className="sent__to">{t('scheduled.to', { number: m.to })}</span>
                    <span className="sent__when">{t(`scheduled.status.${m.status === 'scheduled' ? 'sent' : m.status}`)}</span>
                  </div>
                  <p className="sent__body">{m.body}</p>
                  {m.status === 'failed' && m.errorCode && (
                    <p className="sent__reason" data-testid="scheduled-reason" data-code={m.errorCode}>
                      {t('scheduled.failedReason', { reason: errorText({ code: m.errorCode }, lang) })}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
