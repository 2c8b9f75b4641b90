import { useId, type FormEvent } from 'react';
import { useAsync } from '../../flows/use-async';
import { useI18n } from '../../i18n/I18nProvider';
import { countryName } from '../../i18n/country-name';
import { AdminFieldError } from '../AdminFieldError';
import { AdminTable } from '../AdminTable';
import { EditButton } from '../EditButton';
import { FormActions } from '../FormActions';
import { FormStatus } from '../FormStatus';
import type { AdminPageProps } from '../admin-routes';
import type { Profile } from '../admin-types';
import { useListEditor } from '../use-list-editor';
import { CheckboxList } from './CheckboxList';
import { CountryPicker } from './CountryPicker';
import { AdminField } from './AdminField';
import { LoadFailed } from './LoadFailed';
import { NEW_PROFILE, profileBody, profileDraft, type ProfileDraft } from './profile-form';
import { SendingWindowFields } from './SendingWindowFields';
import { WINDOW_FIELDS, windowSummary } from './window-form';

const FIELDS = ['name', 'permissions', 'maxInteractions', 'undoSeconds', 'authorizedCountries', 'numberIds', 'templateIds', ...WINDOW_FIELDS];

/** Profiles: what their agents may do (modes, load, countries) and the numbers and templates Direct SMS offers them. */
export function ProfilesPage({ api }: AdminPageProps) {
  const { t, lang, number } = useI18n();
  const id = useId();
  const { version, reload, editing, draft, formKey, formTitle, edit, set, save, errorAt, busy, status } = useListEditor<Profile, ProfileDraft>({
    blank: NEW_PROFILE,
    draftOf: profileDraft,
    fields: FIELDS,
  });
  const data = useAsync(() => Promise.all([api.profiles(), api.numbers(), api.templates()]), `profiles-${version}`);
  const submit = (e: FormEvent) =>
    save(
      e,
      (p) => (p ? api.updateProfile(p.id, profileBody(draft)) : api.createProfile(profileBody(draft))),
      (saved, created) => t(created ? 'admin.profiles.created' : 'admin.profiles.saved', { name: saved.name }),
    );

  const heading = `${id}-heading`;
  const formHeading = `${id}-form`;
  const [profiles, numbers, templates] = data.state === 'ready' ? data.value : [[], [], []];
  const numberLabel = (nid: string) => numbers.find((n) => n.id === nid)?.address ?? nid;
  const templateLabel = (tid: string) => templates.find((x) => x.id === tid)?.name ?? tid;
  const modes = (p: Profile) =>
    [p.permissions.messaging && t('admin.profiles.messaging'), p.permissions.direct && t('admin.profiles.direct'), p.permissions.smart && t('admin.profiles.smart')].filter(Boolean).join(', ') ||
    t('admin.people.none');
  const list = (items: readonly string[]) => (items.length === 0 ? t('admin.people.none') : items.join(', '));

  return (
    <section aria-labelledby={heading}>
      <h2 id={heading}>{t('admin.section.profiles')}</h2>
      {data.state === 'failed' && <LoadFailed refusal={data.refusal} onRetry={reload} />}
      {data.state === 'loading' && <p>{t('app.loading')}</p>}
      {data.state === 'ready' && (
        <AdminTable
          look="wide"
          testId="profiles-table"
          caption={t('admin.profiles.caption')}
          columns={[t('admin.profiles.name'), t('admin.profiles.permissions'), t('admin.profiles.maxShort'), t('admin.profiles.countries'), t('admin.profiles.numbersShort'), t('admin.profiles.templates'), t('windows.admin.column'), t('admin.actions')]}
          empty={t('admin.profiles.empty')}
          isEmpty={profiles.length === 0}
        >
          {profiles.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.name}</th>
              <td>{modes(p)}</td>
              <td>{number(p.maxInteractions)}</td>
              <td>{list(p.authorizedCountries.map((c) => countryName(c, lang)))}</td>
              <td>{list(p.numberIds.map(numberLabel))}</td>
              <td>{list(p.templateIds.map(templateLabel))}</td>
              <td>{windowSummary(p.sendingWindow, lang)}</td>
              <td>
                <EditButton name={p.name} onEdit={() => edit(p)} />
              </td>
            </tr>
          ))}
        </AdminTable>
      )}

      <form className="admin__form" aria-labelledby={formHeading} onSubmit={(e) => void submit(e)} noValidate data-testid="profile-form">
        <h3 id={formHeading} ref={formTitle} tabIndex={-1} className="form__title">{editing ? t('admin.profiles.editHeading', { name: editing.name }) : t('admin.profiles.newHeading')}</h3>
        <AdminField label={t('admin.profiles.name')} name="name" refusal={errorAt('name')}>
          {(p) => <input {...p} className="input" value={draft.name} onChange={(e) => set({ name: e.currentTarget.value })} />}
        </AdminField>
        <fieldset className="field checks" aria-describedby={errorAt('permissions') ? `${id}-perm-error` : undefined}>
          <legend className="field__label">{t('admin.profiles.permissions')}</legend>
          <label className="checks__item">
            <input type="checkbox" checked={draft.messaging} onChange={(e) => set({ messaging: e.currentTarget.checked })} /> {t('admin.profiles.messaging')}
          </label>
          <label className="checks__item">
            <input type="checkbox" checked={draft.direct} onChange={(e) => set({ direct: e.currentTarget.checked })} /> {t('admin.profiles.direct')}
          </label>
          <label className="checks__item">
            <input type="checkbox" checked={draft.smart} onChange={(e) => set({ smart: e.currentTarget.checked })} /> {t('admin.profiles.smart')}
          </label>
          <p className="field__help">{t('admin.profiles.permissionsHelp')}</p>
          <AdminFieldError id={`${id}-perm-error`} refusal={errorAt('permissions')} />
        </fieldset>
        <AdminField label={t('admin.profiles.max')} name="maxInteractions" refusal={errorAt('maxInteractions')}>
          {(p) => (
            <input {...p} className="input input--compact" type="number" min={0} max={1000} step={1} value={draft.maxInteractions} onChange={(e) => set({ maxInteractions: e.currentTarget.value })} />
          )}
        </AdminField>
        <AdminField label={t('admin.profiles.undo')} name="undoSeconds" refusal={errorAt('undoSeconds')} help={t('admin.profiles.undoHelp')}>
          {(p) => <input {...p} className="input input--compact" type="number" min={0} max={30} step={1} value={draft.undoSeconds} onChange={(e) => set({ undoSeconds: e.currentTarget.value })} />}
        </AdminField>
        {/* A new form (another profile, or a blank one after a creation) also clears the country search. */}
        <CountryPicker key={formKey} chosen={draft.countries} onChange={(countries) => set({ countries })} refusal={errorAt('authorizedCountries')} />
        <CheckboxList
          id={`${id}-numbers`}
          legend={t('admin.profiles.numbers')}
          options={numbers.map((n) => ({ id: n.id, label: n.address }))}
          chosen={draft.numberIds}
          onChange={(numberIds) => set({ numberIds })}
          empty={t('admin.profiles.numbersEmpty')}
          refusal={errorAt('numberIds')}
        />
        <CheckboxList
          id={`${id}-templates`}
          legend={t('admin.profiles.templates')}
          options={templates.map((x) => ({ id: x.id, label: x.name }))}
          chosen={draft.templateIds}
          onChange={(templateIds) => set({ templateIds })}
          empty={t('admin.profiles.templatesEmpty')}
          refusal={errorAt('templateIds')}
        />
        <SendingWindowFields draft={draft.window} onChange={(window) => set({ window })} errorAt={errorAt} />
        <AdminFieldError id={`${id}-form-error`} refusal={errorAt('form')} />
        <FormActions submitLabel={editing ? t('admin.save') : t('admin.profiles.create')} busy={busy} onCancel={editing ? () => edit(null) : null} />
        <FormStatus text={status} />
      </form>
    </section>
  );
}
