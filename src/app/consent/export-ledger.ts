// The consent ledger as a file: CSV or JSON lines, oldest first, read 1,000 rows at a time by
// id (consent_changes_by_account) and pulled by the socket, so an account's whole history is
// never held in memory.
import { csvCell } from '../message-log/export-format.js';
import type { Actor, AppDeps } from '../context.js';

export interface LedgerEntryView {
  readonly id: string;
  readonly at: string;
  readonly number: string;
  readonly action: 'opt_out' | 'opt_in';
  readonly source: string;
  readonly byCustomer: boolean;
  readonly keyword: string | null;
  readonly messageId: string | null;
  readonly actor: string | null;
  readonly actorName: string | null;
  readonly note: string | null;
  readonly evidence: unknown;
}

const COLUMNS = ['id', 'at', 'number', 'action', 'source', 'byCustomer', 'keyword', 'messageId', 'actor', 'actorName', 'note', 'evidence'] as const;
const BATCH = 1000;

export interface LedgerFilter {
  readonly number?: string | undefined;
}

export async function ledgerPage(deps: Pick<AppDeps, 'db'>, actor: Actor, q: LedgerFilter & { readonly afterId?: string | undefined; readonly limit: number; readonly newestFirst?: boolean }): Promise<LedgerEntryView[]> {
  let s = deps.db
    .selectFrom('consent_changes as c')
    .leftJoin('agents as a', (j) => j.onRef('a.id', '=', 'c.actor').onRef('a.account_id', '=', 'c.account_id'))
    .select(['c.id', 'c.created_at', 'c.number', 'c.action', 'c.source', 'c.by_customer', 'c.keyword', 'c.message_id', 'c.actor', 'a.name as actor_name', 'c.note', 'c.evidence'])
    .where('c.account_id', '=', actor.accountId)
    .orderBy('c.id', q.newestFirst ? 'desc' : 'asc')
    .limit(q.limit);
  if (q.number) s = s.where('c.number', '=', q.number);
  if (q.afterId !== undefined) s = s.where('c.id', q.newestFirst ? '<' : '>', q.afterId);
  const rows = await s.execute();
  return rows.map((r) => ({
    id: String(r.id),
    at: new Date(r.created_at).toISOString(),
    number: r.number,
    action: r.action,
    source: r.source,
    byCustomer: r.by_customer,
    keyword: r.keyword,
    messageId: r.message_id,
    actor: r.actor,
    actorName: r.actor_name ?? null,
    note: r.note,
    evidence: r.evidence ?? null,
  }));
}

function csvLine(v: LedgerEntryView): string {
  return `${COLUMNS.map((c) => {
    const x: unknown = v[c];
    return csvCell(x === null || x === undefined ? null : typeof x === 'string' ? x : JSON.stringify(x));
  }).join(',')}\r\n`;
}

export async function* exportLedger(deps: Pick<AppDeps, 'db'>, actor: Actor, format: 'csv' | 'jsonl', filter: LedgerFilter = {}): AsyncGenerator<string> {
  if (format === 'csv') yield `${COLUMNS.join(',')}\r\n`;
  let afterId: string | undefined;
  for (;;) {
    const page = await ledgerPage(deps, actor, { ...filter, afterId, limit: BATCH });
    if (page.length === 0) return;
    yield page.map((v) => (format === 'csv' ? csvLine(v) : `${JSON.stringify(v)}\n`)).join('');
    if (page.length < BATCH) return;
    afterId = page[page.length - 1]!.id;
  }
}
