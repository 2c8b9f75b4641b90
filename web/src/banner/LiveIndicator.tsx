import type { StreamStatus } from '../live/event-stream';
import { useI18n } from '../i18n/I18nProvider';

/** Whether replies and statuses arrive live; announced when it changes. */
export function LiveIndicator({ status }: { readonly status: StreamStatus }) {
  const { t } = useI18n();
  const label = status === 'online' ? t('live.online') : status === 'connecting' ? t('live.connecting') : t('live.offline');
  return (
    <p className={`live live--${status}`} role="status" data-testid="live-indicator" data-status={status}>
      <span className="live__dot" aria-hidden="true" />
      {label}
    </p>
  );
}
