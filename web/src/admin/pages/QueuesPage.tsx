import { useId, type FormEvent } from 'react';
import { useAsync } from '../../flows/use-async';
import { useI18n } from '../../i18n/I18nProvider';
import { AdminFieldError } from '../AdminFieldError';
import { AdminTable } from '../AdminTable';
import { EditButton } from '../EditButton';
import { FormActions } from '../FormActions';
import { FormStatus } from '../FormStatus';
import type { AdminPageProps } from '../admin-routes';
import type { AdminQueue } from '../admin-types';
import { useListEditor } from '../use-list-editor';
import { CheckboxList } from './CheckboxList';
import { AdminField } from './AdminField';
import { LoadFailed } from './LoadFailed';
import { NEW_QUEUE, queueBody, queueDraft, type QueueDraft } from './queue-form';
import { CategoryField } from './CategoryField';
import { SendingWindowFields } from './SendingWindowFields';
import { WINDOW_FIELDS, windowSummary } from './window-form';

const FIELDS = ['name', 'smsNumberId', 'templateIds', 'memberIds', 'category', ...WINDOW_FIELDS];

/** Distribution queues: the number a Smart SMS is sent from, the templates offered in it, the agents who take it. */
export function QueuesPage({ api }: AdminPageProps) {
  const { t, lang } = useI18n();
  const id = useId();
  const { version, reload, editing, draft, formTitle, edit, set, save, errorAt, busy, status } = useListEditor<AdminQueue, QueueDraft>({
    blank: NEW_QUEUE,
    draftOf: queueDraft,
    fields: FIELDS,
  });
  const data = useAsync(() => Promise.all([api.queues(), api.numbers(), api.templates(), api.agents()]), `queues-${version}`);
  const submit = (e: FormEvent) =>
    save(
      e,
      (q) => (q ? api.updateQueue(q.id, queueBody(draft)) : api.createQueue(queueBody(draft))),
      (saved, created) => t(created ? 'admin.queues.created' : 'admin.queues.saved', { name: saved.name }),
    );

  const heading = `${id}-heading`;
  const formHeading = `${id}-form`;
  const [queues, numbers, templates, agents] = data.state === 'ready' ? data.value : [[], [], [], []];
  const list = (items: readonly string[]) => (items.length === 0 ? t('admin.people.none') : items.join(', '));
  const numberLabel = (nid: string | null) => (nid === null ? t('admin.queues.noNumber') : (numbers.find((n) => n.id === nid)?.address ?? nid));
  const templateLabel = (tid: string) => templates.find((x) => x.id === tid)?.name ?? tid;
  const agentLabel = (aid: string) => agents.find((a) => a.id === aid)?.name ?? aid;

  return (
    <section aria-labelledby={heading}>
      <h2 id={heading}>{t('admin.section.queues')}</h2>
      {data.state === 'failed' && <LoadFailed refusal={data.refusal} onRetry={reload} />}
      {data.state === 'loading' && <p>{t('app.loading')}</p>}
      {data.state === 'ready' && (
        <AdminTable
          look="wide"
          testId="queues-table"
          caption={t('admin.queues.caption')}
          columns={[t('admin.queues.name'), t('admin.queues.number'), t('admin.queues.templates'), t('admin.queues.members'), t('windows.admin.category'), t('windows.admin.column'), t('admin.actions')]}
          empty={t('admin.queues.empty')}
          isEmpty={queues.length === 0}
        >
          {queues.map((q) => (
            <tr key={q.id}>
              <th scope="row">{q.name}</th>
              <td>{numberLabel(q.smsNumberId)}</td>
              <td>{list(q.templateIds.map(templateLabel))}</td>
              <td>{list(q.memberIds.map(agentLabel))}</td>
              <td>{t(q.category === 'MARKETING' ? 'windows.admin.MARKETING' : 'windows.admin.NOTIFICATION')}</td>
              <td>{windowSummary(q.sendingWindow, lang)}</td>
              <td>
                <EditButton name={q.name} onEdit={() => edit(q)} />
              </td>
            </tr>
          ))}
        </AdminTable>
      )}

      <form className="admin__form" aria-labelledby={formHeading} onSubmit={(e) => void submit(e)} noValidate data-testid="queue-form">
        <h3 id={formHeading} ref={formTitle} tabIndex={-1} className="form__title">{editing ? t('admin.queues.editHeading', { name: editing.name }) : t('admin.queues.newHeading')}</h3>
        <AdminField label={t('admin.queues.name')} name="name" refusal={errorAt('name')}>
          {(p) => <input {...p} className="input" value={draft.name} onChange={(e) => set({ name: e.currentTarget.value })} />}
        </AdminField>
        <AdminField label={t('admin.queues.number')} name="smsNumberId" refusal={errorAt('smsNumberId')} help={t('admin.queues.numberHelp')}>
          {(p) => (
            <select {...p} className="input" value={draft.smsNumberId} onChange={(e) => set({ smsNumberId: e.currentTarget.value })}>
              <option value="">{t('admin.queues.noNumber')}</option>
              {numbers.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.address}
                </option>
              ))}
            </select>
          )}
        </AdminField>
        <CheckboxList
          id={`${id}-templates`}
          legend={t('admin.queues.templates')}
          options={templates.map((x) => ({ id: x.id, label: x.name }))}
          chosen={draft.templateIds}
          onChange={(templateIds) => set({ templateIds })}
          empty={t('admin.profiles.templatesEmpty')}
          refusal={errorAt('templateIds')}
        />
        <CheckboxList
          id={`${id}-members`}
          legend={t('admin.queues.members')}
          options={agents.map((a) => ({ id: a.id, label: `${a.name} (${a.email})` }))}
          chosen={draft.memberIds}
          onChange={(memberIds) => set({ memberIds })}
          empty={t('admin.queues.membersEmpty')}
          refusal={errorAt('memberIds')}
        />
        <CategoryField value={draft.category} onChange={(category) => set({ category })} refusal={errorAt('category')} />
        <SendingWindowFields draft={draft.window} onChange={(window) => set({ window })} errorAt={errorAt} />
        <AdminFieldError id={`${id}-form-error`} refusal={errorAt('form')} />
        <FormActions submitLabel={editing ? t('admin.save') : t('admin.queues.create')} busy={busy} onCancel={editing ? () => edit(null) : null} />
        <FormStatus text={status} />
      </form>
    </section>
  );
}
