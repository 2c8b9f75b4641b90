// Messages whose submission is uncertain (the provider could not tell whether it had them), the longest waiting
// first, with what is known; the administrator decides for one message or for the selected ones: confirm sent,
// abandon (refunded) or resend (the server asks the provider first and refuses when it cannot vouch).
import { useCallback, useState } from 'react';
import type { Refusal } from '../../errors/error-text';
import { toRefusal } from '../../errors/to-refusal';
import { useI18n } from '../../i18n/I18nProvider';
import { AdminTable } from '../AdminTable';
import { FormStatus } from '../FormStatus';
import type { AdminPageProps } from '../admin-routes';
import type { ReviewAction } from '../admin-types';
import { formatDateTime } from './format-date';
import { LoadFailed } from './LoadFailed';
import { decidedText, formatWait, reviewRefusalText } from './review-model';
import { useLoaded } from './use-loaded';

const PAGE = 200;

export function ReviewPage({ api }: AdminPageProps) {
  const { t, lang } = useI18n();
  const loaded = useLoaded(useCallback(() => api.review({ limit: PAGE }), [api]));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const items = loaded.data?.items ?? [];

  const decide = async (ids: readonly string[], action: ReviewAction) => {
    if (busy || ids.length === 0) return;
    setBusy(true);
    setDone('');
    setRefusal(null);
    try {
      if (ids.length === 1) {
        const r = await api.decideReview(ids[0]!, { action });
        setDone(decidedText(action, 1, r.refunded, lang));
      } else {
        const { results } = await api.decideReviewBulk(ids, { action });
        let applied = 0;
        let refunded = 0;
        let firstRefusal: Refusal | null = null;
        for (const r of results) {
          if (r.error) {
            firstRefusal ??= { code: r.error.code, details: r.error.details };
          } else {
            applied++;
            refunded += r.refunded;
          }
        }
        const text = decidedText(action, applied, refunded, lang);
        setDone(firstRefusal ? t('admin.review.partial', { done: applied, refused: results.length - applied, reason: reviewRefusalText(firstRefusal, lang) }) : text);
      }
    } catch (e) {
      setRefusal(toRefusal(e));
    } finally {
      setSelected(new Set());
      setBusy(false);
      await loaded.reload();
    }
  };

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const chosen = [...selected].filter((id) => items.some((i) => i.messageId === id));

  return (
    <section aria-labelledby="admin-review-heading">
      <h2 id="admin-review-heading">{t('admin.section.review')}</h2>
      <p className="field__help">{t('admin.review.help')}</p>
      <div className="form__actions admin__toolbar">
        <span data-testid="review-count">{t('admin.review.count', { count: loaded.data?.total ?? 0 })}</span>
        <button type="button" className="button button--small" onClick={() => void decide(chosen, 'confirm-sent')} aria-disabled={busy || chosen.length === 0 || undefined}>
          {t('admin.review.confirmSelected')}
        </button>
        <button type="button" className="button button--small" onClick={() => void decide(chosen, 'abandon')} aria-disabled={busy || chosen.length === 0 || undefined}>
          {t('admin.review.abandonSelected')}
        </button>
        <button type="button" className="button button--small" onClick={() => void decide(chosen, 'resend')} aria-disabled={busy || chosen.length === 0 || undefined}>
          {t('admin.review.resendSelected')}
        </button>
        <button type="button" className="button button--small" onClick={() => void loaded.reload()}>
          {t('admin.people.refresh')}
        </button>
      </div>
      {refusal && (
        <p className="field__error" role="alert" data-testid="review-refusal" data-code={refusal.code}>
          {reviewRefusalText(refusal, lang)}
        </p>
      )}
      <FormStatus text={done} />
      {loaded.refusal && <LoadFailed refusal={loaded.refusal} onRetry={() => void loaded.reload()} />}
      {!loaded.data && !loaded.refusal && <p>{t('app.loading')}</p>}
      {loaded.data && (
        <AdminTable
          look="wide"
          testId="review-table"
          caption={t('admin.review.caption')}
          columns={[t('admin.review.select'), t('admin.review.waiting'), t('admin.review.sentBy'), t('admin.review.to'), t('admin.review.provider'), t('admin.review.known'), t('admin.review.actions')]}
          empty={t('admin.review.empty')}
          isEmpty={items.length === 0}
        >
          {items.map((m) => (
            <tr key={m.messageId} data-testid="review-row" data-message-id={m.messageId}>
              <td>
                <input type="checkbox" checked={selected.has(m.messageId)} onChange={() => toggle(m.messageId)} aria-label={t('admin.review.selectOne', { to: m.to })} />
              </td>
              <td>
                <time dateTime={m.underReviewSince} title={formatDateTime(m.underReviewSince, lang)}>
                  {formatWait(m.ageSeconds)}
                </time>
              </td>
              <td>{m.agentName ?? t('admin.people.none')}</td>
              <td>{m.to}</td>
              <td>{m.provider ?? t('admin.people.none')}</td>
              <td className="admin__text">{m.lastError ?? t('admin.people.none')}</td>
              <td>
                <div className="form__actions form__actions--start">
                  <button type="button" className="button button--small" onClick={() => void decide([m.messageId], 'confirm-sent')} aria-disabled={busy || undefined}>
                    {t('admin.review.confirm')}
                  </button>
                  <button type="button" className="button button--small" onClick={() => void decide([m.messageId], 'abandon')} aria-disabled={busy || undefined}>
                    {t('admin.review.abandon')}
                  </button>
                  <button type="button" className="button button--small" onClick={() => void decide([m.messageId], 'resend')} aria-disabled={busy || undefined}>
                    {t('admin.review.resend')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}
