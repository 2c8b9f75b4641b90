// The conversations of the queues a supervisor supervises (an administrator: all): the waiting ones first, the
// longest wait first, then the open ones by last activity. A supervisor reads a transcript, takes a conversation
// (it becomes theirs; the agent who had it is told) or closes one. Read again every 15 seconds and on demand.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Refusal } from '../../errors/error-text';
import { toRefusal } from '../../errors/to-refusal';
import { formatDuration } from '../../i18n/format-time';
import { useI18n } from '../../i18n/I18nProvider';
import { When } from '../../i18n/When';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { AdminTable } from '../AdminTable';
import { FormStatus } from '../FormStatus';
import { adminRefusalText } from '../admin-refusal';
import type { AdminPageProps } from '../admin-routes';
import type { SupervisedConversation, TranscriptMessage } from '../supervision-api';
import { LoadFailed } from './LoadFailed';
import { useLoaded } from './use-loaded';

const REFRESH_MS = 15_000;

const customerOf = (c: SupervisedConversation) => c.contactName ?? c.customerNumber;

export function ConversationsPage({ api, me }: AdminPageProps) {
  const { t, lang } = useI18n();
  const id = useId();
  const loaded = useLoaded(useCallback(() => api.conversations(), [api]));
  const [now, setNow] = useState(() => Date.now());
  const [status, setStatus] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [closing, setClosing] = useState<SupervisedConversation | null>(null);
  const [shown, setShown] = useState<{ conversation: SupervisedConversation; messages: readonly TranscriptMessage[] } | null>(null);
  const transcriptHeading = useRef<HTMLHeadingElement>(null);
  const busy = useRef(false);
  const { reload } = loaded;

  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
      void reload();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  useEffect(() => {
    if (shown) transcriptHeading.current?.focus();
  }, [shown?.conversation.id]); // eslint-disable-line react-hooks/exhaustive-deps -- focus once per opened transcript

  const act = async (work: () => Promise<string>) => {
    if (busy.current) return;
    busy.current = true;
    setStatus('');
    setRefusal(null);
    try {
      setStatus(await work());
    } catch (e) {
      setRefusal(toRefusal(e));
    } finally {
      busy.current = false;
      setNow(Date.now());
      await reload();
    }
  };

  const openTranscript = (c: SupervisedConversation) =>
    void act(async () => {
      setShown({ conversation: c, messages: await api.transcript(c.id) });
      return '';
    });

  const take = (c: SupervisedConversation) =>
    void act(async () => {
      await api.takeConversation(c.id);
      return t('supervisor.taken', { customer: customerOf(c) });
    });

  const close = (c: SupervisedConversation) => {
    setClosing(null);
    void act(async () => {
      await api.closeConversation(c.id);
      if (shown?.conversation.id === c.id) setShown(null);
      return t('supervisor.closed', { customer: customerOf(c) });
    });
  };

  const heading = `${id}-heading`;
  const conversations = loaded.data ?? [];

  return (
    <section aria-labelledby={heading}>
      <h2 id={heading}>{t('admin.section.conversations')}</h2>
      <p>
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            setNow(Date.now());
            void reload();
          }}
        >
          {t('supervisor.refresh')}
        </button>
      </p>
      {loaded.refusal && <LoadFailed refusal={loaded.refusal} onRetry={() => void reload()} />}
      {loaded.data === null && !loaded.refusal && <p>{t('app.loading')}</p>}
      {loaded.data !== null && (
        <AdminTable
          look="wide"
          testId="conversations-table"
          caption={t('supervisor.conversations.caption')}
          columns={[
            t('supervisor.conversations.customer'),
            t('supervisor.conversations.queue'),
            t('supervisor.conversations.state'),
            t('supervisor.conversations.agent'),
            t('supervisor.conversations.waiting'),
            t('supervisor.conversations.lastActivity'),
            t('admin.actions'),
          ]}
          isEmpty={conversations.length === 0}
          empty={t('supervisor.conversations.empty')}
        >
          {conversations.map((c) => {
            const customer = customerOf(c);
            return (
              <tr key={c.id} data-conversation={c.id}>
                <th scope="row">
                  {customer}
                  {c.contactName !== null && <span className="field__help"> {c.customerNumber}</span>}
                </th>
                <td>{c.queueName ?? '—'}</td>
                <td>{t(c.status === 'waiting' ? 'supervisor.status.waiting' : 'supervisor.status.progressing')}</td>
                <td>{c.agentName ?? t('supervisor.nobody')}</td>
                <td>{c.status === 'waiting' ? formatDuration(now - new Date(c.createdAt).getTime(), lang) : '—'}</td>
                <td>
                  <When at={c.lastActivityAt} />
                </td>
                <td className="admin__actions">
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={t('supervisor.transcriptNamed', { customer })}
                    aria-expanded={shown?.conversation.id === c.id}
                    onClick={() => (shown?.conversation.id === c.id ? setShown(null) : openTranscript(c))}
                  >
                    {t('supervisor.transcript')}
                  </button>
                  {c.agentId !== me.agent.agentId && (
                    <button type="button" className="button button--small" aria-label={t('supervisor.takeNamed', { customer })} onClick={() => take(c)}>
                      {t('supervisor.take')}
                    </button>
                  )}
                  <button type="button" className="button button--small" aria-label={t('supervisor.closeNamed', { customer })} onClick={() => setClosing(c)}>
                    {t('supervisor.close')}
                  </button>
                </td>
              </tr>
            );
          })}
        </AdminTable>
      )}
      {refusal && (
        <p role="alert" className="field__error">
          {adminRefusalText(refusal, lang)}
        </p>
      )}
      <FormStatus text={status} />
      {shown && (
        <section className="admin__form" aria-labelledby={`${id}-transcript`} data-testid="transcript">
          <h3 id={`${id}-transcript`} ref={transcriptHeading} tabIndex={-1} className="form__title">
            {t('supervisor.transcriptHeading', { customer: customerOf(shown.conversation) })}
          </h3>
          {shown.messages.length === 0 ? (
            <p>{t('supervisor.transcriptEmpty')}</p>
          ) : (
            <ol className="admin__transcript">
              {shown.messages.map((m) => (
                <li key={m.id} data-direction={m.direction}>
                  <strong>{m.direction === 'in' ? t('supervisor.fromCustomer') : (m.agentName ?? '—')}</strong> <When at={m.createdAt} />
                  <p>{m.body}</p>
                </li>
              ))}
            </ol>
          )}
          <button type="button" className="button button--small" onClick={() => setShown(null)}>
            {t('supervisor.transcriptClose')}
          </button>
        </section>
      )}
      {closing && (
        <ConfirmDialog
          title={t('supervisor.closeTitle', { customer: customerOf(closing) })}
          description={t('supervisor.closeText')}
          confirmLabel={t('supervisor.close')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => close(closing)}
          onCancel={() => setClosing(null)}
          testId="close-conversation-dialog"
        />
      )}
    </section>
  );
}
