// Contact names of the account: search and page through them, add, rename or remove one, and
// import a CSV file (`number,name`) with a line-by-line report of what was refused and why.
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useAsync } from '../../flows/use-async';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/translate';
import { When } from '../../i18n/When';
import type { ContactImportReport } from '../../timeline/contacts-admin-api';
import { FieldError } from '../../ui/FieldError';
import { AdminTable } from '../AdminTable';
import type { AdminPageProps } from '../admin-routes';
import { FormStatus } from '../FormStatus';
import { LoadFailed } from './LoadFailed';
import { Pager } from './Pager';
import { useSubmit } from './use-submit';

export const CONTACTS_PAGE_SIZE = 50;

const REASONS: Readonly<Record<string, MessageKey>> = {
  INVALID_NUMBER: 'timeline.admin.reason.INVALID_NUMBER',
  NAME_EMPTY: 'timeline.admin.reason.NAME_EMPTY',
  NAME_TOO_LONG: 'timeline.admin.reason.NAME_TOO_LONG',
  NAME_CONTROL_CHARACTER: 'timeline.admin.reason.NAME_CONTROL_CHARACTER',
  WRONG_COLUMN_COUNT: 'timeline.admin.reason.WRONG_COLUMN_COUNT',
  UNCLOSED_QUOTE: 'timeline.admin.reason.UNCLOSED_QUOTE',
  DUPLICATE_NUMBER: 'timeline.admin.reason.DUPLICATE_NUMBER',
};

interface Editing {
  readonly number: string;
  readonly name: string;
  readonly isNew: boolean;
}

