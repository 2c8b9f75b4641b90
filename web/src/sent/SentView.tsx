// "Sent SMS": the agent's own Direct SMS with their live status, credits and, for a failure, the
// plain reason in the agent's language with the provider's code beside it; a failure not yet
// sent again offers Send again (confirmed like any send), and a resend and its first are linked.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgentApi } from '../api/endpoints';
import { newIdempotencyKey } from '../api/client';
import { MessageStatus, STATUS_LABELS } from '../conversation/MessageStatus';
import { errorText } from '../errors/error-text';
import { toRefusal } from '../errors/to-refusal';
import { useI18n } from '../i18n/I18nProvider';
import { When } from '../i18n/When';
import type { EventBus } from '../live/event-bus';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useToasts } from '../ui/Toasts';
import { canSendAgain, sendAgainHelps } from './sent-model';
import type { SentDirectMessage } from './sent-types';
import { statusChanges } from './status-changes';
import { useSent } from './use-sent';
import './sent.css';

export interface SentViewProps {
  readonly api: AgentApi;
  readonly bus: EventBus;
  readonly reloadToken: number;
  /** After a resend: the balance changed. */
  readonly onResent: () => void;
}

const rowId = (id: string) => `sent-${id}`;

function focusRow(id: string): void {
  const el = document.getElementById(rowId(id));
  el?.scrollIntoView({ block: 'nearest' });
  el?.focus();
}

function Row({ m, onSendAgain }: { readonly m: SentDirectMessage; readonly onSendAgain: (m: SentDirectMessage) => void }) {
  const { t, credits } = useI18n();
  return (
    <li id={rowId(m.id)} className="sent__row" tabIndex={-1} data-testid="sent-row" data-id={m.id} data-status={m.status}>
      <div className="sent__head">
        <span className="sent__to">{m.customerName ?? m.to}</span>
        {m.customerName && <span className="sent__number">{m.to}</span>}
        <When at={m.createdAt} className="sent__when" />
      </div>
      <p className="sent__body">{m.body}</p>
      <div className="sent__meta">
        <MessageStatus message={{ id: m.id, direction: 'out', status: m.status, from: m.from, to: m.to, body: m.body ?? '', createdAt: m.createdAt }} />
        <span data-testid="sent-credits">{credits(m.credits)}</span>
        <span className="sent__from">{t('sent.from', { sender: m.senderLabel ? `${m.senderLabel} (${m.from})` : m.from })}</span>
      </div>
      {m.reason && (
        <p className="sent__reason" data-testid="sent-reason" data-reason={m.reason}>
          <span className="sent__reason-text">{t(`sent.reason.${m.reason}`)}</span>
          {m.errorCode && (
            <span className="sent__code" data-testid="sent-code">
              {' '}
              ({t('sent.code', { code: m.errorCode })})
            </span>
          )}
          <span className="sent__advice"> {t(`sent.advice.${m.reason}`)}</span>
        </p>
      )}
      <div className="sent__actions">
        {m.resendOf && (
          <button type="button" className="button button--small button--link" data-testid="sent-show-first" onClick={() => focusRow(m.resendOf ?? '')}>
            {t('sent.resendOf')}: {t('sent.showFirst')}
          </button>
        )}
        {m.resentAs && (
          <button type="button" className="button button--small button--link" data-testid="sent-show-new" onClick={() => focusRow(m.resentAs ?? '')}>
            {t('sent.resentAs')}: {t('sent.showNew')}
          </button>
        )}
        {canSendAgain(m) && (
          // Offered for any failure (an administrator may have fixed the cause), but only urged where it can help.
          <button type="button" className={`button button--small${m.reason && !sendAgainHelps(m.reason) ? '' : ' button--primary'}`} data-testid="send-again" aria-label={t('sent.sendAgainLabel', { number: m.customerName ?? m.to })} onClick={() => onSendAgain(m)}>
            {t('sent.sendAgain')}
          </button>
        )}
      </div>
    </li>
  );
}

