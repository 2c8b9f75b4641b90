import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { EMPTY_COMPOSER, type ComposerState } from '../compose/composer-model';
import { hasUnsentText } from '../compose/drafts';
import { useDraft } from '../compose/use-draft';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { WritingWarnings } from '../recipient/WritingWarnings';
import { writingWarnings } from '../recipient/writing-warnings';
import type { AgentApi } from '../api/endpoints';
import type { Me, Queue, StartedInteraction } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { RecipientField } from '../recipient/RecipientField';
import type { RecipientSummary } from '../recipient/recipient-model';
import { useRecipientCheck } from '../recipient/use-recipient-check';
import { Dialog } from '../ui/Dialog';
import { DirectForm } from './DirectForm';
import { SmartStartForm } from './SmartStartForm';
import { TimelineSummary } from '../timeline/TimelineSummary';
import { routingFor, type SmsMode } from './routing';

export interface NewSmsRequest {
  /** Pre-filled from an active voice call (spec 4); '' from New. */
  readonly number: string;
  readonly callId: string | null;
}

export interface NewSmsDialogProps {
  readonly api: AgentApi;
  readonly me: Me;
  readonly request: NewSmsRequest;
  readonly onClose: () => void;
  /** `name` is the contact's name when the number has one, so the confirmation can say who. */
  readonly onDirectSent: (to: string, name: string | null, scheduledFor?: string) => void;
  readonly onSmartStarted: (started: StartedInteraction, queue: Queue, name: string | null) => void;
  readonly returnFocusTo?: RefObject<HTMLElement | null>;
}

/** New → SMS (spec 1): the recipient, checked as typed, then the form the agent's permissions lead to. */
export function NewSmsDialog({ api, me, request, onClose, onDirectSent, onSmartStarted, returnFocusTo }: NewSmsDialogProps) {
  const { t } = useI18n();
  // The dialog's draft comes back when it opens from New, or for the same number from a call.
  const draft = useDraft({ kind: 'new-sms' });
  const restore = draft.restored && (request.number === '' || request.number === draft.restored.number) ? draft.restored : null;
  const [input, setInputState] = useState(restore?.number ?? request.number);
  // The mode the agent picked; its form shows once the number is valid (the server may still be checking it).
  // Not restored: a reopened dialog shows the number first, then the chosen form finds the text.
  const [chosen, setChosen] = useState<SmsMode | null>(null);
  const [composer, setComposerState] = useState<ComposerState>(restore?.composer ?? EMPTY_COMPOSER);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const saved = useRef({ number: input, composer });
  const remember = (next: Partial<{ number: string; composer: ComposerState }>) => {
    saved.current = { ...saved.current, ...next };
    draft.save(saved.current);
  };
  const setInput = (number: string) => {
    setInputState(number);
    remember({ number });
  };
  const setComposer = (next: ComposerState) => {
    setComposerState(next);
    remember({ composer: next });
  };
  // Esc, Cancel: unsent text is not thrown away without asking; without text the dialog closes as before.
  const requestClose = () => {
    if (hasUnsentText(saved.current.composer)) setConfirmDiscard(true);
    else {
      draft.clear();
      onClose();
    }
  };
  const discard = () => {
    draft.clear();
    setConfirmDiscard(false);
    onClose();
  };
  const [showEmpty, setShowEmpty] = useState(false);
  const status = useRecipientCheck(api, input, me.agent.authorizedCountries);
  const routing = routingFor(me.modes);
  const form: { mode: SmsMode; recipient: RecipientSummary } | null = chosen !== null && status.state === 'valid' ? { mode: chosen, recipient: status.recipient } : null;
  const facts = status.state === 'valid' ? status.facts : undefined;
  const warnings = writingWarnings({
    facts,
    providerConfigured: me.providerConfigured,
    load: me.agent.load,
    smartOffered: routing.kind === 'choose' ? routing.modes.includes('smart') : routing.kind === 'direct-to' && routing.mode === 'smart',
    mode: form?.mode ?? null,
  });

  const choose = (mode: SmsMode) => {
    if (status.state === 'empty') setShowEmpty(true);
    else setChosen(mode);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Enter in the number field goes on only when there is no choice to make.
    if (routing.kind === 'direct-to') choose(routing.mode);
  };

  return (
    <>
      <Dialog title={t('newSms.title')} onClose={requestClose} className="dialog--wide" testId="new-sms-dialog" returnFocusTo={returnFocusTo}>
        {/* Under the number while it is typed (the field does not move), above the form once one is chosen. */}
        {form !== null && <WritingWarnings warnings={warnings} />}
        {form === null ? (
          <form className="form" onSubmit={submit} noValidate>
            <RecipientField
              value={input}
              onChange={(v) => {
                setInput(v);
                setChosen(null);
                setShowEmpty(false);
              }}
              status={status}
              showEmpty={showEmpty}
            />
            <WritingWarnings warnings={warnings} />
            {status.state === 'valid' && <TimelineSummary api={api} number={status.recipient.e164} />}
            {routing.kind === 'choose' && (
              <div role="group" aria-labelledby="routing-legend" className="routing" data-testid="routing-selector">
                <p id="routing-legend" className="field__label">
                  {t('routing.legend')}
                </p>
                {routing.modes.map((mode) => (
                  <button key={mode} type="button" className="button routing__choice" data-testid={`routing-${mode}`} aria-describedby={`routing-${mode}-help`} onClick={() => choose(mode)}>
                    <span className="routing__name">{t(mode === 'direct' ? 'routing.direct' : 'routing.smart')}</span>
                    <span id={`routing-${mode}-help`} className="routing__help">
                      {t(mode === 'direct' ? 'routing.directHelp' : 'routing.smartHelp')}
                    </span>
                  </button>
                ))}
              </div>
            )}
            <div className="form__actions">
              <button type="button" className="button" onClick={requestClose}>
                {t('common.cancel')}
              </button>
              {routing.kind === 'direct-to' && (
                <button type="submit" className="button button--primary" data-testid="continue-button">
                  {t('common.continue')}
                </button>
              )}
            </div>
          </form>
        ) : form.mode === 'direct' ? (
          <DirectForm
            api={api}
            recipient={form.recipient}
            originCallId={request.callId}
            onBack={() => setChosen(null)}
            onSent={(to, scheduledFor) => {
              draft.clear();
              onDirectSent(to, facts?.contactName ?? null, scheduledFor);
            }}
            composer={composer}
            onComposerChange={setComposer}
            contactName={facts?.contactName ?? null}
          />
        ) : (
          <SmartStartForm
            api={api}
            recipient={form.recipient}
            originCallId={request.callId}
            onBack={() => setChosen(null)}
            onStarted={(started, queue) => {
              draft.clear();
              onSmartStarted(started, queue, facts?.contactName ?? null);
            }}
          />
        )}
      </Dialog>
      {/* Beside the dialog, not inside it: its Escape must close the question only. */}
      {confirmDiscard && (
        <ConfirmDialog
          title={t('writing.discardTitle')}
          description={t('writing.discardText')}
          confirmLabel={t('writing.discardConfirm')}
          cancelLabel={t('writing.keepWriting')}
          onConfirm={discard}
          onCancel={() => setConfirmDiscard(false)}
          testId="discard-confirm-dialog"
        />
      )}
    </>
  );
}
