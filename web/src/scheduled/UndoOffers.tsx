// After Send with an undo window, the message waits: this bar counts down and offers Undo (a
// button in the tab order; it does not take the focus from what the agent is typing). It follows
// the live events, so it also appears for a message sent in a conversation, and leaves when the
// message goes, is cancelled elsewhere, or is refused at its time (then the reason is told).
import { useEffect, useState } from 'react';
import { errorText } from '../errors/error-text';
import { toRefusal } from '../errors/to-refusal';
import { useI18n } from '../i18n/I18nProvider';
import type { EventBus } from '../live/event-bus';
import { useToasts } from '../ui/Toasts';
import type { ScheduledApi } from './scheduled-api';

interface Offer {
  readonly id: string;
  readonly to: string;
  readonly sendAt: number;
}

export function UndoOffers({ api, bus, onUndone }: { readonly api: ScheduledApi; readonly bus: EventBus; readonly onUndone: () => void }) {
  const { t, lang } = useI18n();
  const { notify } = useToasts();
  const [offers, setOffers] = useState<readonly Offer[]>([]);
  const [now, setNow] = useState(() => Date.now());

  useEffect(
    () =>
      bus.subscribe((e) => {
        if (!e.type.startsWith('scheduled.') || !('scheduled' in e)) return;
        const s = e.scheduled;
        if (e.type === 'scheduled.created' && s.origin === 'undo') {
          setOffers((os) => (os.some((o) => o.id === s.id) ? os : [...os, { id: s.id, to: s.to, sendAt: Date.parse(s.sendAt) }]));
          return;
        }
        if (e.type === 'scheduled.failed') notify(t('scheduled.failedToast', { number: s.to, reason: errorText({ code: s.errorCode ?? 'NOT_FOUND' }, lang) }), 'error');
        if (e.type !== 'scheduled.updated') setOffers((os) => os.filter((o) => o.id !== s.id));
      }),
    [bus, lang, notify, t],
  );

  useEffect(() => {
    if (offers.length === 0) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [offers.length]);

  const undo = async (o: Offer) => {
    try {
      await api.cancelScheduled(o.id);
      notify(t('undo.done', { number: o.to }));
      onUndone();
    } catch (e) {
      notify(errorText(toRefusal(e), lang), 'error');
    }
    setOffers((os) => os.filter((x) => x.id !== o.id));
  };

  if (offers.length === 0) return null;
  return (
    <div className="undo-offers" role="region" aria-label={t('undo.button')} data-testid="undo-offers">
      {offers.map((o) => (
        <div key={o.id} className="toast toast--info undo-offer" data-testid="undo-offer" data-id={o.id}>
          <span>{t('undo.sending', { number: o.to, seconds: Math.max(0, Math.ceil((o.sendAt - now) / 1000)) })}</span>
          <button type="button" className="button button--small button--primary" data-testid="undo-button" aria-label={t('undo.buttonLabel', { number: o.to })} onClick={() => void undo(o)}>
            {t('undo.button')}
          </button>
        </div>
      ))}
    </div>
  );
}
