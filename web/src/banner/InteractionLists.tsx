import type { ReactNode } from 'react';
import type { Call, Interaction, Queue } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { formatTime } from '../i18n/format-time';

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

/** Open interactions, the waiting ones of the agent's queues (Take), active voice calls (SMS). */
export function InteractionLists(p: InteractionListsProps) {
  const { t, lang } = useI18n();
  const since = (iso: string) => formatTime(new Date(iso), lang);
  return (
    <nav className="lists" aria-label={t('lists.label')}>
      <Section title={t('lists.open')} testId="list-open" empty={p.open.length === 0 ? t('lists.emptyOpen') : null}>
        {p.open.map((i) => (
          <li key={i.id} className="list__item">
            <button
              type="button"
              className="list__main"
              aria-current={p.selectedId === i.id ? 'true' : undefined}
              onClick={() => p.onSelect(i)}
            >
              <span className="visually-hidden">{t('lists.open')}: </span>
              <span className="list__number">{i.customerNumber}</span>
              <span className="list__sub">{queueName(p.queues, i.queueId)}</span>
            </button>
          </li>
        ))}
      </Section>
      <Section title={t('lists.waiting')} testId="list-waiting" empty={p.waiting.length === 0 ? t('lists.emptyWaiting') : null}>
        {p.waiting.map((i) => (
          <li key={i.id} className="list__item">
            <span className="list__main list__main--static">
              <span className="list__number">{i.customerNumber}</span>
              <span className="list__sub">{queueName(p.queues, i.queueId)}</span>
            </span>
            <button type="button" className="button button--small" aria-label={t('lists.viewLabel', { number: i.customerNumber })} onClick={() => p.onSelect(i)}>
              {t('lists.view')}
            </button>
            <button type="button" className="button button--small button--primary" data-testid="take" aria-label={t('lists.takeLabel', { number: i.customerNumber })} onClick={() => p.onTake(i)}>
              {t('lists.take')}
            </button>
          </li>
        ))}
      </Section>
      <Section title={t('lists.calls')} testId="list-calls" empty={p.calls.length === 0 ? t('lists.emptyCalls') : null}>
        {p.calls.map((c) => (
          <li key={c.id} className="list__item">
            <span className="list__main list__main--static">
              <span className="list__number">{c.customerNumber}</span>
              <span className="list__sub">{t('lists.since', { time: since(c.startedAt) })}</span>
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
            <li key={i.id} className="list__item">
              <button
                type="button"
                className="list__main"
                aria-current={p.selectedId === i.id ? 'true' : undefined}
                  onClick={() => p.onSelect(i)}
              >
                <span className="visually-hidden">{t('lists.closed')}: </span>
                <span className="list__number">{i.customerNumber}</span>
                <span className="list__sub">{queueName(p.queues, i.queueId)}</span>
              </button>
            </li>
          ))}
        </Section>
      )}
    </nav>
  );
}
