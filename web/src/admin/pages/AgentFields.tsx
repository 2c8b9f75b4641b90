import { useI18n } from '../../i18n/I18nProvider';
import type { Refusal } from '../../errors/error-text';
import { AdminFieldError } from '../AdminFieldError';
import type { AdminQueue, Profile } from '../admin-types';
import type { AgentLang, Role } from './agent-form';

export interface AgentFieldsProps {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly profileId: string;
  readonly lang: AgentLang;
  readonly profiles: readonly Profile[];
  readonly supervisedQueueIds: readonly string[];
  readonly queues: readonly AdminQueue[];
  readonly onChange: (patch: { name?: string; role?: Role; profileId?: string; lang?: AgentLang; supervisedQueueIds?: readonly string[] }) => void;
  readonly errorAt: (field: string) => Refusal | null;
}

function isRole(v: string): v is Role {
  return v === 'agent' || v === 'admin' || v === 'supervisor';
}

/** Name, role, profile and language: the fields an invitation and a change share. */
export function AgentFields({ id, name, role, profileId, lang, profiles, supervisedQueueIds, queues, onChange, errorAt }: AgentFieldsProps) {
  const { t } = useI18n();
  const described = (field: string) => (errorAt(field) ? `${id}-${field}-error` : undefined);
  return (
    <>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-name`}>
          {t('admin.agents.name')}
        </label>
        <input id={`${id}-name`} className="input" value={name} onChange={(e) => onChange({ name: e.currentTarget.value })} aria-invalid={errorAt('name') ? true : undefined} aria-describedby={described('name')} />
        <AdminFieldError id={`${id}-name-error`} refusal={errorAt('name')} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-role`}>
          {t('admin.agents.role')}
        </label>
        <select
          id={`${id}-role`}
          className="input"
          value={role}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (isRole(v)) onChange({ role: v });
          }}
          aria-invalid={errorAt('role') ? true : undefined}
          aria-describedby={described('role')}
        >
          <option value="agent">{t('admin.agents.role.agent')}</option>
          <option value="supervisor">{t('admin.agents.role.supervisor')}</option>
          <option value="admin">{t('admin.agents.role.admin')}</option>
        </select>
        <AdminFieldError id={`${id}-role-error`} refusal={errorAt('role')} />
      </div>
      {role === 'supervisor' && (
        <fieldset className="field checks" aria-describedby={`${id}-supervised-help`} data-testid="supervised-queues">
          <legend className="field__label">{t('supervisor.queues')}</legend>
          <p id={`${id}-supervised-help`} className="field__help">
            {t('supervisor.queuesHelp')}
          </p>
          {queues.map((q) => (
            <label key={q.id} className="checks__item">
              <input
                type="checkbox"
                checked={supervisedQueueIds.includes(q.id)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  onChange({ supervisedQueueIds: on ? [...supervisedQueueIds, q.id] : supervisedQueueIds.filter((x) => x !== q.id) });
                }}
              />{' '}
              {q.name}
            </label>
          ))}
          <AdminFieldError id={`${id}-supervisedQueueIds-error`} refusal={errorAt('supervisedQueueIds')} />
        </fieldset>
      )}
      <div className="field">
        <label className="field__label" htmlFor={`${id}-profile`}>
          {t('admin.agents.profile')}
        </label>
        <select id={`${id}-profile`} className="input" value={profileId} onChange={(e) => onChange({ profileId: e.currentTarget.value })} aria-invalid={errorAt('profileId') ? true : undefined} aria-describedby={described('profileId')}>
          <option value="">{t('admin.agents.noProfile')}</option>
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <AdminFieldError id={`${id}-profileId-error`} refusal={errorAt('profileId')} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-lang`}>
          {t('admin.agents.lang')}
        </label>
        <select id={`${id}-lang`} className="input" value={lang} onChange={(e) => onChange({ lang: e.currentTarget.value === 'fr' ? 'fr' : 'en' })}>
          <option value="en" lang="en">
            English
          </option>
          <option value="fr" lang="fr">
            Français
          </option>
        </select>
      </div>
    </>
  );
}
