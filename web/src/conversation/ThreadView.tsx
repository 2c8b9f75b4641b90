import { Fragment } from 'react';
import type { ThreadMessage } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { formatDateTime } from '../i18n/format-time';
import type { Lang } from '../i18n/lang';
import { mediaNotice } from './media-notice';
import { MessageStatus } from './MessageStatus';
import { readsAsOptOut } from '@domain/consent/free-text';
import { optOutOf } from './thread-model';
import { InReplyTo } from '../timeline/InReplyTo';

function time(iso: string, lang: Lang): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : formatDateTime(d, lang);
}

/** A reply that reads as an opt-out is flagged with a one-click opt-out while the customer is not opted out. */
export interface OptOutFlag {
  readonly optedOut: boolean;
  readonly onOptOut: (message: ThreadMessage) => void;
}

/** Outbound and inbound messages in order, with status and opt-out notices; new ones are announced politely. */
export function ThreadView({ messages, flag }: { readonly messages: readonly ThreadMessage[]; readonly flag?: OptOutFlag }) {
  const { t, lang } = useI18n();
  if (messages.length === 0) return <p className="thread__empty">{t('conv.empty')}</p>;
  return (
    <div className="thread" role="log" aria-live="polite" aria-label={t('conv.thread')} data-testid="thread">
      <ol className="thread__list">
      {messages.map((m) => {
        const optOut = optOutOf(m);
        const media = mediaNotice(m);
        const reading = flag && !flag.optedOut && m.direction === 'in' && !optOut ? readsAsOptOut(m.body) : null;
        return (
          <Fragment key={m.id}>
            {m.inReplyTo && (
              <li className="thread__reply-to">
                <InReplyTo sms={m.inReplyTo} />
              </li>
            )}
            <li className={`bubble bubble--${m.direction}`} data-testid="thread-message" data-direction={m.direction} data-message-id={m.id}>
              <p className="bubble__meta">
                <span className="bubble__who">{m.direction === 'out' ? t('conv.you') : t('conv.customer')}</span>{' '}
                <time dateTime={m.createdAt}>{time(m.createdAt, lang)}</time>
              </p>
              <p className="bubble__body">{m.body}</p>
              {media && (
                <p className="bubble__media" data-testid="media-notice">
                  {t(media.key, media.vars)}
                </p>
              )}
              {m.direction === 'out' && <MessageStatus message={m} />}
            </li>
            {reading && flag && (
              <li className="notice notice--warning" data-testid="optout-flag">
                {t('consent.flag', { phrase: reading.phrase })}{' '}
                <button type="button" className="button" onClick={() => flag.onOptOut(m)}>
                  {t('consent.flag.optOut')}
                </button>
              </li>
            )}
            {optOut && (
              <li className={`notice notice--${optOut.kind}`} data-testid="optout-notice">
                {t(optOut.kind === 'stop' ? 'optout.stop' : 'optout.start', { keyword: optOut.keyword })}
              </li>
            )}
          </Fragment>
        );
      })}
      </ol>
    </div>
  );
}
