import { useId, useRef, useState } from 'react';
import { useAsync } from '../../flows/use-async';
import { useI18n } from '../../i18n/I18nProvider';
import { AdminTable } from '../AdminTable';
import type { AdminPageProps } from '../admin-routes';
import { formatDateTime } from './format-date';
import { LoadFailed } from './LoadFailed';
import { AddOptOutForm, ImportOptOutsForm, LedgerExport, RemoveOptOutForm } from './OptOutForms';
import { KeywordSettingsForm } from './KeywordSettingsForm';
import { Pager } from './Pager';
import { splitPage } from './paging';

export const OPT_OUTS_PAGE_SIZE = 50;

/** Numbers that asked for no more SMS: the keyword they sent, how and when, newest first; add, remove, import, export. */
export function OptOutsPage({ api }: AdminPageProps) {
  const { t, lang } = useI18n();
  const id = useId();
  const [offset, setOffset] = useState(0);
  const [version, setVersion] = useState(0);
  const data = useAsync(() => api.optOuts({ limit: OPT_OUTS_PAGE_SIZE + 1, offset }).then((rows) => splitPage(rows, OPT_OUTS_PAGE_SIZE)), `opt-outs-${offset}-${version}`);
  const heading = `${id}-heading`;
  const [removing, setRemoving] = useState('');
  const reasonRef = useRef<HTMLInputElement | null>(null);
  const reload = () => setVersion((v) => v + 1);
  return (
    <section aria-labelledby={heading}>
      <h2 id={heading}>{t('admin.section.optOuts')}</h2>
      <p className="field__help">{t('admin.optOuts.help')}</p>
      {data.state === 'failed' && <LoadFailed refusal={data.refusal} onRetry={() => setVersion((v) => v + 1)} />}
      {data.state === 'loading' && <p>{t('app.loading')}</p>}
      {data.state === 'ready' && (
        <>
          <AdminTable
            look="wide"
            testId="opt-outs-table"
            caption={t('admin.optOuts.caption')}
            columns={[t('admin.optOuts.number'), t('admin.optOuts.keyword'), t('consent.source'), t('admin.optOuts.date'), '']}
            empty={t('admin.optOuts.empty')}
            isEmpty={data.value.rows.length === 0}
          >
            {data.value.rows.map((o) => (
              <tr key={o.number}>
                <th scope="row">{o.number}</th>
                <td>{o.keyword}</td>
                <td>{t(`consent.source.${o.source as 'keyword'}`)}</td>
                <td>
                  <time dateTime={o.at}>{formatDateTime(o.at, lang)}</time>
                </td>
                <td>
                  <button type="button" className="button" aria-label={t('consent.remove.row', { number: o.number })} onClick={() => (setRemoving(o.number), reasonRef.current?.focus())}>
                    {t('consent.remove.submit')}
                  </button>
                </td>
              </tr>
            ))}
          </AdminTable>
          <Pager
            label={t('admin.optOuts.pages')}
            page={offset / OPT_OUTS_PAGE_SIZE + 1}
            hasNewer={offset > 0}
            hasOlder={data.value.more}
            onNewer={() => setOffset(Math.max(0, offset - OPT_OUTS_PAGE_SIZE))}
            onOlder={() => setOffset(offset + OPT_OUTS_PAGE_SIZE)}
          />
        </>
      )}
      <AddOptOutForm api={api} onDone={reload} />
      <RemoveOptOutForm api={api} onDone={reload} number={removing} setNumber={setRemoving} reasonRef={reasonRef} />
      <ImportOptOutsForm api={api} onDone={reload} />
      <LedgerExport />
      <KeywordSettingsForm api={api} />
    </section>
  );
}
