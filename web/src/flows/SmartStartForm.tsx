import { useId, useState, type FormEvent } from 'react';
import type { AgentApi } from '../api/endpoints';
import type { Queue, StartSmartBody, StartedInteraction } from '../api/types';
import { useIdempotencyKeys } from '../compose/use-idempotency-key';
import { senderText } from '../compose/sender-model';
import { WritingWarnings } from '../recipient/WritingWarnings';
import { NO_ERRORS, withRefusal, type FormErrors } from '../errors/form-errors';
import { toRefusal } from '../errors/to-refusal';
import { useI18n } from '../i18n/I18nProvider';
import type { RecipientSummary } from '../recipient/recipient-model';
import { FieldError, describedBy } from '../ui/FieldError';
import { RecipientReadOnly } from './RecipientReadOnly';
import { useAsync } from './use-async';
import { useFocusOnMount } from '../ui/use-focus-on-mount';

export interface SmartStartFormProps {
  readonly api: AgentApi;
  readonly recipient: RecipientSummary;
  readonly originCallId: string | null;
  readonly onBack: () => void;
  readonly onStarted: (started: StartedInteraction, queue: Queue) => void;
}

/** Smart SMS initiation (spec 3.1): the agent picks a distribution queue; the server opens the interaction. */
export function SmartStartForm(p: SmartStartFormProps) {
  const { t } = useI18n();
  const queues = useAsync(() => p.api.queues(), 'queues');
  if (queues.state === 'loading') return <p aria-live="polite">{t('app.loading')}</p>;
  if (queues.state === 'failed') return <FieldError id="queues-error" refusal={queues.refusal} />;
  return <SmartStartReady {...p} queues={queues.value} />;
}

function SmartStartReady({ api, recipient, originCallId, onBack, onStarted, queues }: SmartStartFormProps & { readonly queues: readonly Queue[] }) {
  const { t } = useI18n();
  const queueId = useId();
  const queueErrorId = useId();
  const queueSenderId = useId();
  const formErrorId = useId();
  const [queue, setQueue] = useState(queues.find((q) => q.configured)?.id ?? queues[0]?.id ?? '');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [starting, setStarting] = useState(false);
  const keys = useIdempotencyKeys();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const chosenQueue = queues.find((q) => q.id === queue);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const chosen = queues.find((q) => q.id === queue);
    if (starting || !chosen) return;
    const body: StartSmartBody = { recipient: recipient.e164, queueId: chosen.id, originCallId };
    setStarting(true);
    setErrors(NO_ERRORS);
    try {
      const started = await api.startSmart(body, { idempotencyKey: keys.keyFor(body) });
      keys.reset();
      onStarted(started, chosen);
    } catch (err) {
      setErrors((errs) => withRefusal(errs, toRefusal(err)));
      setStarting(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="smart-start-form">
      <h3 className="form__title" tabIndex={-1} ref={heading}>
        {t('smart.heading')}
      </h3>
      <RecipientReadOnly recipient={recipient} error={errors.recipient} />
      {queues.length === 0 ? (
        <p className="field__error" role="alert">
          {t('smart.noQueues')}
        </p>
      ) : (
        <div className="field">
          <label htmlFor={queueId} className="field__label">
            {t('smart.queue')}
          </label>
          <select
            id={queueId}
            className="input"
            data-testid="queue-select"
            value={queue}
            aria-invalid={errors.queue ? true : undefined}
            aria-describedby={describedBy(chosenQueue?.smsNumber && queueSenderId, errors.queue && queueErrorId)}
            onChange={(e) => {
              setQueue(e.target.value);
              setErrors(NO_ERRORS);
            }}
          >
            {queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.configured ? q.name : t('smart.queueNoNumber', { name: q.name })}
              </option>
            ))}
          </select>
          {chosenQueue?.smsNumber && (
            <p id={queueSenderId} className="field__help" data-testid="queue-sender">
              {t('writing.queueSender', { sender: senderText(chosenQueue.smsNumber, chosenQueue.smsNumberLabel) })}
            </p>
          )}
          <FieldError id={queueErrorId} refusal={errors.queue} />
        </div>
      )}
      <WritingWarnings warnings={chosenQueue && !chosenQueue.configured ? [{ kind: 'queue-no-number', queue: chosenQueue.name }] : []} testId="queue-warnings" />
      <FieldError id={formErrorId} refusal={errors.form} />
      <div className="form__actions">
        <button type="button" className="button" onClick={onBack}>
          {t('common.back')}
        </button>
        <button type="submit" className="button button--primary" data-testid="start-button" disabled={starting || queues.length === 0}>
          {t('smart.start')}
        </button>
      </div>
    </form>
  );
}
