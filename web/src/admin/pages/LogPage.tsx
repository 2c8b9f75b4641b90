// The message log: filters and a search box above a table of messages, newest first, a page at a
// time; a row's Details open its status history, credits, parts, plain reason and transcript;
// Export writes the filtered view as CSV or JSON lines with its progress.
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { FAILURE_REASONS } from '@domain/delivery-failure/reasons';
import { MESSAGE_STATUSES } from '@domain/messages/status';
import type { Refusal } from '../../errors/error-text';
import { toRefusal } from '../../errors/to-refusal';
import { formatDateTime } from '../../i18n/format-time';
import { useI18n } from '../../i18n/I18nProvider';
import type { AdminPageProps } from '../admin-routes';
import type { FilterChoices } from '../dashboard/dashboard-api';
import { ExportButtons } from '../log/ExportButtons';
import type { LogEntryView, MessageDetailView } from '../log/log-api';
import { filterParams, NO_FILTERS, type LogFilterState } from '../log/log-filters';
import { MessageDetails } from '../log/MessageDetails';
import { LoadFailed } from './LoadFailed';
import '../log/log.css';

export const LOG_PAGE_SIZE = 50;

type Choices = FilterChoices;

export function LogPage({ api }: AdminPageProps) {
  const { t, lang } = useI18n();
  const id = useId();
  const [form, setForm] = useState<LogFilterState>(NO_FILTERS);
  const [applied, setApplied] = useState<URLSearchParams>(() => filterParams(NO_FILTERS));
  const [rows, setRows] = useState<readonly LogEntryView[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [detail, setDetail] = useState<MessageDetailView | null>(null);
  const [choices, setChoices] = useState<Choices>({ queues: [], agents: [], numbers: [] });

  // The filters' lists, narrowed to what the caller may see (a supervisor: their queues, those
  // queues' agents and numbers); without them the log is still usable, so a failure leaves them empty.
  useEffect(() => {
    void api.filterChoices().then(setChoices, () => undefined);
  }, [api]);

  // Bumped to load the same view again (Try again after a refusal).
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let live = true;
    api.messageLog(applied, { limit: LOG_PAGE_SIZE }).then(
      (page) => {
        if (!live) return;
        setRows(page.messages);
        setNext(page.nextCursor);
        setRefusal(null);
      },
      (e: unknown) => live && setRefusal(toRefusal(e)),
    );
    return () => {
      live = false;
    };
  }, [api, applied, reloads]);

  const more = async () => {
    if (!next || !rows) return;
    setLoadingMore(true);
    try {
      const page = await api.messageLog(applied, { limit: LOG_PAGE_SIZE, cursor: next });
      setRows([...rows, ...page.messages]);
      setNext(page.nextCursor);
    } catch (e) {
      setRefusal(toRefusal(e));
    } finally {
      setLoadingMore(false);
    }
  };

  const open = async (messageId: string) => {
    try {
      setDetail(await api.loggedMessage(messageId));
    } catch (e) {
      setRefusal(toRefusal(e));
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDetail(null);
    setApplied(filterParams(form));
  };
  const clear = () => {
    setForm(NO_FILTERS);
    setDetail(null);
    setApplied(filterParams(NO_FILTERS));
  };
  const set = (k: keyof LogFilterState) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const f = (name: string) => `${id}-${name}`;
  const heading = `${id}-heading`;

  return (
    <section aria-labelledby={heading} className="log-page">
      <h2 id={heading}>{t('admin.section.log')}</h2>
      <p>{t('log.intro')}</p>
      <form className="log-filters" onSubmit={submit} aria-label={t('log.filters')} role="search">
        <div className="log-filters__search">
          <label htmlFor={f('q')}>{t('log.search')}</label>
          <input id={f('q')} type="search" value={form.q} onChange={set('q')} aria-describedby={f('q-hint')} maxLength={200} data-testid="log-search" />
          <span id={f('q-hint')} className="log-filters__hint">
            {t('log.searchHint')}
          </span>
        </div>
        <div className="log-filters__grid">
          <Field id={f('from')} label={t('log.from')}>
            <input id={f('from')} type="date" value={form.from} onChange={set('from')} />
          </Field>
          <Field id={f('to')} label={t('log.to')}>
            <input id={f('to')} type="date" value={form.to} onChange={set('to')} />
          </Field>
          <Field id={f('direction')} label={t('log.direction')}>
            <select id={f('direction')} value={form.direction} onChange={set('direction')}>
              <option value="">{t('log.any')}</option>
              <option value="out">{t('log.direction.out')}</option>
              <option value="in">{t('log.direction.in')}</option>
            </select>
          </Field>
          <Field id={f('mode')} label={t('log.mode')}>
            <select id={f('mode')} value={form.mode} onChange={set('mode')}>
              <option value="">{t('log.any')}</option>
              <option value="direct">{t('log.mode.direct')}</option>
              <option value="smart">{t('log.mode.smart')}</option>
            </select>
          </Field>
          <Field id={f('status')} label={t('log.status')}>
            <select id={f('status')} value={form.status} onChange={set('status')} data-testid="log-status">
              <option value="">{t('log.any')}</option>
              {MESSAGE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={f('reason')} label={t('log.reason')}>
            <select id={f('reason')} value={form.reason} onChange={set('reason')}>
              <option value="">{t('log.any')}</option>
              {FAILURE_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`sent.reason.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          {choices.queues.length > 0 && (
            <Field id={f('queue')} label={t('log.queue')}>
              <select id={f('queue')} value={form.queueId} onChange={set('queueId')}>
                <option value="">{t('log.any')}</option>
                {choices.queues.map((q) => (
                  <option key={q.id} value={q.id}>
                    {q.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {choices.agents.length > 0 && (
            <Field id={f('agent')} label={t('log.agent')}>
              <select id={f('agent')} value={form.agentId} onChange={set('agentId')}>
                <option value="">{t('log.any')}</option>
                {choices.agents.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {choices.numbers.length > 0 && (
            <Field id={f('number')} label={t('log.number')}>
              <select id={f('number')} value={form.numberId} onChange={set('numberId')}>
                <option value="">{t('log.any')}</option>
                {choices.numbers.map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.label ? `${n.label} (${n.address})` : n.address}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field id={f('country')} label={t('log.country')}>
            <input id={f('country')} value={form.country} onChange={set('country')} maxLength={2} size={3} autoComplete="off" />
          </Field>
        </div>
        <div className="log-filters__actions">
          <button type="submit" className="button button--primary" data-testid="log-apply">
            {t('log.apply')}
          </button>
          <button type="button" className="button" onClick={clear}>
            {t('log.clear')}
          </button>
        </div>
      </form>
      <ExportButtons filters={applied} count={api.messageLogCount} />
      {refusal && <LoadFailed refusal={refusal} onRetry={() => setReloads((n) => n + 1)} />}
      {rows === null && !refusal && <p>{t('app.loading')}</p>}
      {detail && <MessageDetails detail={detail} onClose={() => setDetail(null)} />}
      {rows !== null && (
        <div className="admin__table-wrap">
          <table className="admin__table log-table" data-testid="log-table">
            <caption>{t('log.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('log.col.when')}</th>
                <th scope="col">{t('log.col.direction')}</th>
                <th scope="col">{t('log.col.customer')}</th>
                <th scope="col">{t('log.col.sender')}</th>
                <th scope="col">{t('log.col.who')}</th>
                <th scope="col">{t('log.col.text')}</th>
                <th scope="col">{t('log.col.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('log.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={8}>{t('log.empty')}</td>
                </tr>
              )}
              {rows.map((m) => {
                const when = formatDateTime(new Date(m.at), lang);
                return (
                  <tr key={m.id} data-testid="log-row" data-id={m.id} data-status={m.status}>
                    <td>
                      <time dateTime={m.at}>{when}</time>
                    </td>
                    <td>{t(m.direction === 'out' ? 'log.direction.out' : 'log.direction.in')}</td>
                    <td>
                      {m.customerName ? (
                        <>
                          {m.customerName}
                          <br />
                        </>
                      ) : null}
                      <span className="log-table__number">{m.customer}</span>
                      {m.country ? ` · ${m.country}` : ''}
                    </td>
                    <td>{m.smsNumberLabel ?? m.smsNumber}</td>
                    <td>{[m.agentName, m.queueName ?? (m.mode === 'direct' ? t('log.mode.direct') : null)].filter(Boolean).join(' · ')}</td>
                    <td className="admin__text log-table__text">{m.body ?? ''}</td>
                    <td>
                      {t(`status.${m.status}`)}
                      {m.reason ? (
                        <>
                          <br />
                          <span className="log-table__reason">{t(`sent.reason.${m.reason}`)}</span>
                          {m.errorCode ? <span className="log-table__code"> ({m.errorCode})</span> : null}
                        </>
                      ) : null}
                    </td>
                    <td>
                      <button type="button" className="button" onClick={() => void open(m.id)} aria-label={t('log.openLabel', { when, customer: m.customerName ?? m.customer })}>
                        {t('log.open')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" className="button" onClick={() => void more()} disabled={loadingMore} data-testid="log-more">
          {loadingMore ? t('log.loadingMore') : t('log.more')}
        </button>
      )}
    </section>
  );
}

function Field({ id, label, children }: { readonly id: string; readonly label: string; readonly children: ReactNode }) {
  return (
    <div className="log-filters__field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}
