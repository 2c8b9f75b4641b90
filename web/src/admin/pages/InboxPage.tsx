import { useId, useState } from 'react';
import { useAsync } from '../../flows/use-async';
import { useI18n } from '../../i18n/I18nProvider';
import { mediaNoticeFor } from '../../conversation/media-notice';
import { AdminTable } from '../AdminTable';
import type { AdminPageProps } from '../admin-routes';
import { formatDateTime } from './format-date';
import { LoadFailed } from './LoadFailed';
import { Pager } from './Pager';
import { FIRST_PAGE, currentCursor, newer, older, pageNumber } from './paging';

export const INBOX_PAGE_SIZE = 50;

/** Inbound SMS no conversation took (no queue owns the number they were sent to), newest first. */
export function InboxPage({ api }: AdminPageProps) {
  const { t, lang } = useI18n();
  const id = useId();
  const [pages, setPages] = useState(FIRST_PAGE);
  const [version, setVersion] = useState(0);
  const before = currentCursor(pages);
  const data = useAsync(() => api.inbox({ limit: INBOX_PAGE_SIZE, ...(before !== undefined ? { before } : {}) }), `inbox-${before ?? ''}-${version}`);
  const heading = `${id}-heading`;
  const media = (count: number) => {
    const notice = mediaNoticeFor(count);
    return notice && <span className="bubble__media" data-testid="media-notice">{` ${t(notice.key, notice.vars)}`}</span>;
  };
  return (
    <section aria-labelledby={heading}>
      <h2 id={heading}>{t('admin.section.inbox')}</h2>
      <p className="field__help">{t('admin.inbox.help')}</p>
      <div className="form__actions admin__toolbar">
        <button type="button" className="button button--small" onClick={() => (setPages(FIRST_PAGE), setVersion((v) => v + 1))}>
          {t('admin.people.refresh')}
        </button>
      </div>
      {data.state === 'failed' && <LoadFailed refusal={data.refusal} onRetry={() => setVersion((v) => v + 1)} />}
      {data.state === 'loading' && <p>{t('app.loading')}</p>}
      {data.state === 'ready' && (
        <>
          <AdminTable
            look="wide"
            testId="inbox-table"
            caption={t('admin.inbox.caption')}
            columns={[t('admin.inbox.received'), t('admin.inbox.from'), t('admin.inbox.to'), t('admin.inbox.message')]}
            empty={t('admin.inbox.empty')}
            isEmpty={data.value.messages.length === 0}
          >
            {data.value.messages.map((m) => (
              <tr key={m.id}>
                <td>
                  <time dateTime={m.receivedAt}>{formatDateTime(m.receivedAt, lang)}</time>
                </td>
                <td>{m.from}</td>
                <td>{m.to}</td>
                <td className="admin__text">
                  {m.body ?? <em>{t('admin.inbox.purged')}</em>}
                  {media(m.mediaCount)}
                </td>
              </tr>
            ))}
          </AdminTable>
          <Pager
            label={t('admin.inbox.pages')}
            page={pageNumber(pages)}
            hasNewer={pageNumber(pages) > 1}
            hasOlder={data.value.nextBefore !== null}
            onNewer={() => setPages(newer(pages))}
            onOlder={() => data.value.nextBefore !== null && setPages(older(pages, data.value.nextBefore))}
          />
        </>
      )}
    </section>
  );
}
