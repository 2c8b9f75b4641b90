// A number's timeline, newest first: each conversation, Direct SMS, call and opt-out change,
// with who and when; older pages on demand.
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/translate';
import { When } from '../i18n/When';
import { orDash } from './timeline-model';
import type { ConversationEntry, TimelineEntry } from './timeline-types';
import type { TimelineState } from './use-timeline';

const STATUS: Readonly<Record<string, MessageKey>> = {
  queued: 'status.queued',
  sending: 'status.sending',
  sent: 'status.sent',
  delivered: 'status.delivered',
  undelivered: 'status.undelivered',
  failed: 'status.failed',
  rejected: 'status.rejected',
  received: 'status.received',
};

export function useStatusLabel(): (status: string) => string {
  const { t } = useI18n();
  return (status) => {
    const key = STATUS[status];
    return key ? t(key) : status;
  };
}

function EntryLine({ entry }: { readonly entry: TimelineEntry }) {
  const { t } = useI18n();
  const statusLabel = useStatusLabel();
  const someone = (name: string | null) => name ?? t('timeline.someone');
  switch (entry.kind) {
    case 'conversation':
      return (
        <>
          <span className="timeline__what">{t(`timeline.conv.${entry.status}`, { queue: orDash(entry.queueName), agent: someone(entry.agentName) })}</span>
          <span className="timeline__meta">{t(entry.messageCount === 1 ? 'timeline.messages.one' : 'timeline.messages.other', { count: entry.messageCount })}</span>
        </>
      );
    case 'direct':
      return (
        <>
          <span className="timeline__what">{entry.mine ? t('timeline.directYou') : t('timeline.direct', { agent: someone(entry.agentName) })}</span>
          <span className={`status status--${['failed', 'undelivered', 'rejected'].includes(entry.status) ? 'failed' : entry.status}`} data-testid="timeline-direct-status" data-status={entry.status}>
            {statusLabel(entry.status)}
          </span>
          {entry.body !== null && <span className="timeline__body">{entry.body}</span>}
        </>
      );
    case 'call':
      return <span className="timeline__what">{t(entry.status === 'active' ? 'timeline.call.active' : 'timeline.call.ended', { agent: someone(entry.agentName) })}</span>;
    case 'consent':
      return (
        <span className="timeline__what">
          {entry.keyword ? t(entry.action === 'opt_out' ? 'timeline.optOut' : 'timeline.optIn', { keyword: entry.keyword }) : t(entry.action === 'opt_out' ? 'timeline.optOutPlain' : 'timeline.optInPlain')}
        </span>
      );
  }
}

export interface TimelineListProps {
  readonly state: TimelineState;
  /** Opens a conversation the agent may open (`canOpen`); absent, none is offered. */
  readonly onOpen?: (entry: ConversationEntry) => void;
  readonly currentId?: string;
}

export function TimelineList({ state, onOpen, currentId }: TimelineListProps) {
  const { t } = useI18n();
  const { timeline, failure } = state;
  if (failure && !timeline) {
    return (
      <p className="timeline__failed" role="alert">
        {t('timeline.failed')}{' '}
        <button type="button" className="button button--small" onClick={state.reload}>
          {t('timeline.retry')}
        </button>
      </p>
    );
  }
  if (!timeline) return <p className="timeline__loading">{t('timeline.loading')}</p>;
  if (timeline.entries.length === 0) return <p className="timeline__empty">{t('timeline.empty')}</p>;
  return (
    <>
      <ol className="timeline__list" data-testid="timeline-list">
        {timeline.entries.map((e) => (
          <li key={`${e.kind}:${e.id}`} className={`timeline__entry timeline__entry--${e.kind}`} data-testid="timeline-entry" data-kind={e.kind} data-id={e.id}>
            <EntryLine entry={e} />
            <When at={e.kind === 'call' ? e.startedAt : e.at} className="timeline__when" />
            {onOpen && e.kind === 'conversation' && e.canOpen && e.id !== currentId && (
              <button type="button" className="button button--small" onClick={() => onOpen(e)} aria-label={t('timeline.openLabel', { queue: orDash(e.queueName) })} data-testid="timeline-open">
                {t('timeline.open')}
              </button>
            )}
          </li>
        ))}
      </ol>
      {timeline.nextBefore && (
        <button type="button" className="button button--small timeline__more" onClick={state.loadMore} disabled={state.loadingMore} data-testid="timeline-more">
          {t('timeline.more')}
        </button>
      )}
    </>
  );
}
