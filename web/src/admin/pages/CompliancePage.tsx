// Erasure and retention: what the retention job removes and what it last did, and the right to be
// forgotten (a customer erased by number, typed twice, with a summary of what went).
import { useCallback, useState, type FormEvent } from 'react';
import type { ErasureResult, RetentionView } from '@api/compliance-views';
import { useI18n } from '../../i18n/I18nProvider';
import { AdminFieldError } from '../AdminFieldError';
import { AdminTable } from '../AdminTable';
import { FormActions } from '../FormActions';
import { FormStatus } from '../FormStatus';
import type { AdminPageProps } from '../admin-routes';
import { AdminField, FormRefusal } from './AdminField';
import { formatDateTime } from './format-date';
import { useLoaded } from './use-loaded';
import { useSubmit } from './use-submit';

export function CompliancePage({ api }: AdminPageProps) {
  const { t } = useI18n();
  const loaded = useLoaded(useCallback(() => api.retention(), [api]));
  return (
    <section aria-labelledby="admin-compliance-heading">
      <h2 id="admin-compliance-heading">{t('admin.section.compliance')}</h2>
      <AdminFieldError id="admin-compliance-load-error" refusal={loaded.refusal} />
      {loaded.data ? <Retention view={loaded.data} /> : !loaded.refusal && <p>{t('app.loading')}</p>}
      <EraseForm api={api} />
    </section>
  );
}

function Retention({ view }: { readonly view: RetentionView }) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="admin-retention-heading" data-testid="retention">
      <h3 id="admin-retention-heading">{t('compliance.retention.heading')}</h3>
      <p data-testid="retention-setting">{view.messageRetentionDays > 0 ? t('compliance.retention.days', { days: view.messageRetentionDays }) : t('compliance.retention.forever')}</p>
      <p>{t('compliance.retention.what', { hours: view.idempotencyKeyHours })}</p>
      <p className="field__help">{t('compliance.retention.setting')}</p>
      <AdminTable
        look="wide"
        testId="retention-runs"
        caption={t('compliance.retention.runs')}
        columns={[t('compliance.retention.started'), t('compliance.retention.messages'), t('compliance.retention.events'), t('compliance.retention.outcome')]}
        empty={t('compliance.retention.none')}
        isEmpty={view.runs.length === 0}
      >
        {view.runs.map((r) => (
          <tr key={r.startedAt}>
            <th scope="row">
              <time dateTime={r.startedAt}>{formatDateTime(r.startedAt, lang)}</time>
            </th>
            <td>{r.messages}</td>
            <td>{r.events}</td>
            <td>{r.failed ? t('compliance.retention.failed') : t('compliance.retention.ok')}</td>
          </tr>
        ))}
      </AdminTable>
    </section>
  );
}

const FIELDS = ['number', 'confirmation'] as const;
const COUNTS = ['messages', 'conversations', 'calls', 'contacts', 'optOuts', 'consentChanges', 'scheduledMessages', 'events', 'idempotencyKeys'] as const;

function EraseForm({ api }: Pick<AdminPageProps, 'api'>) {
  const { t } = useI18n();
  const submit = useSubmit();
  const [number, setNumber] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [result, setResult] = useState<ErasureResult | null>(null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    void submit.run(async () => {
      const r = await api.eraseCustomer({ number, confirmation });
      setResult(r);
      setNumber('');
      setConfirmation('');
      return t('compliance.erase.done', { ...r });
    });
  };

  return (
    <section aria-labelledby="admin-erase-heading">
      <h3 id="admin-erase-heading">{t('compliance.erase.heading')}</h3>
      <p className="field__help">{t('compliance.erase.help')}</p>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="erase-form">
        <AdminField label={t('compliance.erase.number')} name="number" refusal={submit.refusal}>
          {(p) => <input {...p} className="input" type="tel" autoComplete="off" required data-testid="erase-number" value={number} onChange={(e) => (setNumber(e.target.value), submit.reset())} />}
        </AdminField>
        <AdminField label={t('compliance.erase.confirmation')} name="confirmation" refusal={submit.refusal}>
          {(p) => <input {...p} className="input" type="tel" autoComplete="off" required data-testid="erase-confirmation" value={confirmation} onChange={(e) => (setConfirmation(e.target.value), submit.reset())} />}
        </AdminField>
        <FormRefusal refusal={submit.refusal} fields={FIELDS} />
        <FormActions submitLabel={t('compliance.erase.submit')} busy={submit.busy} start />
      </form>
      <FormStatus text={submit.done ?? ''} quiet={submit.done === null} />
      {result && (
        <>
          <AdminTable look="wide" testId="erase-result" caption={t('compliance.erase.result')} columns={[t('compliance.erase.what'), t('compliance.erase.count')]} empty="" isEmpty={false}>
            {COUNTS.map((k) => (
              <tr key={k}>
                <th scope="row">{t(`compliance.erase.${k}`)}</th>
                <td>{result[k]}</td>
              </tr>
            ))}
          </AdminTable>
          <p className="field__help">{t('compliance.erase.hash', { hash: result.numberHash })}</p>
        </>
      )}
    </section>
  );
}
