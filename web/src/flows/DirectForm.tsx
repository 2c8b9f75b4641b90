import { useId, useMemo, useState, type FormEvent } from 'react';
import { canReceiveReplies, senderText } from '../compose/sender-model';
import { systemValues } from '../compose/variables-model';
import { useWriting } from '../compose/writing-context';
import { formatDate } from '../i18n/format-time';
import { useNow } from '../i18n/use-now';
import type { AgentApi } from '../api/endpoints';
import type { DirectOptions, SendDirectBody } from '../api/types';
import { Composer } from '../compose/Composer';
import { checkMessage, selectedTemplate, type ComposerState } from '../compose/composer-model';
import { useIdempotencyKeys } from '../compose/use-idempotency-key';
import { counterView } from '../counter/counter-model';
import { NO_ERRORS, withRefusal, without, type FormErrors } from '../errors/form-errors';
import { toRefusal } from '../errors/to-refusal';
import { useI18n } from '../i18n/I18nProvider';
import type { RecipientSummary } from '../recipient/recipient-model';
import { FieldError, describedBy } from '../ui/FieldError';
import { RecipientReadOnly } from './RecipientReadOnly';
import { useAsync } from './use-async';
import { useFocusOnMount } from '../ui/use-focus-on-mount';
import { nextAllowedOf } from '../windows/window-times';
import { SendLater } from '../scheduled/SendLater';

export interface DirectFormProps {
  readonly api: AgentApi;
  readonly recipient: RecipientSummary;
  readonly originCallId: string | null;
  readonly onBack: () => void;
  /** `scheduledFor`: the message was scheduled for that instant (ISO 8601) rather than sent now. */
  readonly onSent: (to: string, scheduledFor?: string) => void;
  /** The message, kept by the dialog so Back and a reopened dialog (its draft) keep it. */
  readonly composer: ComposerState;
  readonly onComposerChange: (composer: ComposerState) => void;
  /** The account's name for the recipient's number: fills `$customer_name`. */
  readonly contactName?: string | null;
}

/** Direct SMS (spec 2): a one-off send; on success the form closes with a notification. */
export function DirectForm(p: DirectFormProps) {
  const options = useAsync(() => p.api.directOptions(), 'direct-options');
  if (options.state === 'loading') return <LoadingText />;
  if (options.state === 'failed') return <FieldError id="direct-options-error" refusal={options.refusal} />;
  return <DirectFormReady {...p} options={options.value} />;
}

function LoadingText() {
  const { t } = useI18n();
  return <p aria-live="polite">{t('app.loading')}</p>;
}

function DirectFormReady({ api, recipient, originCallId, onBack, onSent, options, composer, onComposerChange: setComposer, contactName = null }: DirectFormProps & { readonly options: DirectOptions }) {
  const { t, lang } = useI18n();
  const { agentName } = useWriting();
  const senderId = useId();
  const senderNoteId = useId();
  const senderErrorId = useId();
  const formErrorId = useId();
  const [sender, setSender] = useState(options.senders[0]?.id ?? '');
  const [errors, setErrors] = useState<FormErrors>(options.senders.length === 0 ? { sender: { code: 'NO_SENDER_NUMBER' } } : NO_ERRORS);
  const [sending, setSending] = useState(false);
  const keys = useIdempotencyKeys();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const chosenSender = options.senders.find((s) => s.id === sender);
  const nationalLanguage = chosenSender?.nationalLanguage ?? null;
  const noReply = chosenSender !== undefined && !canReceiveReplies(chosenSender.address);
  const today = formatDate(useNow(), lang);
  const smsNumber = chosenSender?.address ?? null;
  const system = useMemo(
    () => systemValues({ agentName, customerName: contactName, customerNumber: recipient.e164, smsNumber, date: today }),
    [agentName, contactName, recipient.e164, smsNumber, today],
  );
  const view = useMemo(() => counterView(composer.text, nationalLanguage), [composer.text, nationalLanguage]);
  const nextAllowed = errors.form?.code === 'OUTSIDE_SENDING_WINDOW' ? nextAllowedOf(errors.form.details, lang) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send();
  };

  /** Now, or at `sendAt` (the next allowed time of a sending window, through the scheduled sends). */
  const send = async (sendAt?: string) => {
    if (sending) return;
    const template = selectedTemplate(composer, options.templates);
    const local = checkMessage(composer, template, nationalLanguage);
    if (local) {
      setErrors((errs) => withRefusal(errs, local));
      return;
    }
    const body: SendDirectBody = { recipient: recipient.e164, senderId: sender, templateId: composer.templateId, text: composer.text, originCallId, ...(sendAt ? { sendAt } : {}) };
    setSending(true);
    setErrors(NO_ERRORS);
    try {
      await api.sendDirect(body, { idempotencyKey: keys.keyFor(body) });
      keys.reset();
      onSent(recipient.e164, sendAt);
    } catch (err) {
      setErrors((errs) => withRefusal(errs, toRefusal(err)));
      setSending(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="direct-form" aria-describedby={describedBy(errors.form && formErrorId)}>
      <h3 className="form__title" tabIndex={-1} ref={heading}>
        {t('direct.heading')}
      </h3>
      <RecipientReadOnly recipient={recipient} error={errors.recipient} />
      <div className="field">
        <label htmlFor={senderId} className="field__label">
          {t('direct.sender')}
        </label>
        <select
          id={senderId}
          className="input"
          data-testid="sender-select"
          value={sender}
          aria-invalid={errors.sender ? true : undefined}
          aria-describedby={describedBy(noReply && senderNoteId, errors.sender && senderErrorId)}
          onChange={(e) => {
            setSender(e.target.value);
            setErrors((errs) => without(errs, 'sender'));
          }}
        >
          {options.senders.map((s) => (
            <option key={s.id} value={s.id}>
              {senderText(s.address, s.label)}
            </option>
          ))}
        </select>
        {noReply && (
          <p id={senderNoteId} className="field__help" data-testid="sender-no-reply">
            {t('writing.sender.noReply')}
          </p>
        )}
        <FieldError id={senderErrorId} refusal={errors.sender} />
      </div>
      <Composer
        templates={options.templates}
        state={composer}
        onChange={setComposer}
        view={view}
        errors={errors}
        onEdit={(field) => setErrors((errs) => without(without(errs, field), 'form'))}
        system={system}
        nationalLanguage={nationalLanguage}
      />
      <FieldError id={formErrorId} refusal={errors.form} />
      {nextAllowed && (
        <p className="form__offer">
          <button type="button" className="button" data-testid="send-at-button" disabled={sending} onClick={() => void send(nextAllowed.at)}>
            {t('windows.sendAt', { time: nextAllowed.agent })}
          </button>
        </p>
      )}
      <SendLater disabled={view.overLimit || sending} onSchedule={(at) => void send(at)} />
      <div className="form__actions">
        <button type="button" className="button" onClick={onBack}>
          {t('common.back')}
        </button>
        <button type="submit" className="button button--primary" data-testid="send-button" disabled={view.overLimit || sending}>
          {sending ? t('compose.sending') : t('compose.send')}
        </button>
      </div>
    </form>
  );
}