export function ContactsPage({ api }: AdminPageProps) {
  const { t } = useI18n();
  const id = useId();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [csv, setCsv] = useState('');
  const [report, setReport] = useState<ContactImportReport | null>(null);
  const save = useSubmit();
  const importing = useSubmit();
  const data = useAsync(() => api.contacts({ q, limit: CONTACTS_PAGE_SIZE, offset }), `contacts-${q}-${offset}-${version}`);
  const heading = `${id}-heading`;

  const search = (e: FormEvent) => {
    e.preventDefault();
    setQ(typed.trim());
    setOffset(0);
  };

  const submitEdit = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    const ok = await save.run(async () => {
      const c = await api.putContact(editing.number, editing.name);
      return c.name === null ? t('timeline.nameRemoved', { number: c.number }) : t('timeline.nameSaved', { number: c.number });
    });
    if (ok) {
      setEditing(null);
      setVersion((v) => v + 1);
    }
  };

  const remove = (number: string) =>
    void save.run(async () => {
      await api.removeContact(number);
      setVersion((v) => v + 1);
      return t('timeline.nameRemoved', { number });
    });

  const submitImport = async (e: FormEvent) => {
    e.preventDefault();
    setReport(null);
    await importing.run(async () => {
      const r = await api.importContacts(csv);
      setReport(r);
      setVersion((v) => v + 1);
      return t('timeline.admin.imported', { accepted: r.accepted, created: r.created, updated: r.updated, unchanged: r.unchanged, refused: r.refused.length });
    });
  };

  const chooseFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    if (file) void file.text().then(setCsv);
  };

  return (
    <section aria-labelledby={heading} data-testid="contacts-page">
      <h2 id={heading}>{t('timeline.admin.section')}</h2>
      <p className="field__help">{t('timeline.admin.help')}</p>

      <form role="search" className="form form--inline" onSubmit={search}>
        <label htmlFor={`${id}-q`} className="field__label">
          {t('timeline.admin.search')}
        </label>
        <input id={`${id}-q`} className="input" type="search" value={typed} onChange={(e) => setTyped(e.currentTarget.value)} data-testid="contacts-search" />
        <button type="submit" className="button">
          {t('timeline.admin.searchButton')}
        </button>
      </form>

      {save.done && <FormStatus text={save.done} />}
      <FieldError id={`${id}-save`} refusal={save.refusal} />
      {data.state === 'failed' && <LoadFailed refusal={data.refusal} onRetry={() => setVersion((v) => v + 1)} />}
      {data.state === 'loading' && <p>{t('app.loading')}</p>}
      {data.state === 'ready' && (
        <>
          <AdminTable
            look="wide"
            testId="contacts-table"
            caption={t('timeline.admin.caption', { total: data.value.total })}
            columns={[t('timeline.admin.number'), t('timeline.name'), t('timeline.admin.setBy'), t('timeline.admin.updated'), t('timeline.admin.actions')]}
            empty={t('timeline.admin.empty')}
            isEmpty={data.value.contacts.length === 0}
          >
            {data.value.contacts.map((c) => (
              <tr key={c.number}>
                <th scope="row">{c.number}</th>
                <td>{c.name}</td>
                <td>{c.updatedBy ?? '—'}</td>
                <td>{c.updatedAt ? <When at={c.updatedAt} /> : '—'}</td>
                <td>
                  <button type="button" className="button button--small" aria-label={t('timeline.admin.editLabel', { number: c.number })} onClick={() => setEditing({ number: c.number, name: c.name ?? '', isNew: false })}>
                    {t('timeline.editName')}
                  </button>{' '}
                  <button type="button" className="button button--small" aria-label={t('timeline.admin.removeLabel', { number: c.number })} onClick={() => remove(c.number)}>
                    {t('timeline.admin.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </AdminTable>
          <Pager
            label={t('timeline.admin.pages')}
            page={offset / CONTACTS_PAGE_SIZE + 1}
            hasNewer={offset > 0}
            hasOlder={offset + CONTACTS_PAGE_SIZE < data.value.total}
            onNewer={() => setOffset(Math.max(0, offset - CONTACTS_PAGE_SIZE))}
            onOlder={() => setOffset(offset + CONTACTS_PAGE_SIZE)}
          />
        </>
      )}

      {editing ? (
        <form className="form" onSubmit={(e) => void submitEdit(e)} noValidate data-testid="contact-form">
          <h3>{editing.isNew ? t('timeline.admin.add') : t('timeline.admin.editLabel', { number: editing.number })}</h3>
          {editing.isNew && (
            <>
              <label htmlFor={`${id}-number`} className="field__label">
                {t('timeline.admin.number')}
              </label>
              <input id={`${id}-number`} className="input" value={editing.number} onChange={(e) => setEditing({ ...editing, number: e.currentTarget.value })} placeholder="+33612345678" />
            </>
          )}
          <label htmlFor={`${id}-name`} className="field__label">
            {t('timeline.name')}
          </label>
          <input id={`${id}-name`} className="input" value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.currentTarget.value })} aria-describedby={`${id}-name-help`} />
          <p id={`${id}-name-help`} className="field__help">
            {t('timeline.nameHelp')}
          </p>
          <div className="form__actions">
            <button type="button" className="button" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button button--primary">
              {t('timeline.saveName')}
            </button>
          </div>
        </form>
      ) : (
        <p>
          <button type="button" className="button" onClick={() => setEditing({ number: '', name: '', isNew: true })} data-testid="add-contact">
            {t('timeline.admin.add')}
          </button>
        </p>
      )}

      <form className="form" onSubmit={(e) => void submitImport(e)} noValidate data-testid="contacts-import">
        <h3>{t('timeline.admin.import')}</h3>
        <label htmlFor={`${id}-csv`} className="field__label">
          {t('timeline.admin.csv')}
        </label>
        <textarea id={`${id}-csv`} className="input" rows={6} value={csv} onChange={(e) => setCsv(e.currentTarget.value)} aria-describedby={`${id}-csv-help`} data-testid="contacts-csv" />
        <p id={`${id}-csv-help`} className="field__help">
          {t('timeline.admin.csvHelp')}
        </p>
        <label htmlFor={`${id}-file`} className="field__label">
          {t('timeline.admin.file')}
        </label>
        <input id={`${id}-file`} type="file" accept=".csv,text/csv,text/plain" onChange={chooseFile} />
        <FieldError id={`${id}-import`} refusal={importing.refusal} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" data-testid="contacts-import-submit">
            {t('timeline.admin.importButton')}
          </button>
        </div>
        {importing.done && <FormStatus text={importing.done} />}
        {report && report.refused.length > 0 && (
          <AdminTable look="wide" testId="contacts-refused" caption={t('timeline.admin.refusedCaption')} columns={[t('timeline.admin.line'), t('timeline.admin.text'), t('timeline.admin.reason')]}>
            {report.refused.map((r) => (
              <tr key={r.line}>
                <th scope="row">{r.line}</th>
                <td>
                  <code>{r.text}</code>
                </td>
                <td>{REASONS[r.reason] ? t(REASONS[r.reason]!) : r.reason}</td>
              </tr>
            ))}
          </AdminTable>
        )}
      </form>
    </section>
  );
}
