// SMS numbers: the list, and one form to add a number or edit the one chosen (address, send rate, national
// language table).
import { useCallback, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { NationalLanguage } from '@domain/sms';
import { useI18n } from '../../i18n/I18nProvider';
import { AdminFieldError } from '../AdminFieldError';
import type { AdminPageProps } from '../admin-routes';
import type { SmsNumber } from '../admin-types';
import { AdminField, FormRefusal } from './AdminField';
import { NATIONAL_LANGUAGES, numberBody, numberForm, type NumberForm } from './numbers-model';
import { useLoaded } from './use-loaded';
import { useSubmit } from './use-submit';

export function NumbersPage({ api }: AdminPageProps) {
  const { t, number } = useI18n();
  const loaded = useLoaded(useCallback(() => api.numbers(), [api]));
  const numbers = loaded.data;
  const [editing, setEditing] = useState<SmsNumber | null>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);

  const edit = (n: SmsNumber | null) => {
    setEditing(n);
    // The form is below the list: take the keyboard there.
    requestAnimationFrame(() => formHeading.current?.focus());
  };

  return (
    <section aria-labelledby="admin-numbers-heading">
      <h2 id="admin-numbers-heading">{t('admin.section.numbers')}</h2>
      <AdminFieldError id="admin-numbers-load-error" refusal={loaded.refusal} />
      <table className="admin-table" data-testid="numbers">
        <caption>{t('admin.numbers.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.numbers.address')}</th>
            <th scope="col">{t('admin.numbers.rate')}</th>
            <th scope="col">{t('admin.numbers.language')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {numbers !== null && numbers.length === 0 && (
            <tr>
              <td colSpan={4}>{t('admin.numbers.empty')}</td>
            </tr>
          )}
          {(numbers ?? []).map((n) => (
            <tr key={n.id}>
              <th scope="row">{n.address}</th>
              <td className="admin-table__num">{number(n.sendRatePerSecond)}</td>
              <td>{n.nationalLanguage ? t(`counter.language.${n.nationalLanguage}`) : t('admin.numbers.languageNone')}</td>
              <td>
                <button type="button" className="button button--small" onClick={() => edit(n)} aria-label={t('admin.editLabel', { name: n.address })}>
                  {t('admin.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NumberEditor
        key={editing?.id ?? 'new'}
        api={api}
        editing={editing}
        headingRef={formHeading}
        onSaved={async (n) => {
          await loaded.reload();
          if (editing) setEditing(n);
        }}
        onCancel={() => edit(null)}
      />
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
  const [form, setForm] = useState<NumberForm>(() => numberForm(editing));
  const submit = useSubmit();
  const set = (patch: Partial<NumberForm>) => {
    setForm({ ...form, ...patch });
    submit.reset();
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    let saved: SmsNumber | null = null;
    const ok = await submit.run(async () => {
      // A rate that is not a number goes as typed: the API's refusal names the field.
      const body = numberBody(form) as { address: string; sendRatePerSecond?: number; nationalLanguage?: NationalLanguage | null };
      saved = editing ? await api.updateNumber(editing.id, body) : await api.createNumber(body);
      return t(editing ? 'admin.numbers.saved' : 'admin.numbers.added', { address: saved.address });
    });
    if (ok && saved) {
      if (!editing) setForm(numberForm(null));
      await onSaved(saved);
    }
  };

  return (
    <form className="admin-form admin-panel" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="admin-number-form-heading">
      <h3 id="admin-number-form-heading" ref={headingRef} tabIndex={-1}>
        {editing ? t('admin.numbers.edit', { address: editing.address }) : t('admin.numbers.add')}
      </h3>
      <AdminField label={t('admin.numbers.address')} name="address" refusal={submit.refusal} help={t('admin.numbers.addressHelp')}>
        {(p) => <input {...p} className="input" autoComplete="off" spellCheck={false} value={form.address} onChange={(e) => set({ address: e.target.value })} />}
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
      <FormRefusal refusal={submit.refusal} fields={['address', 'sendRatePerSecond', 'nationalLanguage']} />
      <div className="form__actions form__actions--start">
        {editing && (
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
        <button type="submit" className="button button--primary" disabled={submit.busy}>
          {editing ? t('admin.save') : t('admin.numbers.addSubmit')}
        </button>
      </div>
      <p role="status" className="admin__status sr-status">
        {submit.done ?? ''}
      </p>
    </form>
  );
}
