import type { ReactNode } from 'react';
import type { Call, Interaction, Queue } from '../api/types';
import { AttentionSettings } from '../attention/AttentionSettings';
import type { Attention } from '../attention/use-attention';
import { unreadLabel } from '../attention/unread-model';
import '../attention/attention.css';
import { formatDateTime, formatDuration, formatRelative, formatTime } from '../i18n/format-time';
import { useI18n } from '../i18n/I18nProvider';
import { useNow } from '../i18n/use-now';

export interface InteractionListsProps {
  readonly open: readonly Interaction[];
  readonly waiting: readonly Interaction[];
  readonly closed: readonly Interaction[];
  readonly calls: readonly Call[];
  readonly queues: readonly Queue[];
  readonly selectedId: string | null;
  readonly smsOffered: boolean;
  readonly onSelect: (i: Interaction) => void;
  readonly onTake: (i: Interaction) => void;
  readonly onSmsFromCall: (c: Call) => void;
  /** Unread counts and the announcement settings. */
  readonly attention: Attention;
}

const CLOSED_SHOWN = 10;

export function queueName(queues: readonly Queue[], id: string | null): string {
  return queues.find((q) => q.id === id)?.name ?? '';
}

function Section({ title, testId, empty, children }: { readonly title: string; readonly testId: string; readonly empty: string | null; readonly children: ReactNode }) {
  return (
    <section className="list" data-testid={testId} aria-label={title}>
      <h2 className="list__title">{title}</h2>
      {empty ? <p className="list__empty">{empty}</p> : <ul className="list__items">{children}</ul>}
    </section>
  );
}

/**
 * What a row says about a conversation: who (the contact's name, else the number; the number
 * stays below a name), how many of the customer's messages are unread (a badge, and words for
 * screen readers), the last message and when, and how long a waiting one has waited.
 */
function Summary({ i, unread, queue, now }: { readonly i: Interaction; readonly unread: number; readonly queue: string; readonly now: Date }) {
  const { t, lang } = useI18n();
  const last = i.lastMessage ?? null;
  const at = last ? new Date(last.at) : null;
  const sub = [i.customerName ? i.customerNumber : null, queue].filter(Boolean).join(' · ');
  return (
    <>
      <span className="list__line">
        <span className="list__number">{i.customerName ?? i.customerNumber}</span>
        {unread > 0 && (
          <span className="list__badge" aria-hidden="true" data-testid="unread-badge">
            {unreadLabel(unread)}
          </span>
        )}
        {at && (
          <time className="list__time" dateTime={at.toISOString()} title={formatDateTime(at, lang)}>
            {formatRelative(at, now, lang)}
          </time>
        )}
      </span>
      {unread > 0 && <span className="visually-hidden">, {t('attention.unread', { count: unreadLabel(unread) })}, </span>}
      <span className="list__preview" data-testid="list-preview">
        {last ? (last.direction === 'out' ? t('attention.you', { text: last.preview }) : last.preview) : t('attention.noMessage')}
      </span>
      {sub && <span className="list__sub">{sub}</span>}
      {i.status === 'waiting' && (
        <span className="list__waited" data-testid="waited">
          {t('attention.waitingFor', { duration: formatDuration(now.getTime() - new Date(i.createdAt).getTime(), lang) })}
        </span>
      )}
    </>
  );
}

/** Open interactions, the waiting ones of the agent's queues (Take), active voice calls (SMS). */
export function InteractionLists(p: InteractionListsProps) {
  const { t, lang } = useI18n();
  const now = useNow();
  const since = (iso: string) => formatTime(new Date(iso), lang);
  const unreadOf = p.attention.unreadOf;
  const rowClass = (unread: number) => (unread > 0 ? 'list__main list__main--unread' : 'list__main');
  return (
    <nav className="lists" aria-label={t('lists.label')}>
      <Section title={t('lists.open')} testId="list-open" empty={p.open.length === 0 ? t('lists.emptyOpen') : null}>
        {p.open.map((i) => (
          <li key={i.id} className="list__item" data-testid="list-row" data-id={i.id} data-unread={unreadOf(i)}>
            <button
              type="button"
              className={rowClass(unreadOf(i))}
              aria-current={p.selectedId === i.id ? 'true' : undefined}
              onClick={() => p.onSelect(i)}
            >
              <span className="visually-hidden">{t('lists.open')}: </span>
              <Summary i={i} unread={unreadOf(i)} queue={queueName(p.queues, i.queueId)} now={now} />
            </button>
          </li>
        ))}
      </Section>
      <Section title={t('lists.waiting')} testId="list-waiting" empty={p.waiting.length === 0 ? t('lists.emptyWaiting') : null}>
        {p.waiting.map((i) => (
          <li key={i.id} className="list__item" data-testid="list-row" data-id={i.id} data-unread={unreadOf(i)}>
            <span className={`${rowClass(unreadOf(i))} list__main--static`}>
              <Summary i={i} unread={unreadOf(i)} queue={queueName(p.queues, i.queueId)} now={now} />
            </span>
            <button type="button" className="button button--small" aria-label={i.customerName ? t('timeline.viewLabelNamed', { name: i.customerName, number: i.customerNumber }) : t('lists.viewLabel', { number: i.customerNumber })} onClick={() => p.onSelect(i)}>
              {t('lists.view')}
            </button>
            <button type="button" className="button button--small button--primary" data-testid="take" aria-label={i.customerName ? t('timeline.takeLabelNamed', { name: i.customerName, number: i.customerNumber }) : t('lists.takeLabel', { number: i.customerNumber })} onClick={() => p.onTake(i)}>
              {t('lists.take')}
            </button>
          </li>
        ))}
      </Section>
      <Section title={t('lists.calls')} testId="list-calls" empty={p.calls.length === 0 ? t('lists.emptyCalls') : null}>
        {p.calls.map((c) => (
          <li key={c.id} className="list__item">
            <span className="list__main list__main--static" data-testid="call-row">
              <span className="list__number">{c.customerName ?? c.customerNumber}</span>
              <span className="list__sub">{[c.customerName ? c.customerNumber : null, t('lists.since', { time: since(c.startedAt) })].filter(Boolean).join(' · ')}</span>
            </span>
            {p.smsOffered && (
              <button type="button" className="button button--small" data-testid="call-sms" aria-label={t('lists.callSmsLabel', { number: c.customerNumber })} onClick={() => p.onSmsFromCall(c)}>
                {t('lists.callSms')}
              </button>
            )}
          </li>
        ))}
      </Section>
      {p.closed.length > 0 && (
        <Section title={t('lists.closed')} testId="list-closed" empty={null}>
          {p.closed.slice(0, CLOSED_SHOWN).map((i) => (
            <li key={i.id} className="list__item" data-testid="list-row" data-id={i.id} data-unread={unreadOf(i)}>
              <button
                type="button"
                className={rowClass(unreadOf(i))}
                aria-current={p.selectedId === i.id ? 'true' : undefined}
                onClick={() => p.onSelect(i)}
              >
                <span className="visually-hidden">{t('lists.closed')}: </span>
                <Summary i={i} unread={unreadOf(i)} queue={queueName(p.queues, i.queueId)} now={now} />
              </button>
            </li>
          ))}
        </Section>
      )}
      <AttentionSettings attention={p.attention} />
    </nav>
  );
}
