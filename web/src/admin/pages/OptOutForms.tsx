// What an administrator does to the opt-out list: add one, remove one with a reason, import a
// CSV file (a result per line), download the consent ledger.
import { useState, type FormEvent, type RefObject } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { AdminTable } from '../AdminTable';
import { FormActions } from '../FormActions';
import { FormStatus } from '../FormStatus';
import type { AdminPageProps } from '../admin-routes';
import { ledgerExportUrl, type OptOutImportReport } from '../consent-api';
import { AdminField, FormRefusal } from './AdminField';
import { useSubmit } from './use-submit';

type Done = () => void;

export function AddOptOutForm({ api, onDone }: Pick<AdminPageProps, 'api'> & { readonly onDone: Done }) {
  const { t } = useI18n();
  const [number, setNumber] = useState('');
  const [note, setNote] = useState('');
  const submit = useSubmit();
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await submit.run(async () => {
      const r = await api.addOptOut({ number, ...(note.trim() ? { note: note.trim() } : {}) });
      return t(r.outcome === 'opted_out' ? 'consent.add.done' : 'consent.add.unchanged', { number: r.number });
    });
    if (ok) {
      setNumber('');
      setNote('');
      onDone();
    }
  };
  return (
    <form className="admin-form admin-panel" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="opt-out-add-heading" data-testid="opt-out-add">
      <h3 id="opt-out-add-heading">{t('consent.add')}</h3>
      <AdminField label={t('consent.add.number')} name="number" refusal={submit.refusal}>
        {(p) => <input {...p} className="input" type="tel" autoComplete="off" value={number} onChange={(e) => (setNumber(e.target.value), submit.reset())} />}
      </AdminField>
      <AdminField label={t('consent.add.note')} name="note" refusal={submit.refusal}>
        {(p) => <input {...p} className="input" autoComplete="off" value={note} onChange={(e) => (setNote(e.target.value), submit.reset())} />}
      </AdminField>
      <FormRefusal refusal={submit.refusal} fields={['number', 'note']} />
      <FormActions start submitLabel={t('consent.add.submit')} busy={submit.busy} />
      <FormStatus text={submit.done ?? ''} />
    </form>
  );
}

export function RemoveOptOutForm({ api, onDone, number, setNumber, reasonRef }: Pick<AdminPageProps, 'api'> & { readonly onDone: Done; readonly number: string; readonly setNumber: (n: string) => void; readonly reasonRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await submit.run(async () => {
      const r = await api.removeOptOut(number.trim(), reason);
      return t('consent.remove.done', { number: r.number });
    });
    if (ok) {
      setNumber('');
      setReason('');
      onDone();
    }
  };
  return (
    <form className="admin-form admin-panel" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="opt-out-remove-heading" data-testid="opt-out-remove">
      <h3 id="opt-out-remove-heading">{t('consent.remove')}</h3>
      <p className="field__help">{t('consent.remove.help')}</p>
      <AdminField label={t('consent.remove.number')} name="number" refusal={submit.refusal}>
        {(p) => <input {...p} className="input" type="tel" autoComplete="off" value={number} onChange={(e) => (setNumber(e.target.value), submit.reset())} />}
      </AdminField>
      <AdminField label={t('consent.remove.reason')} name="reason" refusal={submit.refusal}>
        {(p) => <input {...p} ref={reasonRef} className="input" autoComplete="off" required value={reason} onChange={(e) => (setReason(e.target.value), submit.reset())} />}
      </AdminField>
      <FormRefusal refusal={submit.refusal} fields={['number', 'reason']} />
      <FormActions start submitLabel={t('consent.remove.submit')} busy={submit.busy} />
      <FormStatus text={submit.done ?? ''} />
    </form>
  );
}

export function ImportOptOutsForm({ api, onDone }: Pick<AdminPageProps, 'api'> & { readonly onDone: Done }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<OptOutImportReport | null>(null);
  const submit = useSubmit();
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await submit.run(async () => {
      const csv = file ? await file.text() : '';
      const r = await api.importOptOuts({ csv, fileName: file?.name ?? 'upload.csv' });
      setReport(r);
      return t('consent.import.done', { fileName: r.fileName, ...r.counts });
    });
    if (ok) onDone();
  };
  return (
    <form className="admin-form admin-panel" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="opt-out-import-heading" data-testid="opt-out-import">
      <h3 id="opt-out-import-heading">{t('consent.import')}</h3>
      <p className="field__help">{t('consent.import.help')}</p>
      <AdminField label={t('consent.import.file')} name="csv" refusal={submit.refusal}>
        {(p) => <input {...p} className="input" type="file" accept=".csv,text/csv" onChange={(e) => (setFile(e.target.files?.[0] ?? null), setReport(null), submit.reset())} />}
      </AdminField>
      <FormRefusal refusal={submit.refusal} fields={['csv']} />
      <FormActions start submitLabel={t('consent.import.submit')} busy={submit.busy} />
      <FormStatus text={submit.done ?? ''} />
      {report && (
        <AdminTable look="wide" testId="opt-out-import-rows" caption={t('consent.import.caption')} columns={[t('consent.import.line'), t('consent.remove.number'), t('consent.import.outcome')]} empty="" isEmpty={report.rows.length === 0}>
          {report.rows.map((r) => (
            <tr key={r.line}>
              <th scope="row">{r.line}</th>
              <td>{r.number ?? ''}</td>
              <td>{t(`consent.outcome.${r.outcome}`, { reason: r.reason ?? '' })}</td>
            </tr>
          ))}
        </AdminTable>
      )}
    </form>
  );
}

export function LedgerExport() {
  const { t } = useI18n();
  return (
    <section className="admin-panel" aria-labelledby="consent-export-heading">
      <h3 id="consent-export-heading">{t('consent.export')}</h3>
      <p>
        <a className="button" href={ledgerExportUrl('csv')} download data-testid="consent-export-csv">
          {t('consent.export.csv')}
        </a>{' '}
        <a className="button" href={ledgerExportUrl('jsonl')} download data-testid="consent-export-jsonl">
          {t('consent.export.jsonl')}
        </a>
      </p>
    </section>
  );
}
