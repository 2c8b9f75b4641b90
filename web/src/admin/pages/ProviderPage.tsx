// The account's SMS provider: its type, the settings that type asks for (secrets never shown back, only their
// redacted form, and kept when left as they are), Test connection on the form as it stands, and the webhook
// addresses to give the provider.
import { useCallback, useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { toRefusal } from '../../errors/to-refusal';
import type { Refusal } from '../../errors/error-text';
import { useI18n } from '../../i18n/I18nProvider';
import { AdminFieldError } from '../AdminFieldError';
import { refusalField } from '../admin-refusal';
import type { AdminPageProps } from '../admin-routes';
import type { ConnectionTestResult, ProviderView } from '../admin-types';
import { ConnectionResult } from './ConnectionResult';
import { ProviderSettingField } from './ProviderSettingField';
import { WebhookAddresses } from './WebhookAddresses';
import { fieldsFrom, formForType, formFrom, settingOfField, settingsToSend, withValue, type FieldValue, type ProviderForm, type SettingField } from './provider-form';
import { providerTypeLabel } from './provider-labels';

type Load = { readonly kind: 'loading' } | { readonly kind: 'failed'; readonly refusal: Refusal } | { readonly kind: 'ready'; readonly view: ProviderView };

export function ProviderPage({ api }: AdminPageProps) {
  const { t } = useI18n();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [form, setForm] = useState<ProviderForm | null>(null);
  // What was typed for each type picked on this page, until a save makes the stored settings the truth again.
  const [drafts, setDrafts] = useState<ReadonlyMap<string, ProviderForm>>(new Map());
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [test, setTest] = useState<ConnectionTestResult | null>(null);
  const typeId = useId();
  const formErrorId = useId();

  const show = useCallback((view: ProviderView) => {
    setLoad({ kind: 'ready', view });
    setDrafts(new Map());
    setForm(view.type === null ? null : formFrom(view.type, fieldsFrom(view.typeSettings[view.type]), view.settings));
  }, []);

  useEffect(() => {
    let live = true;
    api.provider().then(
      (view) => live && show(view),
      (e: unknown) => live && setLoad({ kind: 'failed', refusal: toRefusal(e) }),
    );
    return () => {
      live = false;
    };
  }, [api, show]);

  if (load.kind === 'loading') return <Heading>{t('app.loading')}</Heading>;
  if (load.kind === 'failed')
    return (
      <Heading>
        <AdminFieldError id={formErrorId} refusal={load.refusal} />
      </Heading>
    );
  const { view } = load;

  const edited = () => {
    setSaved(false);
    setTest(null);
  };

  const chooseType = (type: string) => {
    edited();
    setRefusal(null);
    const next = form ? new Map(drafts).set(form.type, form) : drafts;
    setDrafts(next);
    setForm(type === '' ? null : formForType(type, next, view, fieldsFrom(view.typeSettings[type])));
  };

  const change = (name: string, value: FieldValue) => {
    if (!form) return;
    edited();
    setForm(withValue(form, name, value));
    if (settingOfField(refusal ? refusalField(refusal) : null) === name) setRefusal(null);
  };

  const onSave = async (e: FormEvent) => {
    e.preventDefault();
    if (!form || busy) return;
    setBusy('save');
    setRefusal(null);
    setSaved(false);
    try {
      show(await api.putProvider({ type: form.type, settings: settingsToSend(form) }));
      setSaved(true);
    } catch (err) {
      setRefusal(toRefusal(err));
    } finally {
      setBusy(null);
    }
  };

  const onTest = async () => {
    if (!form || busy) return;
    setBusy('test');
    setTest(null);
    try {
      setTest(await api.testProvider({ type: form.type, settings: settingsToSend(form) }));
    } catch (err) {
      setRefusal(toRefusal(err));
    } finally {
      setBusy(null);
    }
  };

  const named = refusal ? refusalField(refusal) : null;
  const refusedSetting = settingOfField(named);
  const typeRefused = named === 'type' ? refusal : null;
  const fields = form?.fields ?? [];
  const basic = fields.filter((x) => !x.advanced);
  const advanced = fields.filter((x) => x.advanced);
  const formLevel = refusal && named !== 'type' && (refusedSetting === null || !fields.some((x) => x.name === refusedSetting)) ? refusal : null;
  const unsavedType = form !== null && form.type !== view.type;
  const settingField = (field: SettingField) =>
    form && (
      <ProviderSettingField
        key={`${form.type}:${field.name}`}
        field={field}
        value={form.values[field.name]}
        refusal={refusal && refusedSetting === field.name ? refusal : null}
        onChange={(v) => change(field.name, v)}
      />
    );

  return (
    <Heading>
      {!view.secretsEncrypted && view.type !== null && <p className="admin__note">{t('admin.provider.notEncrypted')}</p>}
      <form className="admin-form" onSubmit={(e) => void onSave(e)} noValidate aria-label={t('admin.section.provider')}>
        <div className="field">
          <label className="field__label" htmlFor={typeId}>
            {t('admin.provider.type')}
          </label>
          <select
            id={typeId}
            className="input input--compact"
            value={form?.type ?? ''}
            onChange={(e) => chooseType(e.target.value)}
            aria-invalid={typeRefused ? true : undefined}
            aria-describedby={typeRefused ? `${typeId}-error` : undefined}
          >
            {view.type === null && <option value="">{t('admin.provider.chooseType')}</option>}
            {view.types.map((type) => (
              <option key={type} value={type}>
                {providerTypeLabel(t, type)}
              </option>
            ))}
          </select>
          {view.type !== null && form !== null && unsavedType && <p className="field__help">{t('admin.provider.typeChanged', { saved: providerTypeLabel(t, view.type) })}</p>}
          <AdminFieldError id={`${typeId}-error`} refusal={typeRefused} />
        </div>
        {form !== null && (
          <fieldset className="admin-form__group">
            <legend>{t('admin.provider.settings', { type: providerTypeLabel(t, form.type) })}</legend>
            {fields.length === 0 && <p className="field__help">{t('admin.provider.noSettings')}</p>}
            {basic.map(settingField)}
            {advanced.length > 0 && (
              // Open when one of them is filled in or refused, so nothing set or wrong is hidden.
              <details className="admin-form__advanced" open={advanced.some((x) => x.name === refusedSetting || (typeof form.values[x.name] === 'string' && form.values[x.name] !== '')) || undefined}>
                <summary>{t('admin.provider.advanced')}</summary>
                {advanced.map(settingField)}
              </details>
            )}
            {Object.keys(form.kept).length > 0 && <p className="field__help">{t('admin.provider.kept', { names: Object.keys(form.kept).join(', ') })}</p>}
          </fieldset>
        )}
        <AdminFieldError id={formErrorId} refusal={formLevel} />
        <div className="form__actions form__actions--start">
          <button type="button" className="button" disabled={form === null || busy !== null} onClick={() => void onTest()}>
            {busy === 'test' ? t('admin.provider.testing') : t('admin.provider.test')}
          </button>
          <button type="submit" className="button button--primary" disabled={form === null || busy !== null}>
            {busy === 'save' ? t('admin.saving') : t('admin.save')}
          </button>
        </div>
        <p role="status" className="admin__status sr-status" data-testid="provider-status">
          {saved ? t('admin.provider.saved') : ''}
        </p>
        <ConnectionResult result={test} />
      </form>
      <WebhookAddresses
        webhooks={view.webhooks}
        type={view.type}
        stale={unsavedType}
        unsigned={view.type === 'vonage' && !view.settings.signatureSecret}
        // The form is read again too: the status callback address it holds now carries the new token.
        onRotate={async () => show(await api.rotateWebhookToken())}
      />
    </Heading>
  );
}

function Heading({ children }: { readonly children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="admin-provider-heading">
      <h2 id="admin-provider-heading">{t('admin.section.provider')}</h2>
      {children}
    </section>
  );
}
