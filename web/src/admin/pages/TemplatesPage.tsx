// Templates: the list (variables, credits, which queues and profiles offer each), and one form to create a template
// or edit the one chosen, with the Banner's live credit counter and the variables found as the body is typed.
import { useCallback, useId, useMemo, type FormEvent, type RefObject } from 'react';
import { CreditCounter } from '../../counter/CreditCounter';
import { replaceLookalikes } from '../../counter/counter-model';
import { useI18n } from '../../i18n/I18nProvider';
import { AdminFieldError } from '../AdminFieldError';
import { AdminTable } from '../AdminTable';
import { EditButton } from '../EditButton';
import { FormActions } from '../FormActions';
import { FormStatus } from '../FormStatus';
import { refusalIsFor } from '../admin-refusal';
import type { AdminPageProps } from '../admin-routes';
import type { AdminTemplate } from '../admin-types';
import { useChosenItem } from '../use-chosen-item';
import { useItemForm } from '../use-item-form';
import { describedBy } from '../../ui/FieldError';
import { AdminField, FormRefusal } from './AdminField';
import { names, templateEditorView, templateForm, type TemplateForm } from './templates-model';
import { CategoryField } from './CategoryField';
import { useLoaded } from './use-loaded';

export function TemplatesPage({ api }: AdminPageProps) {
  const { t, credits } = useI18n();
  const loaded = useLoaded(useCallback(() => api.templates(), [api]));
  const templates = loaded.data;
  const { editing, setEditing, edit, headingRef } = useChosenItem<AdminTemplate>();

  return (
    <section aria-labelledby="admin-templates-heading">
      <h2 id="admin-templates-heading">{t('admin.section.templates')}</h2>
      <AdminFieldError id="admin-templates-load-error" refusal={loaded.refusal} />
      <AdminTable
        look="plain"
        testId="templates"
        caption={t('admin.templates.caption')}
        columns={[t('admin.templates.name'), t('admin.templates.variables'), t('admin.templates.credits'), t('admin.templates.usedBy'), t('admin.actions')]}
        empty={t('admin.templates.empty')}
        isEmpty={templates !== null && templates.length === 0}
      >
        {(templates ?? []).map((tpl) => (
          <tr key={tpl.id}>
            <th scope="row">{tpl.name}</th>
            <td>{tpl.variables.length === 0 ? t('admin.templates.noVariables') : tpl.variables.map((v) => `$${v}`).join(', ')}</td>
            <td>{`${credits(tpl.analysis.segments)} (${tpl.analysis.encoding === 'GSM-7' ? t('counter.gsm') : t('counter.ucs2')})`}</td>
            <td>
              <UsedBy template={tpl} />
            </td>
            <td>
              <EditButton name={tpl.name} onEdit={() => edit(tpl)} />
            </td>
          </tr>
        ))}
      </AdminTable>
      <TemplateEditor
        key={editing?.id ?? 'new'}
        api={api}
        editing={editing}
        headingRef={headingRef}
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
  const { form, set, submit, save } = useItemForm<AdminTemplate, TemplateForm>(editing, templateForm, onSaved);
  const bodyId = useId();
  const counterId = useId();
  const variablesId = useId();
  const view = useMemo(() => templateEditorView(form.body), [form.body]);
  const bodyRefusal = submit.refusal && refusalIsFor(submit.refusal, 'body') ? submit.refusal : null;

  const onSubmit = (e: FormEvent) =>
    save(
      e,
      () => (editing ? api.updateTemplate(editing.id, form) : api.createTemplate(form)),
      (saved) => t(editing ? 'admin.templates.saved' : 'admin.templates.added', { name: saved.name }),
    );

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
      <CategoryField value={form.category} onChange={(category) => set({ category })} refusal={submit.refusal && refusalIsFor(submit.refusal, 'category') ? submit.refusal : null} />
      {editing && (
        <div className="admin-used-by" data-testid="template-used-by">
          <strong>{t('admin.templates.usedBy')}</strong> <UsedBy template={editing} />
        </div>
      )}
      <FormRefusal refusal={submit.refusal} fields={['name', 'body', 'category']} />
      <FormActions start submitLabel={editing ? t('admin.save') : t('admin.templates.addSubmit')} busy={submit.busy} onCancel={editing ? onCancel : null} />
      <FormStatus quiet text={submit.done ?? ''} />
    </form>
  );
}
