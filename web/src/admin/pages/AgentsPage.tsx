import { useId, useState, type FormEvent } from 'react';
import { useAsync } from '../../flows/use-async';
import { useI18n } from '../../i18n/I18nProvider';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { AdminFieldError } from '../AdminFieldError';
import { AdminTable } from '../AdminTable';
import { EditButton } from '../EditButton';
import { FormActions } from '../FormActions';
import { FormStatus } from '../FormStatus';
import type { AdminPageProps } from '../admin-routes';
import type { AdminAgent } from '../admin-types';
import { useRefusedAction } from '../use-refused-action';
import { AdminField } from './AdminField';
import { AgentFields } from './AgentFields';
import { agentDraft, agentUpdateBody, inviteBody, newInvite, type AgentDraft, type InviteDraft, type IssuedPassword } from './agent-form';
import { LoadFailed } from './LoadFailed';
import { useFocusOnChange } from './use-focus-on-change';
import { OneTimePassword } from './OneTimePassword';

const FIELDS = ['email', 'name', 'role', 'profileId', 'lang', 'disabled', 'supervisedQueueIds'];

/** Agents: invite (the one-time password is shown once), change role, profile, language, disable, reset the password. */
export function AgentsPage({ api, me }: AdminPageProps) {
  const { t, lang } = useI18n();
  const id = useId();
  const [version, setVersion] = useState(0);
  const data = useAsync(() => Promise.all([api.agents(), api.profiles(), api.queues()]), `agents-${version}`);
  const [invite, setInvite] = useState<InviteDraft>(() => newInvite(lang));
  const [editing, setEditing] = useState<AdminAgent | null>(null);
  const [draft, setDraft] = useState<AgentDraft | null>(null);
  const action = useRefusedAction(FIELDS);
  const { errorAt } = action;
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const [resetting, setResetting] = useState<AdminAgent | null>(null);
  // The form that replaces the other (invite or change) takes the focus: the Edit button, or Save, is gone.
  const editTitle = useFocusOnChange<HTMLHeadingElement>(editing?.id ?? '');

  const edit = (a: AdminAgent | null) => {
    setEditing(a);
    setDraft(a ? agentDraft(a) : null);
    action.clear();
  };

  const run = async (work: () => Promise<string>) => {
    if (await action.run(work)) setVersion((v) => v + 1);
  };

  const submitInvite = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const created = await api.createAgent(inviteBody(invite));
      setIssued({ agentName: created.agent.name, email: created.agent.email, password: created.oneTimePassword });
      setInvite(newInvite(lang));
      return t('admin.agents.invited', { name: created.agent.name });
    });
  };

  const submitEdit = (e: FormEvent) => {
    e.preventDefault();
    if (!editing || !draft) return;
    void run(async () => {
      const saved = await api.updateAgent(editing.id, agentUpdateBody(draft));
      edit(null);
      return t('admin.agents.saved', { name: saved.name });
    });
  };

  const reset = (a: AdminAgent) => {
    setResetting(null);
    void run(async () => {
      const { oneTimePassword } = await api.resetAgentPassword(a.id);
      setIssued({ agentName: a.name, email: a.email, password: oneTimePassword });
      return t('admin.agents.resetDone', { name: a.name });
    });
  };

  const heading = `${id}-heading`;
  const [agents, profiles, queues] = data.state === 'ready' ? data.value : [[], [], []];
  const roleText = (a: AdminAgent) => {
    if (a.role === 'admin') return t('admin.agents.role.admin');
    if (a.role === 'agent') return t('admin.agents.role.agent');
    const names = a.supervisedQueueIds.map((q) => queues.find((x) => x.id === q)?.name ?? q);
    return `${t('admin.agents.role.supervisor')} ${names.length > 0 ? t('supervisor.queuesOf', { queues: names.join(', ') }) : `(${t('supervisor.noQueue')})`}`;
  };
  const profileName = (pid: string | null) => (pid === null ? t('admin.agents.noProfile') : (profiles.find((p) => p.id === pid)?.name ?? pid));

  return (
    <section aria-labelledby={heading}>
      <h2 id={heading}>{t('admin.section.agents')}</h2>
      {issued && (
        <OneTimePassword
          issued={issued}
          onDone={() => {
            setIssued(null);
            // The panel and its button are gone: the keyboard goes on from the form below.
            editTitle.current?.focus();
          }}
        />
      )}
      {data.state === 'failed' && <LoadFailed refusal={data.refusal} onRetry={() => setVersion((v) => v + 1)} />}
      {data.state === 'loading' && <p>{t('app.loading')}</p>}
      {data.state === 'ready' && (
        <AdminTable
          look="wide"
          testId="agents-table"
          caption={t('admin.agents.caption')}
          columns={[t('admin.agents.name'), t('admin.agents.email'), t('admin.agents.role'), t('admin.agents.profile'), t('admin.agents.state'), t('admin.actions')]}
        >
          {agents.map((a) => (
            <tr key={a.id}>
              <th scope="row">{a.name}</th>
              <td>{a.email}</td>
              <td>{roleText(a)}</td>
              <td>{profileName(a.profileId)}</td>
              <td>{t(a.disabled ? 'admin.agents.disabled' : 'admin.agents.active')}</td>
              <td className="admin__actions">
                <EditButton name={a.name} onEdit={() => edit(a)} />
                {/* Not one's own: a reset ends the sessions of the administrator making it. */}
                {a.id !== me.agent.agentId && (
                  <button type="button" className="button button--small" onClick={() => setResetting(a)} aria-label={t('admin.agents.resetNamed', { name: a.name })}>
                    {t('admin.agents.reset')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </AdminTable>
      )}

      {editing && draft ? (
        <form className="admin__form" aria-labelledby={`${id}-edit`} onSubmit={submitEdit} noValidate data-testid="agent-edit-form">
          <h3 id={`${id}-edit`} ref={editTitle} tabIndex={-1} className="form__title">{t('admin.agents.editHeading', { name: editing.name })}</h3>
          <p className="field__help">{editing.email}</p>
          <AgentFields id={`${id}-e`} {...draft} profiles={profiles} queues={queues} onChange={(patch) => setDraft({ ...draft, ...patch })} errorAt={errorAt} />
          <div className="field">
            <label className="checks__item">
              <input
                type="checkbox"
                checked={draft.disabled}
                onChange={(e) => setDraft({ ...draft, disabled: e.currentTarget.checked })}
                aria-invalid={errorAt('disabled') ? true : undefined}
                aria-describedby={`${id}-disabled-help${errorAt('disabled') ? ` ${id}-disabled-error` : ''}`}
              />{' '}
              {t('admin.agents.disable')}
            </label>
            <p id={`${id}-disabled-help`} className="field__help">
              {t('admin.agents.disableHelp')}
            </p>
            <AdminFieldError id={`${id}-disabled-error`} refusal={errorAt('disabled')} />
          </div>
          <AdminFieldError id={`${id}-edit-error`} refusal={errorAt('form')} />
          <FormActions submitLabel={t('admin.save')} busy={action.busy} onCancel={() => edit(null)} />
        </form>
      ) : (
        <form className="admin__form" aria-labelledby={`${id}-invite`} onSubmit={submitInvite} noValidate data-testid="agent-invite-form">
          <h3 id={`${id}-invite`} ref={editTitle} tabIndex={-1} className="form__title">{t('admin.agents.inviteHeading')}</h3>
          <AdminField label={t('admin.agents.email')} name="email" refusal={errorAt('email')}>
            {(p) => <input {...p} className="input" type="email" autoComplete="off" value={invite.email} onChange={(e) => setInvite({ ...invite, email: e.currentTarget.value })} />}
          </AdminField>
          <AgentFields id={`${id}-i`} {...invite} profiles={profiles} queues={queues} onChange={(patch) => setInvite({ ...invite, ...patch })} errorAt={errorAt} />
          <AdminFieldError id={`${id}-invite-error`} refusal={errorAt('form')} />
          <FormActions submitLabel={t('admin.agents.invite')} busy={action.busy} />
        </form>
      )}
      <FormStatus text={action.status} />
      {resetting && (
        <ConfirmDialog
          title={t('admin.agents.resetTitle', { name: resetting.name })}
          description={t('admin.agents.resetText')}
          confirmLabel={t('admin.agents.resetConfirm')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => reset(resetting)}
          onCancel={() => setResetting(null)}
          testId="reset-confirm-dialog"
        />
      )}
    </section>
  );
}
