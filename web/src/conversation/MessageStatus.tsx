import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/translate';
import type { ThreadMessage } from '../api/types';

export const STATUS_LABELS: Readonly<Record<string, MessageKey>> = {
  queued: 'status.queued',
  sending: 'status.sending',
  sent: 'status.sent',
  delivered: 'status.delivered',
  undelivered: 'status.undelivered',
  failed: 'status.failed',
  rejected: 'status.rejected',
  received: 'status.received',
};

const FAILED = new Set(['failed', 'undelivered', 'rejected']);

export function MessageStatus({ message }: { readonly message: ThreadMessage }) {
  const { t } = useI18n();
  // Under review only while not final: a late report may have settled it before the administrator did.
  const underReview = message.needsReview === true && !FAILED.has(message.status) && message.status !== 'delivered';
  const key = underReview ? 'status.underReview' : STATUS_LABELS[message.status];
  const label = key ? t(key) : message.status;
  const reason = FAILED.has(message.status) ? (message.lastError ?? message.errorCode ?? null) : null;
  return (
    <span className={`status status--${FAILED.has(message.status) ? 'failed' : message.status}`} data-testid="message-status" data-status={message.status} data-under-review={underReview || undefined}>
      {reason ? t('status.withReason', { status: label, reason }) : label}
    </span>
  );
}
