// SMS numbers: the list, and one form to add a number or edit the one chosen (address, label, send rate,
// national language table).
import { useCallback, type FormEvent, type RefObject } from 'react';
import type { NationalLanguage } from '@domain/sms';
import { useI18n } from '../../i18n/I18nProvider';
import { AdminFieldError } from '../AdminFieldError';
import { AdminTable } from '../AdminTable';
import { EditButton } from '../EditButton';
import { FormActions } from '../FormActions';
import { FormStatus } from '../FormStatus';
import type { AdminPageProps } from '../admin-routes';
import type { SmsNumber } from '../admin-types';
import { useChosenItem } from '../use-chosen-item';
import { useItemForm } from '../use-item-form';
import { AdminField, FormRefusal } from './AdminField';
import { NATIONAL_LANGUAGES, numberBody, numberForm, type NumberForm } from './numbers-model';
import { useLoaded } from './use-loaded';
import { useAsync } from '../../flows/use-async';
import '../dashboard/number-health.css';
import { NumberHealthSettingsForm } from '../dashboard/NumberHealthSettingsForm';

export function NumbersPage({ api }: AdminPageProps) {
  const { t, number } = useI18n();
  const loaded = useLoaded(useCallback(() => api.numbers(), [api]));
  const numbers = loaded.data;
  // Failing numbers are marked; the list works the same when their state cannot be read.
  const health = useAsync(() => api.numberHealth(), `number-health-${numbers?.length ?? 0}`);
  const failing = new Map(health.state === 'ready' ? health.value.filter((h) => h.unhealthy).map((h) => [h.smsNumberId, h]) : []);
  const { editing, setEditing, edit, headingRef } = useChosenItem<SmsNumber>();

  return (
    <section aria-labelledby="admin-numbers-heading">
      <h2 id="admin-numbers-heading">{t('admin.section.numbers')}</h2>
      <AdminFieldError id="admin-numbers-load-error" refusal={loaded.refusal} />
      <AdminTable
        look="plain"
        testId="numbers"
        caption={t('admin.numbers.caption')}
        columns={[t('admin.numbers.address'), t('writing.admin.label'), t('admin.numbers.rate'), t('admin.numbers.language'), t('admin.actions')]}
        empty={t('admin.numbers.empty')}
        isEmpty={numbers !== null && numbers.length === 0}
      >
        {(numbers ?? []).map((n) => (
          <tr key={n.id}>
            <th scope="row">
              {n.address}
              {failing.has(n.id) && (
                <>
                  {' '}
                  <span className="number-health-badge" data-testid="number-unhealthy" title={t('numberHealth.badgeDetail', { rate: Math.round((failing.get(n.id)?.failureRate ?? 0) * 1000) / 10 })}>
                    {t('numberHealth.badge')}
                  </span>
                </>
              )}
            </th>
            <td data-testid="number-label">{n.label ?? ''}</td>
            <td className="admin-table__num">{number(n.sendRatePerSecond)}</td>
            <td>{n.nationalLanguage ? t(`counter.language.${n.nationalLanguage}`) : t('admin.numbers.languageNone')}</td>
            <td>
              <EditButton name={n.address} onEdit={() => edit(n)} />
            </td>
          </tr>
        ))}
      </AdminTable>
      <NumberEditor
        key={editing?.id ?? 'new'}
        api={api}
        editing={editing}
        headingRef={headingRef}
        onSaved={async (n) => {
          await loaded.reload();
          if (editing) setEditing(n);
        }}
        onCancel={() => edit(null)}
      />
      <NumberHealthSettingsForm load={() => api.numberHealthSettings()} save={(b) => api.putNumberHealthSettings(b)} />
    </section>
  );
}

interface NumberEditorProps extends Pick<AdminPageProps, 'api'> {
  readonly editing: SmsNumber | null;
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
  readonly onSaved: (n: SmsNumber) => Promise<void>;
  readonly onCancel: () => void;
}

function NumberEditor({ api, editing, headingRef, onSaved, onCancel }: NumberEditorProps) {
  const { t } = useI18n();
  const { form, set, submit, save } = useItemForm<SmsNumber, NumberForm>(editing, numberForm, onSaved);
  const onSubmit = (e: FormEvent) =>
    save(
      e,
      // A rate that is not a number goes as typed: the API's refusal names the field.
      () => {
        const body = numberBody(form) as { address: string; sendRatePerSecond?: number; nationalLanguage?: NationalLanguage | null; label?: string | null };
        return editing ? api.updateNumber(editing.id, body) : api.createNumber(body);
      },
      (saved) => t(editing ? 'admin.numbers.saved' : 'admin.numbers.added', { address: saved.address }),
    );

  return (
    <form className="admin-form admin-panel" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="admin-number-form-heading">
      <h3 id="admin-number-form-heading" ref={headingRef} tabIndex={-1}>
        {editing ? t('admin.numbers.edit', { address: editing.address }) : t('admin.numbers.add')}
      </h3>
      <AdminField label={t('admin.numbers.address')} name="address" refusal={submit.refusal} help={t('admin.numbers.addressHelp')}>
        {(p) => <input {...p} className="input" autoComplete="off" spellCheck={false} value={form.address} onChange={(e) => set({ address: e.target.value })} />}
      </AdminField>
      <AdminField label={t('writing.admin.label')} name="label" refusal={submit.refusal} help={t('writing.admin.labelHelp')}>
        {(p) => <input {...p} className="input" autoComplete="off" maxLength={60} value={form.label} onChange={(e) => set({ label: e.target.value })} />}
      </AdminField>
      <AdminField label={t('admin.numbers.rate')} name="sendRatePerSecond" refusal={submit.refusal}>
        {(p) => <input {...p} className="input input--compact" inputMode="decimal" autoComplete="off" value={form.rate} onChange={(e) => set({ rate: e.target.value })} />}
      </AdminField>
      <AdminField label={t('admin.numbers.language')} name="nationalLanguage" refusal={submit.refusal} help={t('admin.numbers.languageHelp')}>
        {(p) => (
          <select {...p} className="input input--compact" value={form.language} onChange={(e) => set({ language: e.target.value as NumberForm['language'] })}>
            <option value="">{t('admin.numbers.languageNone')}</option>
            {NATIONAL_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`counter.language.${l}`)}
              </option>
            ))}
          </select>
        )}
      </AdminField>
      <FormRefusal refusal={submit.refusal} fields={['address', 'label', 'sendRatePerSecond', 'nationalLanguage']} />
      <FormActions start submitLabel={editing ? t('admin.save') : t('admin.numbers.addSubmit')} busy={submit.busy} onCancel={editing ? onCancel : null} />
      <FormStatus quiet text={submit.done ?? ''} />
    </form>
  );
}
