import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AgentApi } from '../api/endpoints';
import { useAttention } from '../attention/use-attention';
import type { Call, Interaction, Me, Queue, StartedInteraction } from '../api/types';
import { ConversationPanel, type ConversationSummary } from '../conversation/ConversationPanel';
import { toRefusal } from '../errors/to-refusal';
import { errorText } from '../errors/error-text';
import { NewSmsDialog, type NewSmsRequest } from '../flows/NewSmsDialog';
import { smsChannelOffered } from '../flows/routing';
import { useI18n } from '../i18n/I18nProvider';
import { EventBus } from '../live/event-bus';
import { useLiveStream } from '../live/use-live-stream';
import { SentView } from '../sent/SentView';
import { ScheduledView } from '../scheduled/ScheduledView';
import { UndoOffers } from '../scheduled/UndoOffers';
import { useToasts } from '../ui/Toasts';
import { formatInZone } from '../windows/window-times';
import { BannerHeader } from './BannerHeader';
import { InteractionLists, queueName } from './InteractionLists';
import { useBannerData } from './use-banner-data';

export interface BannerProps {
  readonly api: AgentApi;
  readonly me: Me;
  readonly agentName: string;
  readonly sessionStillValid: () => Promise<boolean>;
  readonly onLogout: () => void;
}

function summary(i: Interaction, queues: readonly Queue[]): ConversationSummary {
  return { id: i.id, customerNumber: i.customerNumber, queueId: i.queueId, queueName: queueName(queues, i.queueId), smsNumber: i.smsNumber, status: i.status };
}

export function Banner({ api, me: initialMe, agentName, sessionStillValid, onLogout }: BannerProps) {
  const { t, lang } = useI18n();
  const { notify } = useToasts();
  const bus = useMemo(() => new EventBus(), []);
  const { status, resyncs } = useLiveStream(bus, sessionStillValid);
  const { data, reload, reloadMe } = useBannerData(api, bus, initialMe);
  const [newSms, setNewSms] = useState<NewSmsRequest | null>(null);
  const [selected, setSelected] = useState<ConversationSummary | null>(null);
  const [showSent, setShowSent] = useState(false);
  const [showScheduled, setShowScheduled] = useState(false);
  // Opening a conversation (from the lists, Take or a new Smart SMS) leaves the Sent view.
  const open = useCallback((c: ConversationSummary) => {
    setShowSent(false);
    setShowScheduled(false);
    setSelected(c);
  }, []);
  const newButton = useRef<HTMLButtonElement>(null);
  const smsOffered = smsChannelOffered(data.me.modes);
  const attention = useAttention({ api, bus, agentId: data.me.agent.agentId, lists: data, selectedId: selected?.id ?? null, onOpen: (i) => open(summary(i, data.queues)) });

  // A resync reloads the lists; the open conversation reloads through its reload token.
  useEffect(() => {
    if (resyncs > 0) reload();
  }, [resyncs, reload]);

  const onTake = useCallback(
    async (i: Interaction) => {
      try {
        await api.take(i.id);
        open({ ...summary(i, data.queues), status: 'progressing' });
        reload();
      } catch (e) {
        const refusal = toRefusal(e);
        notify(errorText(refusal, lang), 'error');
        // Lost the race: the list drops it now rather than at the next event.
        if (refusal.code === 'ALREADY_TAKEN') reload();
      }
    },
    [api, data.queues, lang, notify, open, reload],
  );

  // A colleague took the waiting conversation this agent is looking at: they can no longer read it.
  const myId = data.me.agent.agentId;
  const shown = useRef(selected);
  useEffect(() => {
    shown.current = selected;
  }, [selected]);
  useEffect(
    () =>
      bus.subscribe((e) => {
        // A supervisor took this agent's open conversation: it is no longer theirs to answer.
        if (e.type === 'interaction.taken' && e.takenBy !== undefined) {
          if (shown.current?.id !== e.interactionId) return;
          notify(t('error.takenBy', { name: e.takenBy }), 'info');
          setSelected(null);
          return;
        }
        if (e.type !== 'waiting.taken' || e.agentId === myId) return;
        const s = shown.current;
        if (s?.id !== e.interactionId || s.status !== 'waiting') return;
        notify(t('error.takenBy', { name: e.agentName }), 'info');
        setSelected(null);
      }),
    [bus, myId, notify, t],
  );

  const onSmartStarted = (started: StartedInteraction, queue: Queue, name: string | null) => {
    setNewSms(null);
    if (started.reopened) notify(name ? t('timeline.reopenedNamed', { name, number: started.customerNumber }) : t('smart.reopened', { number: started.customerNumber }), 'info');
    open({ id: started.interactionId, customerNumber: started.customerNumber, queueId: queue.id, queueName: queue.name, smsNumber: started.from, status: 'progressing' });
    reload();
  };

  return (
    <div className="app">
      <BannerHeader
        me={data.me}
        agentName={agentName}
        stream={status}
        smsOffered={smsOffered}
        onNewSms={() => setNewSms({ number: '', callId: null })}
        onLogout={onLogout}
        newButtonRef={newButton}
      />
      <main className="workspace">
        <div className="workspace__side">
          <InteractionLists
            open={data.open}
            waiting={data.waiting}
            closed={data.closed}
            calls={data.calls}
            queues={data.queues}
            selectedId={selected?.id ?? null}
            smsOffered={smsOffered}
            onSelect={(i) => open(summary(i, data.queues))}
            onTake={(i) => void onTake(i)}
            onSmsFromCall={(c: Call) => setNewSms({ number: c.customerNumber, callId: c.id })}
            attention={attention}
          />
          <button type="button" className="button sent-toggle" aria-pressed={showSent} data-testid="open-sent" onClick={() => (setShowSent((v) => !v), setShowScheduled(false))}>
            {t('sent.open')}
          </button>
          <button type="button" className="button sent-toggle" aria-pressed={showScheduled} data-testid="open-scheduled" onClick={() => (setShowScheduled((v) => !v), setShowSent(false))}>
            {t('scheduled.open')}
          </button>
        </div>
        <div className="workspace__main">
          <UndoOffers api={api} bus={bus} onUndone={reloadMe} />
          {showScheduled ? (
            <ScheduledView api={api} bus={bus} reloadToken={resyncs} onChanged={reloadMe} />
          ) : showSent ? (
            <SentView api={api} bus={bus} reloadToken={resyncs} onResent={reloadMe} />
          ) : selected ? (
            <ConversationPanel
              key={selected.id}
              api={api}
              bus={bus}
              conversation={selected}
              reloadToken={resyncs}
              onChanged={reload}
              onHide={() => setSelected(null)}
              onOpenConversation={open}
            />
          ) : (
            <p className="workspace__empty">{t('conv.none')}</p>
          )}
        </div>
      </main>
      {newSms && (
        <NewSmsDialog
          api={api}
          me={data.me}
          request={newSms}
          returnFocusTo={newButton}
          onClose={() => setNewSms(null)}
          onDirectSent={(to, name, scheduledFor) => {
            setNewSms(null);
            if (scheduledFor) notify(t('windows.scheduled', { number: name ?? to, time: formatInZone(new Date(scheduledFor), lang) }));
            else notify(name ? t('timeline.directSentNamed', { name, number: to }) : t('direct.sent', { number: to }));
            reloadMe();
          }}
          onSmartStarted={onSmartStarted}
        />
      )}
    </div>
  );
}
