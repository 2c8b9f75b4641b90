import { useId, useState } from 'react';
import type { AgentApi } from '../api/endpoints';
import type { InteractionStatus } from '../api/types';
import type { Refusal } from '../errors/error-text';
import { toRefusal } from '../errors/to-refusal';
import { useI18n } from '../i18n/I18nProvider';
import type { EventBus } from '../live/event-bus';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { FieldError } from '../ui/FieldError';
import { useToasts } from '../ui/Toasts';
import { useFocusOnMount } from '../ui/use-focus-on-mount';
import { SenderFact } from '../compose/SenderFact';
import { useDraft } from '../compose/use-draft';
import { optedOutInThread } from './consent-model';
import { FollowNewest } from './FollowNewest';
import { SmartMessageForm } from './SmartMessageForm';
import { ThreadView } from './ThreadView';
import { useThread } from './use-thread';
import { TimelinePanel } from '../timeline/TimelinePanel';
import { useTimeline } from '../timeline/use-timeline';
import type { ConversationEntry } from '../timeline/timeline-types';

export interface ConversationSummary {
  readonly id: string;
  readonly customerNumber: string;
  readonly queueId: string | null;
  readonly queueName: string;
  readonly smsNumber: string | null;
  readonly status: InteractionStatus;
}

export interface ConversationPanelProps {
  readonly api: AgentApi;
  readonly bus: EventBus;
  readonly conversation: ConversationSummary;
  readonly reloadToken: number;
  /** The lists changed (closed, taken): the Banner reloads them. */
  readonly onChanged: () => void;
  readonly onHide: () => void;
  /** Another conversation with the same customer, opened from the timeline. */
  readonly onOpenConversation?: (c: ConversationSummary) => void;
}

/**
 * The conversation window (spec 3.2-3.6): the thread, the message form while progressing, Close with confirmation.
 * The only actions are the customer's: send, read replies, close. No transfer, private message, file or video.
 */
export function ConversationPanel({ api, bus, conversation, reloadToken, onChanged, onHide, onOpenConversation }: ConversationPanelProps) {
  const { t } = useI18n();
  const { notify } = useToasts();
  const headingId = useId();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const { state, dispatch, failure, loadEarlier, loadingEarlier } = useThread(api, bus, conversation.id, reloadToken);
  const [confirmClose, setConfirmClose] = useState(false);
  const draft = useDraft({ kind: 'conversation', id: conversation.id });
  const [actionError, setActionError] = useState<Refusal | null>(null);
  // Set once the agent opted the customer out from a flagged reply (the thread has no STOP to show it).
  const [agentOptedOut, setAgentOptedOut] = useState(false);
  const optOut = async (m: { readonly id: string }) => {
    setActionError(null);
    try {
      await api.optOutCustomer(conversation.customerNumber, { note: t('consent.flag.note'), messageId: m.id });
      setAgentOptedOut(true);
      notify(t('consent.flag.done'));
      timeline.reload();
    } catch (e) {
      setActionError(toRefusal(e));
    }
  };
  const status: InteractionStatus = state.status ?? conversation.status;
  // The customer's timeline and contact name: the name heads the conversation, the number stays beside it.
  const timeline = useTimeline(api, conversation.customerNumber, bus);
  const customerName = timeline.timeline?.name ?? null;

  const close = async () => {
    setConfirmClose(false);
    setActionError(null);
    try {
      await api.close(conversation.id);
      dispatch({ kind: 'status', status: 'closed' });
      // Nothing more can be sent here: an unsent draft would only wait for its expiry.
      draft.clear();
      // The Close button is gone: keep the keyboard in the conversation.
      heading.current?.focus();
      notify(customerName ? t('timeline.closedNamed', { name: customerName, number: conversation.customerNumber }) : t('conv.closed', { number: conversation.customerNumber }));
      onChanged();
    } catch (e) {
      setActionError(toRefusal(e));
    }
  };

  const take = async () => {
    setActionError(null);
    try {
      await api.take(conversation.id);
      dispatch({ kind: 'status', status: 'progressing' });
      heading.current?.focus();
      onChanged();
    } catch (e) {
      const refusal = toRefusal(e);
      setActionError(refusal);
      if (refusal.code === 'ALREADY_TAKEN') onChanged();
    }
  };

  return (
    <section className="conversation" aria-labelledby={headingId} data-testid="conversation" data-status={status}>
      <header className="conversation__header">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {customerName ? t('timeline.headingNamed', { name: customerName, number: conversation.customerNumber }) : t('conv.heading', { number: conversation.customerNumber })}
        </h2>
        <dl className="conversation__facts">
          <div>
            <dt>{t('conv.queue')}</dt>
            <dd>{conversation.queueName}</dd>
          </div>
          {conversation.smsNumber && (
            <div>
              <dt>{t('conv.from')}</dt>
              <dd>
                <SenderFact address={conversation.smsNumber} />
              </dd>
            </div>
          )}
          <div>
            <dt>{t('conv.status')}</dt>
            <dd data-testid="conversation-status">{t(`conv.status.${status}`)}</dd>
          </div>
        </dl>
        <div className="conversation__actions">
          {status === 'progressing' && (
            <button type="button" className="button" data-testid="close-conversation" onClick={() => setConfirmClose(true)}>
              {t('conv.close')}
            </button>
          )}
          {status === 'waiting' && (
            <button type="button" className="button button--primary" data-testid="take-conversation" onClick={() => void take()}>
              {t('lists.take')}
            </button>
          )}
          <button type="button" className="button" onClick={onHide}>
            {t('conv.hide')}
          </button>
        </div>
      </header>
      <FieldError id={`${headingId}-action`} refusal={actionError} />
      <FieldError id={`${headingId}-load`} refusal={failure} />
      <TimelinePanel
        number={conversation.customerNumber}
        state={timeline}
        currentId={conversation.id}
        {...(onOpenConversation ? { onOpen: (e: ConversationEntry) => onOpenConversation({ id: e.id, customerNumber: conversation.customerNumber, queueId: e.queueId, queueName: e.queueName ?? '', smsNumber: e.smsNumber, status: e.status }) } : {})}
      />
      {state.loaded && (
        <FollowNewest messages={state.messages} hasEarlier={state.hasEarlier} loadingEarlier={loadingEarlier} onEarlier={loadEarlier}>
          <ThreadView messages={state.messages} flag={{ optedOut: agentOptedOut || optedOutInThread(state.messages) === true || timeline.timeline?.optedOut === true, onOptOut: (m) => void optOut(m) }} />
        </FollowNewest>
      )}
      {status === 'progressing' ? (
        <SmartMessageForm
          api={api}
          interactionId={conversation.id}
          queueId={conversation.queueId}
          queueName={conversation.queueName}
          customerNumber={conversation.customerNumber}
          fromNumber={conversation.smsNumber}
          nationalLanguage={state.nationalLanguage}
          onSent={(message) => dispatch({ kind: 'sent', message })}
          optedOutLive={agentOptedOut ? true : optedOutInThread(state.messages)}
        />
      ) : (
        <p className="notice" data-testid="conversation-readonly">
          {status === 'closed' ? t('conv.closedNotice') : t('conv.waitingNotice')}
        </p>
      )}
      {confirmClose && (
        <ConfirmDialog
          title={t('conv.closeTitle')}
          description={t('conv.closeText', { number: conversation.customerNumber })}
          confirmLabel={t('conv.closeConfirm')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => void close()}
          onCancel={() => setConfirmClose(false)}
          testId="close-confirm-dialog"
        />
      )}
    </section>
  );
}
