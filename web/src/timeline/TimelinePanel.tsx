// Beside an open conversation: the customer's timeline across the account and their contact
// name, collapsible (a disclosure button, so it is one Tab away and says whether it is open).
import { useId, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { ContactName } from './ContactName';
import { TimelineList } from './TimelineList';
import type { ConversationEntry } from './timeline-types';
import type { TimelineState } from './use-timeline';
import './timeline.css';

export interface TimelinePanelProps {
  readonly number: string;
  readonly state: TimelineState;
  /** The conversation on screen: not offered again. */
  readonly currentId?: string;
  readonly onOpen?: (entry: ConversationEntry) => void;
}

export function TimelinePanel({ number, state, currentId, onOpen }: TimelinePanelProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  return (
    <section className="timeline-panel" aria-label={t('timeline.panel')} data-testid="timeline-panel">
      <h3 className="timeline-panel__title">
        <button type="button" className="timeline-panel__toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen((o) => !o)} data-testid="timeline-panel-toggle">
          {t('timeline.panel')}
        </button>
      </h3>
      <div id={bodyId} hidden={!open} className="timeline-panel__body">
        {open && (
          <>
            <ContactName number={number} name={state.timeline?.name ?? null} onSave={state.saveName} />
            {state.timeline?.optedOut && (
              <p className="notice notice--stop" data-testid="timeline-opted-out">
                {t('timeline.optedOut')}
              </p>
            )}
            <TimelineList state={state} {...(onOpen ? { onOpen } : {})} {...(currentId ? { currentId } : {})} />
          </>
        )}
      </div>
    </section>
  );
}
