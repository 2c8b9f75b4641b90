import { useCallback, useId, useMemo, useState, type FormEvent } from 'react';
import type { NationalLanguage } from '@domain/sms';
import type { AgentApi } from '../api/endpoints';
import type { SendInInteractionBody, Template, ThreadMessage } from '../api/types';
import { Composer } from '../compose/Composer';
import { EMPTY_COMPOSER, checkMessage, selectedTemplate, type ComposerState } from '../compose/composer-model';
import { useIdempotencyKeys } from '../compose/use-idempotency-key';
import { useDraft } from '../compose/use-draft';
import { hasUnsentText } from '../compose/drafts';
import { useWriting } from '../compose/writing-context';
import { systemValues } from '../compose/variables-model';
import { counterView } from '../counter/counter-model';
import { NO_ERRORS, withRefusal, without, type FormErrors } from '../errors/form-errors';
import { toRefusal } from '../errors/to-refusal';
import { useAsync } from '../flows/use-async';
import { formatDate } from '../i18n/format-time';
import { useI18n } from '../i18n/I18nProvider';
import { useNow } from '../i18n/use-now';
import { WritingWarnings } from '../recipient/WritingWarnings';
import { SendLater } from '../scheduled/SendLater';
import type { WritingWarning } from '../recipient/writing-warnings';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { FieldError } from '../ui/FieldError';
import { formatInZone, nextAllowedOf } from '../windows/window-times';

export interface SmartMessageFormProps {
  readonly api: AgentApi;
  readonly interactionId: string;
  readonly queueId: string | null;
  readonly queueName: string;
  readonly customerNumber: string;
  readonly fromNumber: string | null;
  readonly nationalLanguage: NationalLanguage | null;
  readonly onSent: (message: ThreadMessage) => void;
  /** What the thread shows live: true after the customer's STOP, false after START, null if neither. */
  readonly optedOutLive?: boolean | null;
}

const NO_TEMPLATES: readonly Template[] = [];

