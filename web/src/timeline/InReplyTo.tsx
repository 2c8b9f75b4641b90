// Above a customer's reply to a Direct SMS: that SMS, who sent it and when.
import { useI18n } from '../i18n/I18nProvider';
import { When } from '../i18n/When';
import type { RepliedDirectSms } from './timeline-types';
import './timeline.css';

export function InReplyTo({ sms }: { readonly sms: RepliedDirectSms }) {
  const { t } = useI18n();
  return (
    <blockquote className="in-reply-to" data-testid="in-reply-to" data-message-id={sms.id}>
      <p className="in-reply-to__meta">
        {t('timeline.inReplyTo', { agent: sms.agentName ?? t('timeline.someone') })} <When at={sms.createdAt} />
      </p>
      {sms.body !== null && <p className="in-reply-to__body">{sms.body}</p>}
    </blockquote>
  );
}
