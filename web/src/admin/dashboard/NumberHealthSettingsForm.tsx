// The administrator's rule for failing numbers (threshold, minimum of reports) and the operations
// webhook told of each change. The secret is never shown back: left empty, the stored one stays.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { FormActions } from '../FormActions';
import { FormStatus } from '../FormStatus';
import { AdminField, FormRefusal } from '../pages/AdminField';
import { useSubmit } from '../pages/use-submit';
import type { NumberHealthSettings, NumberHealthSettingsBody } from './number-health-api';

interface Props {
  readonly load: () => Promise<NumberHealthSettings>;
  readonly save: (body: NumberHealthSettingsBody) => Promise<NumberHealthSettings>;
}

/** A typed number as sent: what is not a number is sent as typed for the API to refuse by name. */
function numberOrText(s: string): number {
  const n = Number(s.trim());
  return s.trim() === '' ? Number.NaN : n;
}

export function NumberHealthSettingsForm({ load, save }: Props) {
  const { t } = useI18n();
  const headingId = useId();
  const submit = useSubmit();
  const [stored, setStored] = useState<NumberHealthSettings | null>(null);
  const [threshold, setThreshold] = useState('');
  const [minReports, setMinReports] = useState('');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const show = (s: NumberHealthSettings) => {
    setStored(s);
    setThreshold(String(s.thresholdPercent));
    setMinReports(String(s.minReports));
    setUrl(s.webhookUrl ?? '');
    setSecret('');
  };
  useEffect(() => {
    load().then(show, () => undefined);
    // Loaded once: the form then holds the administrator's edits.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await submit.run(async () => {
      const body: NumberHealthSettingsBody = {
        thresholdPercent: numberOrText(threshold),
        minReports: numberOrText(minReports),
        webhookUrl: url.trim() === '' ? null : url.trim(),
        ...(secret !== '' ? { webhookSecret: secret } : {}),
      };
      show(await save(body));
      return t('numberHealth.saved');
    });
  };
  if (!stored) return null;
  return (
    <form className="admin-form admin-panel" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={headingId} data-testid="number-health-settings">
      <h3 id={headingId}>{t('numberHealth.settingsTitle')}</h3>
      <AdminField label={t('numberHealth.threshold')} name="thresholdPercent" refusal={submit.refusal} help={t('numberHealth.thresholdHelp')}>
        {(p) => <input {...p} className="input" inputMode="numeric" autoComplete="off" value={threshold} onChange={(e) => (setThreshold(e.target.value), submit.reset())} />}
      </AdminField>
      <AdminField label={t('numberHealth.minReports')} name="minReports" refusal={submit.refusal} help={t('numberHealth.minReportsHelp')}>
        {(p) => <input {...p} className="input" inputMode="numeric" autoComplete="off" value={minReports} onChange={(e) => (setMinReports(e.target.value), submit.reset())} />}
      </AdminField>
      <AdminField label={t('numberHealth.webhookUrl')} name="webhookUrl" refusal={submit.refusal} help={t('numberHealth.webhookUrlHelp')}>
        {(p) => <input {...p} className="input" type="url" autoComplete="off" spellCheck={false} value={url} onChange={(e) => (setUrl(e.target.value), submit.reset())} />}
      </AdminField>
      <AdminField
        label={t('numberHealth.webhookSecret')}
        name="webhookSecret"
        refusal={submit.refusal}
        help={stored.webhookSecret ? t('numberHealth.webhookSecretKept', { shown: stored.webhookSecret }) : t('numberHealth.webhookSecretHelp')}
      >
        {(p) => <input {...p} className="input" type="password" autoComplete="new-password" value={secret} onChange={(e) => (setSecret(e.target.value), submit.reset())} />}
      </AdminField>
      <FormRefusal refusal={submit.refusal} fields={['thresholdPercent', 'minReports', 'webhookUrl', 'webhookSecret']} />
      <FormActions start submitLabel={t('numberHealth.save')} busy={submit.busy} />
      <FormStatus quiet text={submit.done ?? ''} />
    </form>
  );
}