/** The message form of a progressing conversation (spec 3.2-3.4): Send asks for confirmation, then clears. */
export function SmartMessageForm(p: SmartMessageFormProps) {
  const { t, credits, lang } = useI18n();
  const { agentName } = useWriting();
  const queueFieldId = useId();
  const formErrorId = useId();
  const templates = useAsync(() => (p.queueId ? p.api.queueTemplates(p.queueId) : Promise.resolve(NO_TEMPLATES)), `templates:${p.queueId ?? ''}`);
  const available = templates.state === 'ready' ? templates.value : NO_TEMPLATES;
  const draft = useDraft({ kind: 'conversation', id: p.interactionId });
  const [composer, setComposerState] = useState<ComposerState>(draft.restored?.composer ?? EMPTY_COMPOSER);
  const [draftNote, setDraftNote] = useState(draft.restored ? t('writing.draftRestored') : '');
  const { save: saveDraft } = draft;
  const setComposer = useCallback(
    (next: ComposerState) => {
      setComposerState(next);
      saveDraft({ composer: next });
    },
    [saveDraft],
  );
  // What the Banner knows for the template's system variables; the number check also says whether the customer opted out.
  const facts = useAsync(() => p.api.checkNumber(p.customerNumber), `facts:${p.customerNumber}`);
  const check = facts.state === 'ready' && facts.value.valid ? facts.value : null;
  const today = formatDate(useNow(), lang);
  const contactName = check?.contactName ?? null;
  const system = useMemo(
    () => systemValues({ agentName, queueName: p.queueName, customerName: contactName, customerNumber: p.customerNumber, smsNumber: p.fromNumber, date: today }),
    [agentName, p.queueName, contactName, p.customerNumber, p.fromNumber, today],
  );
  const optedOut = p.optedOutLive ?? check?.optedOut ?? false;
  const warnings: WritingWarning[] = [];
  if (check?.providerConfigured === false) warnings.push({ kind: 'no-provider' });
  if (optedOut) warnings.push({ kind: 'opted-out', since: p.optedOutLive ? null : (check?.optedOutAt ?? null) });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const keys = useIdempotencyKeys();
  const view = useMemo(() => counterView(composer.text, p.nationalLanguage), [composer.text, p.nationalLanguage]);

  const ask = (e: FormEvent) => {
    e.preventDefault();
    if (sending) return;
    const local = checkMessage(composer, selectedTemplate(composer, available), p.nationalLanguage);
    if (local) {
      setErrors((errs) => withRefusal(errs, local));
      return;
    }
    setConfirming(true);
  };

  /** Send later: the same checks as Send, no confirmation (as in the Direct form): the message can still be edited or cancelled. */
  const schedule = (at: string) => {
    if (sending) return;
    const local = checkMessage(composer, selectedTemplate(composer, available), p.nationalLanguage);
    if (local) setErrors((errs) => withRefusal(errs, local));
    else void send(at, true);
  };

  const nextAllowed = errors.form?.code === 'OUTSIDE_SENDING_WINDOW' ? nextAllowedOf(errors.form.details, lang) : null;

  /** Now, or at `sendAt` (the next allowed time of the queue's sending window, or the agent's Send later), through the scheduled sends. */
  const send = async (sendAt?: string, later = false) => {
    setConfirming(false);
    const body: SendInInteractionBody = { templateId: composer.templateId, text: composer.text, ...(sendAt ? { sendAt } : {}) };
    setSending(true);
    setErrors(NO_ERRORS);
    try {
      const sent = await p.api.sendInInteraction(p.interactionId, body, { idempotencyKey: keys.keyFor(body) });
      keys.reset();
      if (sendAt) {
        // A scheduled message is not in the thread until it goes.
        setComposerState(EMPTY_COMPOSER);
        draft.clear();
        setDraftNote(t(later ? 'scheduled.laterConversation' : 'windows.scheduledHere', { time: formatInZone(new Date(sendAt), lang) }));
        return;
      }
      p.onSent({
        id: sent.messageId,
        direction: 'out',
        status: sent.status,
        from: p.fromNumber ?? '',
        to: p.customerNumber,
        body: composer.text,
        createdAt: new Date().toISOString(),
        local: true,
      });
      setComposerState(EMPTY_COMPOSER);
      draft.clear();
      setDraftNote('');
    } catch (err) {
      setErrors((errs) => withRefusal(errs, toRefusal(err)));
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="form conversation__form" onSubmit={ask} noValidate data-testid="smart-message-form">
      <div className="field">
        <label htmlFor={queueFieldId} className="field__label">
          {t('smart.queue')}
        </label>
        <input id={queueFieldId} className="input" readOnly value={p.queueName} data-testid="queue-readonly" />
        <FieldError id={`${queueFieldId}-error`} refusal={errors.queue} />
      </div>
      {templates.state === 'failed' && <FieldError id={`${queueFieldId}-templates`} refusal={templates.refusal} />}
      <WritingWarnings warnings={warnings} testId="conversation-warnings" />
      <Composer
        templates={available}
        state={composer}
        onChange={setComposer}
        view={view}
        errors={errors}
        onEdit={(field) => setErrors((errs) => without(without(errs, field), 'form'))}
        system={system}
        nationalLanguage={p.nationalLanguage}
      />
      <p className="sr-status" aria-live="polite" data-testid="draft-status">
        {draftNote}
      </p>
      <FieldError id={formErrorId} refusal={errors.form} />
      {nextAllowed && (
        <p className="form__offer">
          <button type="button" className="button" data-testid="send-at-button" disabled={sending} onClick={() => void send(nextAllowed.at)}>
            {t('windows.sendAt', { time: nextAllowed.agent })}
          </button>
        </p>
      )}
      <SendLater disabled={view.overLimit || sending} onSchedule={schedule} />
      <div className="form__actions">
        {hasUnsentText(composer) && (
          <button
            type="button"
            className="button"
            data-testid="discard-draft"
            onClick={() => {
              setComposerState(EMPTY_COMPOSER);
              draft.clear();
              setErrors(NO_ERRORS);
              setDraftNote(t('writing.draftDiscarded'));
            }}
          >
            {t('writing.discardDraft')}
          </button>
        )}
        <button type="submit" className="button button--primary" data-testid="send-button" disabled={view.overLimit} aria-disabled={sending || undefined}>
          {sending ? t('compose.sending') : t('compose.send')}
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title={t('conv.sendTitle')}
          description={t('conv.sendText', { number: p.customerNumber, credits: credits(view.segments) })}
          confirmLabel={t('conv.sendConfirm')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => void send()}
          onCancel={() => setConfirming(false)}
          testId="send-confirm-dialog"
        />
      )}
    </form>
  );
}
