// The two addresses to paste into the provider's console, each with a Copy button: read-only fields, so they can
// also be selected by hand.
import { useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/translate';
import type { ProviderView } from '../admin-types';

export interface WebhookAddressesProps {
  readonly webhooks: ProviderView['webhooks'];
  readonly type: string | null;
  /** The type was changed and not saved yet: the addresses shown are the saved type's. */
  readonly stale: boolean;
}

export function WebhookAddresses({ webhooks, type, stale }: WebhookAddressesProps) {
  const { t } = useI18n();
  return (
    <section className="admin-panel" aria-labelledby="admin-webhooks-heading">
      <h3 id="admin-webhooks-heading">{t('admin.provider.webhooks')}</h3>
      {webhooks === null ? (
        <p>{type === null ? t('admin.provider.webhooksNone') : t('admin.provider.webhooksNotUsed')}</p>
      ) : (
        <>
          <p className="field__help">{t('admin.provider.webhooksHelp')}</p>
          {stale && <p className="admin__note">{t('admin.provider.webhooksStale')}</p>}
          <CopyField label="admin.provider.webhookStatus" value={webhooks.status} />
          <CopyField label="admin.provider.webhookInbound" value={webhooks.inbound} />
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
