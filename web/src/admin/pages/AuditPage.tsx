// The audit trail: every administration change, newest first, a page at a time: when, who, what, on what, and the
// fields that changed (secrets arrive from the server already as `••••`).
import { useCallback, useId, useMemo, useState } from 'react';
import type { Refusal } from '../../errors/error-text';
import { toRefusal } from '../../errors/to-refusal';
import { useI18n } from '../../i18n/I18nProvider';
import type { AdminPageProps } from '../admin-routes';
import type { AuditRecord } from '../admin-types';
import { actorText, appendRecords, changeText, recordChanges, targetNames, targetText, whatKey } from './audit-model';
import { formatDateTime } from './format-date';
import { LoadFailed } from './LoadFailed';
import { useLoaded } from './use-loaded';

export const AUDIT_PAGE_SIZE = 20;

interface Trail {
  readonly entries: readonly AuditRecord[];
  readonly nextBefore: string | null;
}

export function AuditPage({ api }: AdminPageProps) {
  const { t } = useI18n();
  const id = useId();
  const loaded = useLoaded(
    useCallback(async () => {
      // What ids name today (agents, numbers, templates, profiles, queues): a password reset carries no snapshot, and
      // lists of members or templates are ids. Without them the trail still shows, with the ids.
      const none = () => [] as const;
      const [trail, agents, numbers, templates, profiles, queues] = await Promise.all([
        api.audit({ limit: AUDIT_PAGE_SIZE }),
        api.agents().catch(none),
        api.numbers().catch(none),
        api.templates().catch(none),
        api.profiles().catch(none),
        api.queues().catch(none),
      ]);
      const names = new Map<string, string>([...agents, ...templates, ...profiles, ...queues].map((x) => [x.id, x.name]));
      for (const n of numbers) names.set(n.id, n.address);
      return { trail, names };
    }, [api]),
  );
  // Older pages, appended below the first one (dropped when the first page is loaded again).
  const [older, setOlder] = useState<{ readonly first: Trail; readonly trail: Trail } | null>(null);
  const [moreRefusal, setMoreRefusal] = useState<Refusal | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const first = loaded.data?.trail ?? null;
  const trail = older && older.first === first ? older.trail : first;

  const more = async () => {
    if (!first || !trail?.nextBefore) return;
    setLoadingMore(true);
    try {
      const next = await api.audit({ limit: AUDIT_PAGE_SIZE, before: trail.nextBefore });
      setOlder({ first, trail: { entries: appendRecords(trail.entries, next.entries), nextBefore: next.nextBefore } });
      setMoreRefusal(null);
    } catch (e) {
      setMoreRefusal(toRefusal(e));
    } finally {
      setLoadingMore(false);
    }
  };

  const heading = `${id}-heading`;
  const refusal = loaded.refusal ?? moreRefusal;
  return (
    <section aria-labelledby={heading}>
      <h2 id={heading}>{t('admin.section.audit')}</h2>
      {refusal && <LoadFailed refusal={refusal} onRetry={() => (loaded.refusal ? void loaded.reload() : void more())} />}
      {trail === null && !refusal && <p>{t('app.loading')}</p>}
      {trail !== null && <AuditTable entries={trail.entries} known={loaded.data?.names ?? NO_NAMES} />}
      {trail?.nextBefore && (
        <button type="button" className="button" onClick={() => void more()} disabled={loadingMore}>
          {t('admin.audit.more')}
        </button>
      )}
    </section>
  );
}

const NO_NAMES: ReadonlyMap<string, string> = new Map();

function AuditTable({ entries, known }: { readonly entries: readonly AuditRecord[]; readonly known: ReadonlyMap<string, string> }) {
  const { t, lang } = useI18n();
  const names = useMemo(() => targetNames(entries, known), [entries, known]);
  return (
    <div className="admin__table-wrap">
      <table className="admin__table" data-testid="audit-table">
        <caption>{t('admin.audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.audit.when')}</th>
            <th scope="col">{t('admin.audit.who')}</th>
            <th scope="col">{t('admin.audit.what')}</th>
            <th scope="col">{t('admin.audit.target')}</th>
            <th scope="col">{t('admin.audit.change')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 && (
            <tr>
              <td colSpan={5}>{t('admin.audit.empty')}</td>
            </tr>
          )}
          {entries.map((r) => {
            const what = whatKey(r.what);
            const who = actorText(r);
            const changes = recordChanges(r, names);
            return (
              <tr key={r.id} data-testid="audit-entry" data-what={r.what}>
                <td>
                  <time dateTime={r.at}>{formatDateTime(r.at, lang)}</time>
                </td>
                <td>{'name' in who ? who.name : t('admin.audit.system')}</td>
                <td>{what === null ? <code>{r.what}</code> : t(what)}</td>
                <td className="admin__text">{targetText(r, names) ?? ''}</td>
                <td>
                  {changes === null ? null : changes.length === 0 ? (
                    t('admin.audit.noChange')
                  ) : (
                    <ul className="admin-diff">
                      {changes.map((c) => (
                        <li key={c.field}>{changeText(c)}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