export function SentView({ api, bus, reloadToken, onResent }: SentViewProps) {
  const { t, lang, credits } = useI18n();
  const { notify } = useToasts();
  const sent = useSent(api, bus, reloadToken);
  const [confirming, setConfirming] = useState<{ readonly m: SentDirectMessage; readonly key: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // The row to focus once it is on screen: the new message after Send again.
  const focusId = useRef<string | null>(null);
  // After Show older: the first older row, so the keyboard carries on where the list grew (the
  // button itself goes away on the last page).
  const focusAfter = useRef<string | null>(null);
  useEffect(() => {
    const id = focusId.current;
    if (id && sent.messages.some((m) => m.id === id)) {
      focusId.current = null;
      focusRow(id);
    }
    const after = focusAfter.current;
    const next = after ? sent.messages[sent.messages.findIndex((m) => m.id === after) + 1] : undefined;
    if (next) {
      focusAfter.current = null;
      focusRow(next.id);
    }
  }, [sent.messages]);

  // Only what changed is announced (the list is not a live region: Show older or a reload would
  // have it all read out). The newest change replaces the one before.
  const [announcement, setAnnouncement] = useState('');
  const before = useRef(sent.messages);
  useEffect(() => {
    const changes = statusChanges(before.current, sent.messages);
    before.current = sent.messages;
    if (changes.length === 0) return;
    setAnnouncement(
      changes
        .map((c) => {
          const key = STATUS_LABELS[c.status];
          return t('sent.statusChanged', { who: c.customerName ? `${c.customerName} (${c.to})` : c.to, status: key ? t(key) : c.status });
        })
        .join(' '),
    );
  }, [sent.messages, t]);

  const sendAgain = useCallback(async () => {
    if (!confirming || busy) return;
    const { m, key } = confirming;
    setBusy(true);
    try {
      const r = await api.resendDirect(m.id, { idempotencyKey: key });
      setConfirming(null);
      notify(t('sent.resent', { number: m.customerName ?? r.to }));
      onResent();
      focusId.current = r.messageId;
      await sent.reload();
    } catch (e) {
      setConfirming(null);
      notify(errorText(toRefusal(e), lang), 'error');
      void sent.reload();
    } finally {
      setBusy(false);
    }
  }, [api, busy, confirming, lang, notify, onResent, sent, t]);

  return (
    <section className="sent" aria-labelledby="sent-title" data-testid="sent-view">
      <h2 id="sent-title" className="sent__title" tabIndex={-1}>
        {t('sent.title')}
      </h2>
      <p className="sent__intro">{t('sent.intro')}</p>
      <p className="visually-hidden" role="status" data-testid="sent-announcement">
        {announcement}
      </p>
      {!sent.loaded ? (
        <p>{t('sent.loading')}</p>
      ) : sent.failed && sent.messages.length === 0 ? (
        <p role="alert">
          {t('sent.loadFailed')}{' '}
          <button type="button" className="button button--small" onClick={() => void sent.reload()}>
            {t('sent.retryLoad')}
          </button>
        </p>
      ) : sent.messages.length === 0 ? (
        <p className="sent__empty">{t('sent.empty')}</p>
      ) : (
        <ol className="sent__list">
          {sent.messages.map((m) => (
            <Row key={m.id} m={m} onSendAgain={(row) => setConfirming({ m: row, key: newIdempotencyKey() })} />
          ))}
        </ol>
      )}
      {sent.nextBefore && (
        <button
          type="button"
          className="button"
          data-testid="sent-more"
          onClick={() => {
            focusAfter.current = sent.messages[sent.messages.length - 1]?.id ?? null;
            void sent.loadMore();
          }}
        >
          {t('sent.more')}
        </button>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('sent.confirmTitle')}
          description={t('sent.confirmText', { number: confirming.m.customerName ?? confirming.m.to, credits: credits(confirming.m.credits) })}
          confirmLabel={t('sent.confirm')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => void sendAgain()}
          onCancel={() => setConfirming(null)}
          testId="resend-confirm-dialog"
        />
      )}
    </section>
  );
}
