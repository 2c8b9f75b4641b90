// In the New SMS dialog, as soon as the number is valid: its contact name (editable), who holds
// an open conversation with it, the last Direct SMS sent to it and its status, and the full
// timeline behind a disclosure button.
import { useId, useState } from 'react';
import type { AgentApi } from '../api/endpoints';
import { useI18n } from '../i18n/I18nProvider';
import { When } from '../i18n/When';
import { ContactName } from './ContactName';
import { TimelineList, useStatusLabel } from './TimelineList';
import { orDash, summarize } from './timeline-model';
import { useTimeline } from './use-timeline';
import './timeline.css';

export function TimelineSummary({ api, number }: { readonly api: AgentApi; readonly number: string }) {
  const { t } = useI18n();
  const statusLabel = useStatusLabel();
  const state = useTimeline(api, number);
  const [showAll, setShowAll] = useState(false);
  const listId = useId();
  const headingId = useId();
  const { timeline } = state;
  const summary = timeline ? summarize(timeline) : null;
  return (
    <section className="timeline-summary" aria-labelledby={headingId} data-testid="timeline-summary">
      <h3 id={headingId} className="timeline-summary__title">
        {t('timeline.about')}
      </h3>
      {!timeline || !summary ? (
        <TimelineList state={state} />
      ) : (
        <>
          <ContactName number={timeline.number} name={timeline.name} onSave={state.saveName} />
          <p className="timeline-summary__line" data-testid="timeline-holder">
            {summary.holder === null
              ? t('timeline.holder.none')
              : summary.holder.state === 'waiting'
                ? t('timeline.holder.waiting', { queue: orDash(summary.holder.queueName) })
                : summary.holder.mine
                  ? t('timeline.holder.mine', { queue: orDash(summary.holder.queueName) })
                  : t('timeline.holder.agent', { queue: orDash(summary.holder.queueName), agent: summary.holder.agentName ?? t('timeline.someone') })}
          </p>
          <p className="timeline-summary__line" data-testid="timeline-last-direct">
            {summary.lastDirect === null ? (
              t('timeline.noDirect')
            ) : (
              <>
                {t('timeline.lastDirect')} <When at={summary.lastDirect.at} />, <span data-status={summary.lastDirect.status}>{statusLabel(summary.lastDirect.status).toLowerCase()}</span>
              </>
            )}
          </p>
          <button type="button" className="button button--link" aria-expanded={showAll} aria-controls={listId} onClick={() => setShowAll((s) => !s)} data-testid="timeline-toggle">
            {t(showAll ? 'timeline.hide' : 'timeline.show')}
          </button>
          <div id={listId} hidden={!showAll}>
            {showAll && <TimelineList state={state} />}
          </div>
        </>
      )}
    </section>
  );
}
