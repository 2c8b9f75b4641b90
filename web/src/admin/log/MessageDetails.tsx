// One message opened from the log: what it is, its plain reason with the provider's code and what
// to do, its status history with times, its credits, its parts and its conversation's transcript.
import { useEffect, useId, useRef } from 'react';
import { formatDateTime } from '../../i18n/format-time';
import { useI18n } from '../../i18n/I18nProvider';
import { When } from '../../i18n/When';
import type { MessageDetailView } from './log-api';

export function MessageDetails({ detail, onClose }: { readonly detail: MessageDetailView; readonly onClose: () => void }) {
  const { t, lang } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const m = detail.message;
  // Opening the details moves the focus to them, so a keyboard or screen reader user lands there.
  useEffect(() => heading.current?.focus(), [m.id]);
  return (
    <section className="log-details" aria-labelledby={`${id}-h`} data-testid="log-details">
      <div className="log-details__head">
        <h3 id={`${id}-h`} ref={heading} tabIndex={-1}>
          {t('log.details.title')}
        </h3>
        <button type="button" className="button" onClick={onClose}>
          {t('log.details.close')}
        </button>
      </div>
      <p>
        {t(`status.${m.status}`)} · {formatDateTime(new Date(m.at), lang)} ·{' '}
        {t('log.details.from', m.direction === 'out' ? { from: m.smsNumber, to: m.customer } : { from: m.customer, to: m.smsNumber })}
        {m.customerName ? ` (${m.customerName})` : ''}
      </p>
      {m.body !== null && <blockquote className="log-details__body">{m.body}</blockquote>}
      <p>
        {t('log.details.segments', { segments: m.segments, credits: m.credits, encoding: m.encoding })}
        {detail.providerMessageId ? ` · ${t('log.details.providerId', { id: detail.providerMessageId })}` : ''}
      </p>
      {m.reason && (
        <div className="log-details__reason" data-testid="log-reason">
          <h4>{t('log.details.reason')}</h4>
          <p>
            {t(`sent.reason.${m.reason}`)}
            {m.errorCode ? <> ({t('log.details.code', { code: m.errorCode })})</> : null}
          </p>
          <p>
            <strong>{t('log.details.whatToDo')}:</strong> {t(`sent.advice.${m.reason}`)}
          </p>
        </div>
      )}
      <h4>{t('log.details.history')}</h4>
      {detail.history.length === 0 ? (
        <p>{t('log.details.noHistory')}</p>
      ) : (
        <ol className="log-details__history" data-testid="log-history">
          {detail.history.map((h, i) => (
            <li key={i} data-status={h.status}>
              <strong>{t(`status.${h.status}`)}</strong> <When at={h.at} />
              {h.errorCode ? ` · ${t('log.details.code', { code: h.errorCode })}` : ''}
            </li>
          ))}
        </ol>
      )}
      <h4>{t('log.details.credits')}</h4>
      {detail.credits.length === 0 ? (
        <p>{t('log.details.noCredits')}</p>
      ) : (
        <ul>
          {detail.credits.map((c, i) => (
            <li key={i}>
              {c.delta > 0 ? `+${c.delta}` : c.delta} · {c.reason} · <When at={c.at} />
            </li>
          ))}
        </ul>
      )}
      {detail.parts.length > 0 && (
        <>
          <h4>{t('log.details.parts')}</h4>
          <ul>
            {detail.parts.map((p) => (
              <li key={p.index}>
                {t('log.details.part', { n: p.index + 1 })}: {p.status ? t(`status.${p.status}`) : '—'}
                {p.reason ? ` · ${t(`sent.reason.${p.reason}`)}` : ''}
                {p.errorCode ? ` · ${t('log.details.code', { code: p.errorCode })}` : ''}
                {p.reportedAt ? (
                  <>
                    {' · '}
                    <When at={p.reportedAt} />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{t('log.details.transcript')}</h4>
      {m.interactionId === null ? (
        <p>{t('log.details.direct')}</p>
      ) : (
        <>
          {detail.transcriptTruncated && <p>{t('log.details.transcriptTruncated')}</p>}
          <ol className="log-details__transcript" data-testid="log-transcript">
            {detail.transcript.map((x) => (
              <li key={x.id} className={x.id === m.id ? 'log-details__this' : undefined} aria-current={x.id === m.id ? 'true' : undefined}>
                <span className="log-details__who">{x.direction === 'in' ? t('log.details.you') : (x.agentName ?? '—')}</span>{' '}
                <time dateTime={x.at}>{formatDateTime(new Date(x.at), lang)}</time>: {x.body ?? ''}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
