import { useId, useMemo, useState, type FormEvent } from 'react';
import type { NationalLanguage } from '@domain/sms';
import type { AgentApi } from '../api/endpoints';
import type { SendInInteractionBody, Template, ThreadMessage } from '../api/types';
import { Composer } from '../compose/Composer';
import { EMPTY_COMPOSER, checkMessage, selectedTemplate, type ComposerState } from '../compose/composer-model';
import { useIdempotencyKeys } from '../compose/use-idempotency-key';
import { counterView } from '../counter/counter-model';
import { NO_ERRORS, withRefusal, without, type FormErrors } from '../errors/form-errors';
import { toRefusal } from '../errors/to-refusal';
import { useAsync } from '../flows/use-async';
import { useI18n } from '../i18n/I18nProvider';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { FieldError } from '../ui/FieldError';

export interface SmartMessageFormProps {
  readonly api: AgentApi;
  readonly interactionId: string;
  readonly queueId: string | null;
  readonly queueName: string;
  readonly customerNumber: string;
  readonly fromNumber: string | null;
  readonly nationalLanguage: NationalLanguage | null;
  readonly onSent: (message: ThreadMessage) => void;
}

const NO_TEMPLATES: readonly Template[] = [];

/** The message form of a progressing conversation (spec 3.2-3.4): Send asks for confirmation, then clears. */
export function SmartMessageForm(p: SmartMessageFormProps) {
  const { t, credits } = useI18n();
  const queueFieldId = useId();
  const formErrorId = useId();
  const templates = useAsync(() => (p.queueId ? p.api.queueTemplates(p.queueId) : Promise.resolve(NO_TEMPLATES)), `templates:${p.queueId ?? ''}`);
  const available = templates.state === 'ready' ? templates.value : NO_TEMPLATES;
  const [composer, setComposer] = useState<ComposerState>(EMPTY_COMPOSER);
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

  const send = async () => {
    setConfirming(false);
    const body: SendInInteractionBody = { templateId: composer.templateId, text: composer.text };
    setSending(true);
    setErrors(NO_ERRORS);
    try {
      const sent = await p.api.sendInInteraction(p.interactionId, body, { idempotencyKey: keys.keyFor(body) });
      keys.reset();
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
      setComposer(EMPTY_COMPOSER);
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
      <Composer
        templates={available}
        state={composer}
        onChange={setComposer}
        view={view}
        errors={errors}
        onEdit={(field) => setErrors((errs) => without(without(errs, field), 'form'))}
      />
      <FieldError id={formErrorId} refusal={errors.form} />
      <div className="form__actions">
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
