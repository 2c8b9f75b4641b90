// The two addresses to paste into the provider's console, each with a Copy button: read-only fields, so they can
// also be selected by hand. Each ends with the account's secret token; changing it asks for confirmation first,
// because the provider's console must then be updated (the previous addresses keep working for 24 hours).
import { useEffect, useId, useRef, useState } from 'react';
import type { Refusal } from '../../errors/error-text';
import { toRefusal } from '../../errors/to-refusal';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/translate';
import { AdminFieldError } from '../AdminFieldError';
import type { ProviderView } from '../admin-types';
import { formatDateTime } from './format-date';

export interface WebhookAddressesProps {
  readonly webhooks: ProviderView['webhooks'];
  readonly type: string | null;
  /** The type was changed and not saved yet: the addresses shown are the saved type's. */
  readonly stale: boolean;
  /** Vonage without a signature secret: only the token authenticates its webhooks. */
  readonly unsigned: boolean;
  /** Replaces the token; resolves once the new addresses are shown. */
  readonly onRotate: () => Promise<void>;
}

export function WebhookAddresses({ webhooks, type, stale, unsigned, onRotate }: WebhookAddressesProps) {
  const { t, lang } = useI18n();
  const warningId = useId();
  const errorId = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [rotated, setRotated] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);

  // The warning must be read before anything else: focus goes to its safe answer.
  useEffect(() => {
    if (confirming) keep.current?.focus();
  }, [confirming]);

  const cancel = () => {
    setConfirming(false);
    start.current?.focus();
  };

  const rotate = async () => {
    if (busy) return;
    setBusy(true);
    setRefusal(null);
    try {
      await onRotate();
      setRotated(true);
      setConfirming(false);
    } catch (err) {
      setRefusal(toRefusal(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="admin-panel" aria-labelledby="admin-webhooks-heading">
      <h3 id="admin-webhooks-heading">{t('admin.provider.webhooks')}</h3>
      {webhooks === null ? (
        <p>{type === null ? t('admin.provider.webhooksNone') : t('admin.provider.webhooksNotUsed')}</p>
      ) : (
        <>
          <p className="field__help">{t('admin.provider.webhooksHelp')}</p>
          <p className="field__help">{t('admin.provider.webhooksSecret')}</p>
          {stale && <p className="admin__note">{t('admin.provider.webhooksStale')}</p>}
          {unsigned && (
            <p className="admin__note" data-testid="webhook-unsigned">
              {t('admin.provider.vonageUnsigned')}
            </p>
          )}
          <CopyField label="admin.provider.webhookStatus" value={webhooks.status} />
          <CopyField label="admin.provider.webhookInbound" value={webhooks.inbound} />
          {webhooks.previousAcceptedUntil !== null && (
            <p className="field__help" data-testid="webhook-previous-until">
              {t('admin.provider.previousUntil', { when: formatDateTime(webhooks.previousAcceptedUntil, lang) })}
            </p>
          )}
          {confirming ? (
            <div role="group" aria-labelledby={warningId} className="admin-form__group">
              <p id={warningId} className="admin__note">
                {t('admin.provider.rotateWarning')}
              </p>
              <div className="form__actions form__actions--start">
                <button ref={keep} type="button" className="button" onClick={cancel}>
                  {t('admin.provider.rotateCancel')}
                </button>
                <button type="button" className="button button--primary" aria-disabled={busy || undefined} aria-describedby={refusal ? errorId : undefined} onClick={() => void rotate()}>
                  {busy ? t('admin.provider.rotating') : t('admin.provider.rotateConfirm')}
                </button>
              </div>
              <AdminFieldError id={errorId} refusal={refusal} />
            </div>
          ) : (
            <div className="form__actions form__actions--start">
              <button
                ref={start}
                type="button"
                className="button"
                onClick={() => {
                  setRotated(false);
                  setConfirming(true);
                }}
              >
                {t('admin.provider.rotate')}
              </button>
            </div>
          )}
          <p role="status" className="admin__status sr-status" data-testid="webhook-rotate-status">
            {rotated ? t('admin.provider.rotated') : ''}
          </p>
        </>
      )}
    </section>
  );
}

function CopyField({ label, value }: { readonly label: MessageKey; readonly value: string }) {
  const { t } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'select' | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // No clipboard (plain http, permission refused): the address is selected for Ctrl+C.
      input.current?.focus();
      input.current?.select();
      setCopied('select');
    }
  };

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {t(label)}
      </label>
      <div className="copy-field">
        <input id={id} ref={input} className="input copy-field__value" readOnly value={value} onFocus={(e) => e.target.select()} data-testid="webhook-address" />
        <button type="button" className="button" onClick={() => void copy()} aria-label={t('admin.provider.copyLabel', { what: t(label) })}>
          {t('admin.provider.copy')}
        </button>
      </div>
      <p role="status" className="field__status field__status--valid sr-status">
        {copied === 'yes' ? t('admin.provider.copied') : copied === 'select' ? t('admin.provider.selected') : ''}
      </p>
    </div>
  );
}
