import { useId, useState, type FormEvent } from 'react';
import { useAsync } from '../../flows/use-async';
import { useI18n } from '../../i18n/I18nProvider';
import type { Refusal } from '../../errors/error-text';
import { toRefusal } from '../../errors/to-refusal';
import { AdminFieldError } from '../AdminFieldError';
import { refusalPlace } from '../admin-refusal';
import type { AdminPageProps } from '../admin-routes';
import type { AdminQueue } from '../admin-types';
import { CheckboxList } from './CheckboxList';
import { LoadFailed } from './LoadFailed';
import { useFocusOnChange } from './use-focus-on-change';
import { NEW_QUEUE, queueBody, queueDraft, type QueueDraft } from './queue-form';

const FIELDS = ['name', 'smsNumberId', 'templateIds', 'memberIds'];

/** Distribution queues: the number a Smart SMS is sent from, the templates offered in it, the agents who take it. */
export function QueuesPage({ api }: AdminPageProps) {
  const { t } = useI18n();
  const id = useId();
  const [version, setVersion] = useState(0);
  const data = useAsync(() => Promise.all([api.queues(), api.numbers(), api.templates(), api.agents()]), `queues-${version}`);
  const [editing, setEditing] = useState<AdminQueue | null>(null);
  const [draft, setDraft] = useState<QueueDraft>(NEW_QUEUE);
  const [refusal, setRefusal] = useState<{ place: string; refusal: Refusal } | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const formTitle = useFocusOnChange<HTMLHeadingElement>(editing?.id ?? '');

  const edit = (q: AdminQueue | null) => {
    setEditing(q);
    setDraft(q ? queueDraft(q) : NEW_QUEUE);
    setRefusal(null);
    setStatus('');
  };
  const set = (patch: Partial<QueueDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const errorAt = (place: string) => (refusal?.place === place ? refusal.refusal : null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setRefusal(null);
    setStatus('');
    try {
      const body = queueBody(draft);
      const saved = editing ? await api.updateQueue(editing.id, body) : await api.createQueue(body);
      setStatus(t(editing ? 'admin.queues.saved' : 'admin.queues.created', { name: saved.name }));
      if (editing) setEditing(saved);
      else setDraft(NEW_QUEUE);
      setVersion((v) => v + 1);
    } catch (err) {
      const r = toRefusal(err);
      setRefusal({ place: refusalPlace(r, FIELDS), refusal: r });
    } finally {
      setBusy(false);
    }
  };

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
      {data.state === 'failed' && <LoadFailed refusal={data.refusal} onRetry={() => setVersion((v) => v + 1)} />}
      {data.state === 'loading' && <p>{t('app.loading')}</p>}
      {data.state === 'ready' && (
        <div className="admin__table-wrap">
          <table className="admin__table" data-testid="queues-table">
            <caption>{t('admin.queues.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.queues.name')}</th>
                <th scope="col">{t('admin.queues.number')}</th>
                <th scope="col">{t('admin.queues.templates')}</th>
                <th scope="col">{t('admin.queues.members')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {queues.length === 0 && (
                <tr>
                  <td colSpan={5}>{t('admin.queues.empty')}</td>
                </tr>
              )}
              {queues.map((q) => (
                <tr key={q.id}>
                  <th scope="row">{q.name}</th>
                  <td>{numberLabel(q.smsNumberId)}</td>
                  <td>{list(q.templateIds.map(templateLabel))}</td>
                  <td>{list(q.memberIds.map(agentLabel))}</td>
                  <td>
                    <button type="button" className="button button--small" onClick={() => edit(q)} aria-label={t('admin.editLabel', { name: q.name })}>
                      {t('admin.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <form className="admin__form" aria-labelledby={formHeading} onSubmit={(e) => void submit(e)} noValidate data-testid="queue-form">
        <h3 id={formHeading} ref={formTitle} tabIndex={-1} className="form__title">{editing ? t('admin.queues.editHeading', { name: editing.name }) : t('admin.queues.newHeading')}</h3>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-name`}>
            {t('admin.queues.name')}
          </label>
          <input
            id={`${id}-name`}
            className="input"
            value={draft.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            aria-invalid={errorAt('name') ? true : undefined}
            aria-describedby={errorAt('name') ? `${id}-name-error` : undefined}
          />
          <AdminFieldError id={`${id}-name-error`} refusal={errorAt('name')} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-number`}>
            {t('admin.queues.number')}
          </label>
          <select
            id={`${id}-number`}
            className="input"
            value={draft.smsNumberId}
            onChange={(e) => set({ smsNumberId: e.currentTarget.value })}
            aria-invalid={errorAt('smsNumberId') ? true : undefined}
            aria-describedby={`${id}-number-help${errorAt('smsNumberId') ? ` ${id}-number-error` : ''}`}
          >
            <option value="">{t('admin.queues.noNumber')}</option>
            {numbers.map((n) => (
              <option key={n.id} value={n.id}>
                {n.address}
              </option>
            ))}
          </select>
          <p id={`${id}-number-help`} className="field__help">
            {t('admin.queues.numberHelp')}
          </p>
          <AdminFieldError id={`${id}-number-error`} refusal={errorAt('smsNumberId')} />
        </div>
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
        <AdminFieldError id={`${id}-form-error`} refusal={errorAt('form')} />
        <div className="form__actions">
          {editing && (
            <button type="button" className="button" onClick={() => edit(null)}>
              {t('common.cancel')}
            </button>
          )}
          <button type="submit" className="button button--primary" disabled={busy}>
            {editing ? t('admin.save') : t('admin.queues.create')}
          </button>
        </div>
        <p role="status" className="admin__status" data-testid="admin-status">
          {status}
        </p>
      </form>
    </section>
  );
}
