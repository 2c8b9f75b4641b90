// Templates: the list (variables, credits, which queues and profiles offer each), and one form to create a template
// or edit the one chosen, with the Banner's live credit counter and the variables found as the body is typed.
import { useCallback, useId, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { CreditCounter } from '../../counter/CreditCounter';
import { replaceLookalikes } from '../../counter/counter-model';
import { useI18n } from '../../i18n/I18nProvider';
import { AdminFieldError } from '../AdminFieldError';
import { refusalIsFor } from '../admin-refusal';
import type { AdminPageProps } from '../admin-routes';
import type { AdminTemplate } from '../admin-types';
import { describedBy } from '../../ui/FieldError';
import { AdminField, FormRefusal } from './AdminField';
import { names, templateEditorView, templateForm, type TemplateForm } from './templates-model';
import { useLoaded } from './use-loaded';
import { useSubmit } from './use-submit';

export function TemplatesPage({ api }: AdminPageProps) {
  const { t, credits } = useI18n();
  const loaded = useLoaded(useCallback(() => api.templates(), [api]));
  const templates = loaded.data;
  const [editing, setEditing] = useState<AdminTemplate | null>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);

  const edit = (tpl: AdminTemplate | null) => {
    setEditing(tpl);
    requestAnimationFrame(() => formHeading.current?.focus());
  };

  return (
    <section aria-labelledby="admin-templates-heading">
      <h2 id="admin-templates-heading">{t('admin.section.templates')}</h2>
      <AdminFieldError id="admin-templates-load-error" refusal={loaded.refusal} />
      <table className="admin-table" data-testid="templates">
        <caption>{t('admin.templates.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.templates.name')}</th>
            <th scope="col">{t('admin.templates.variables')}</th>
            <th scope="col">{t('admin.templates.credits')}</th>
            <th scope="col">{t('admin.templates.usedBy')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {templates !== null && templates.length === 0 && (
            <tr>
              <td colSpan={5}>{t('admin.templates.empty')}</td>
            </tr>
          )}
          {(templates ?? []).map((tpl) => (
            <tr key={tpl.id}>
              <th scope="row">{tpl.name}</th>
              <td>{tpl.variables.length === 0 ? t('admin.templates.noVariables') : tpl.variables.map((v) => `$${v}`).join(', ')}</td>
              <td>{`${credits(tpl.analysis.segments)} (${tpl.analysis.encoding === 'GSM-7' ? t('counter.gsm') : t('counter.ucs2')})`}</td>
              <td>
                <UsedBy template={tpl} />
              </td>
              <td>
                <button type="button" className="button button--small" onClick={() => edit(tpl)} aria-label={t('admin.editLabel', { name: tpl.name })}>
                  {t('admin.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <TemplateEditor
        key={editing?.id ?? 'new'}
        api={api}
        editing={editing}
        headingRef={formHeading}
        onSaved={async (saved) => {
          const list = await loaded.reload();
          if (editing) setEditing(list?.find((x) => x.id === saved.id) ?? saved);
        }}
        onCancel={() => edit(null)}
      />
    </section>
  );
}

function UsedBy({ template }: { readonly template: AdminTemplate }) {
  const { t } = useI18n();
  const { queues, profiles } = template.usedBy;
  if (queues.length === 0 && profiles.length === 0) return <>{t('admin.templates.unused')}</>;
  return (
    <ul className="admin-plain-list">
      {queues.length > 0 && <li>{t('admin.templates.usedByQueues', { names: names(queues) })}</li>}
      {profiles.length > 0 && <li>{t('admin.templates.usedByProfiles', { names: names(profiles) })}</li>}
    </ul>
  );
}

interface TemplateEditorProps extends Pick<AdminPageProps, 'api'> {
  readonly editing: AdminTemplate | null;
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
  readonly onSaved: (t: AdminTemplate) => Promise<void>;
  readonly onCancel: () => void;
}

function TemplateEditor({ api, editing, headingRef, onSaved, onCancel }: TemplateEditorProps) {
  const { t } = useI18n();
  const [form, setForm] = useState<TemplateForm>(() => templateForm(editing));
  const submit = useSubmit();
  const bodyId = useId();
  const counterId = useId();
  const variablesId = useId();
  const view = useMemo(() => templateEditorView(form.body), [form.body]);
  const bodyRefusal = submit.refusal && refusalIsFor(submit.refusal, 'body') ? submit.refusal : null;

  const set = (patch: Partial<TemplateForm>) => {
    setForm({ ...form, ...patch });
    submit.reset();
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    let saved: AdminTemplate | null = null;
    const ok = await submit.run(async () => {
      saved = editing ? await api.updateTemplate(editing.id, form) : await api.createTemplate(form);
      return t(editing ? 'admin.templates.saved' : 'admin.templates.added', { name: saved.name });
    });
    if (ok && saved) {
      if (!editing) setForm(templateForm(null));
      await onSaved(saved);
    }
  };

  return (
    <form className="admin-form admin-panel" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="admin-template-form-heading">
      <h3 id="admin-template-form-heading" ref={headingRef} tabIndex={-1}>
        {editing ? t('admin.templates.edit', { name: editing.name }) : t('admin.templates.add')}
      </h3>
      <AdminField label={t('admin.templates.name')} name="name" refusal={submit.refusal}>
        {(p) => <input {...p} className="input" autoComplete="off" value={form.name} onChange={(e) => set({ name: e.target.value })} />}
      </AdminField>
      <div className="field">
        <label className="field__label" htmlFor={bodyId}>
          {t('admin.templates.body')}
        </label>
        <textarea
          id={bodyId}
          className="input"
          rows={5}
          value={form.body}
          onChange={(e) => set({ body: e.target.value })}
          aria-invalid={bodyRefusal ? true : undefined}
          aria-describedby={describedBy(`${bodyId}-help`, counterId, variablesId, bodyRefusal && `${bodyId}-error`)}
          data-testid="template-body"
        />
        <p className="field__help" id={`${bodyId}-help`}>
          {t('admin.templates.bodyHelp')}
        </p>
        <AdminFieldError id={`${bodyId}-error`} refusal={bodyRefusal} />
        <CreditCounter id={counterId} view={view.counter} onReplace={() => set({ body: replaceLookalikes(form.body).text })} />
        <p id={variablesId} data-testid="template-variables">
          {t('admin.templates.variablesFound')}{' '}
          {view.variables.length === 0 ? t('admin.templates.noVariables') : view.variables.map((v) => `$${v}`).join(', ')}
        </p>
      </div>
      {editing && (
        <div className="admin-used-by" data-testid="template-used-by">
          <strong>{t('admin.templates.usedBy')}</strong> <UsedBy template={editing} />
        </div>
      )}
      <FormRefusal refusal={submit.refusal} fields={['name', 'body']} />
      <div className="form__actions form__actions--start">
        {editing && (
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
        <button type="submit" className="button button--primary" disabled={submit.busy}>
          {editing ? t('admin.save') : t('admin.templates.addSubmit')}
        </button>
      </div>
      <p role="status" className="admin__status sr-status">
        {submit.done ?? ''}
      </p>
    </form>
  );
}
