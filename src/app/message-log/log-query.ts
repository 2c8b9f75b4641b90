// The message log's one query: every message of the account, newest first, filtered, searched
// and paged by a cursor (the row's time in the database's own microseconds, then its id), read
// in batches by the page, the count and the export alike.
//
// Indexes (migrations 0001, 0013, 0016): the account's messages by time walk the log; a search
// reads the full-text index of the folded text, the customer-number index for a number or a
// contact's names; failures have a small index of their own. The failure reason is derived from
// the provider's code by the domain's table (the one table the Banner reads too), so a reason
// filter reads failures from the database and keeps those of that reason.
import { sql, type RawBuilder } from 'kysely';
import { getCountryCallingCode, isSupportedCountry } from 'libphonenumber-js';
import type { LogFilters } from '../../api/log-schemas.js';
import { failureReason, type FailureReason } from '../../domain/delivery-failure/index.js';
import type { MessageStatus } from '../../domain/messages/status.js';
import type { Db } from '../context.js';
import { supervisedMessageFilter, type SupervisionScope } from '../supervision/scope.js';
import { prefixUpperBound, searchTerms } from './search-terms.js';

/** What a reader may see: all of the account, or the queues they supervise. */
export type LogScope = SupervisionScope;

export interface LogRow {
  readonly id: string;
  readonly cursor: string;
  readonly createdAt: Date;
  readonly direction: 'out' | 'in';
  readonly status: MessageStatus;
  readonly customer: string;
  readonly customerName: string | null;
  readonly smsNumber: string;
  readonly smsNumberId: string | null;
  readonly smsNumberLabel: string | null;
  readonly agentId: string | null;
  readonly agentName: string | null;
  readonly interactionId: string | null;
  readonly queueId: string | null;
  readonly queueName: string | null;
  readonly body: string | null;
  readonly encoding: string;
  readonly segments: number;
  readonly credits: number;
  readonly provider: string | null;
  readonly errorCode: string | null;
  readonly word: string | null;
  readonly reason: FailureReason | null;
  readonly deliveredAt: Date | null;
}

const FAILURE_STATUSES: readonly MessageStatus[] = ['failed', 'undelivered', 'rejected'];
const CUSTOMER = sql`(case when m.direction = 'out' then m.to_address else m.from_address end)`;

/** The cursor of a row: its time in microseconds since 1970, a dot, its id. */
function parseCursor(cursor: string): { us: string; id: string } {
  const dot = cursor.indexOf('.');
  return { us: cursor.slice(0, dot), id: cursor.slice(dot + 1) };
}

/** The filters, and one message's id (the details read their row through the same scope). */
type Filters = LogFilters & { readonly id?: string };

/** A search's words, and the numbers of the contacts whose name matches, read once per request. */
interface ResolvedSearch {
  readonly tsquery: string | null;
  readonly numbers: readonly string[];
  readonly numberPrefix: string | null;
}

/** Contacts matched by name, at most this many numbers (a name typed is meant to be specific). */
const MAX_NAME_NUMBERS = 200;

async function resolveSearch(db: Db, accountId: string, q: string | undefined): Promise<ResolvedSearch | null> {
  const terms = searchTerms(q);
  if (!terms) return null;
  let numbers: string[] = [];
  if (terms.tsquery) {
    // The words of a name, each typed word the beginning of one (the index of migration 0016).
    const { rows } = await sql<{ number: string }>`select k.number from contacts k
      where k.account_id = ${accountId} and to_tsvector('simple'::regconfig, smsdesk_fold(k.name)) @@ to_tsquery('simple'::regconfig, ${terms.tsquery})
      limit ${MAX_NAME_NUMBERS}`.execute(db);
    numbers = rows.map((r) => r.number);
  }
  return { tsquery: terms.tsquery, numbers, numberPrefix: terms.numberPrefix };
}

function conditions(accountId: string, scope: LogScope, f: Filters, search: ResolvedSearch | null, cursor: string | undefined): RawBuilder<unknown>[] {
  const c: RawBuilder<unknown>[] = [sql`m.account_id = ${accountId}`];
  if (f.id !== undefined) c.push(sql`m.id = ${f.id}`);
  if (!scope.all) c.push(sql`${supervisedMessageFilter(scope, 'm')}`);
  if (f.from) c.push(sql`m.created_at >= ${f.from}::timestamptz`);
  if (f.to) c.push(sql`m.created_at < ${f.to}::timestamptz`);
  if (f.queueId) c.push(sql`i.queue_id = ${f.queueId}`);
  if (f.agentId) c.push(sql`m.agent_id = ${f.agentId}`);
  if (f.numberId) c.push(sql`m.sms_number_id = ${f.numberId}`);
  if (f.direction) c.push(sql`m.direction = ${f.direction}`);
  if (f.mode === 'direct') c.push(sql`m.interaction_id is null`);
  if (f.mode === 'smart') c.push(sql`m.interaction_id is not null`);
  const statuses = f.reason ? (f.status ?? FAILURE_STATUSES).filter((s) => FAILURE_STATUSES.includes(s)) : f.status;
  if (statuses) c.push(statuses.length > 0 ? sql`m.status in (${sql.join(statuses)})` : sql`false`);
  if (f.country) {
    // By the country's calling code: countries sharing one (+1, +7, +44...) are one filter.
    const code = isSupportedCountry(f.country) ? `+${getCountryCallingCode(f.country)}` : null;
    c.push(code ? sql`${CUSTOMER} >= ${code} and ${CUSTOMER} < ${prefixUpperBound(code)}` : sql`false`);
  }
  if (search) {
    // Each branch is indexed (full-text; the customer's number), so PostgreSQL can OR bitmaps.
    const any: RawBuilder<unknown>[] = [];
    if (search.tsquery) any.push(sql`to_tsvector('simple'::regconfig, smsdesk_fold(m.body)) @@ to_tsquery('simple'::regconfig, ${search.tsquery})`);
    if (search.numbers.length > 0) any.push(sql`${CUSTOMER} in (${sql.join(search.numbers)})`);
    if (search.numberPrefix) any.push(sql`(${CUSTOMER} >= ${search.numberPrefix} and ${CUSTOMER} < ${prefixUpperBound(search.numberPrefix)})`);
    c.push(any.length > 0 ? sql`(${sql.join(any, sql` or `)})` : sql`false`);
  }
  if (cursor) {
    const { us, id } = parseCursor(cursor);
    const at = sql`(timestamptz 'epoch' + ${us}::bigint * interval '1 microsecond')`;
    c.push(sql`m.created_at <= ${at} and (m.created_at < ${at} or m.id < ${id})`);
  }
  return c;
}

type RawRow = Omit<LogRow, 'reason'> & { accountProvider: string | null };

async function batch(db: Db, accountId: string, scope: LogScope, f: Filters, search: ResolvedSearch | null, cursor: string | undefined, limit: number): Promise<RawRow[]> {
  const where = sql.join(conditions(accountId, scope, f, search, cursor), sql` and `);
  const { rows } = await sql<RawRow>`
    select m.id, (extract(epoch from m.created_at) * 1000000)::bigint || '.' || m.id as cursor,
      m.created_at as "createdAt", m.direction, m.status, ${CUSTOMER} as customer, k.name as "customerName",
      (case when m.direction = 'out' then m.from_address else m.to_address end) as "smsNumber",
      m.sms_number_id as "smsNumberId", n.label as "smsNumberLabel", m.agent_id as "agentId", g.name as "agentName",
      m.interaction_id as "interactionId", i.queue_id as "queueId", q.name as "queueName",
      m.body, m.encoding, m.segments, m.credits, m.provider, m.error_code as "errorCode", m.delivered_at as "deliveredAt",
      case when m.status in ('failed', 'undelivered') then
        (select p.word from message_parts p where p.message_id = m.id and p.word is not null
          and p.status in ('failed', 'undelivered') order by p.part_index limit 1)
      end as word,
      a.provider_type as "accountProvider"
    from messages m
    join accounts a on a.id = m.account_id
    left join interactions i on i.id = m.interaction_id
    left join queues q on q.id = i.queue_id
    left join agents g on g.id = m.agent_id
    left join sms_numbers n on n.id = m.sms_number_id
    left join contacts k on k.account_id = m.account_id and k.number = ${CUSTOMER}
    where ${where}
    order by m.created_at desc, m.id desc
    limit ${limit}`.execute(db);
  return rows;
}

function withReason(r: RawRow): LogRow {
  const { accountProvider, ...row } = r;
  return { ...row, reason: failureReason({ provider: r.provider ?? accountProvider, status: r.status, errorCode: r.errorCode, word: r.word }) };
}

/**
 * Every matching row, newest first, read `batchSize` at a time after `cursor`: the caller pulls
 * at its own pace (an export's socket), so memory holds one batch whatever the total.
 */
export async function* logRows(db: Db, accountId: string, scope: LogScope, f: LogFilters, opts: { cursor?: string | undefined; batchSize: number }): AsyncGenerator<LogRow> {
  let cursor = opts.cursor;
  const search = await resolveSearch(db, accountId, f.q);
  for (;;) {
    const rows = await batch(db, accountId, scope, f, search, cursor, opts.batchSize);
    for (const r of rows) {
      const row = withReason(r);
      if (!f.reason || row.reason === f.reason) yield row;
    }
    if (rows.length < opts.batchSize) return;
    cursor = rows[rows.length - 1]?.cursor;
  }
}

/** A page: `limit` rows and the cursor of the next page (null on the last). */
export async function logPage(db: Db, accountId: string, scope: LogScope, f: LogFilters, page: { limit: number; cursor?: string | undefined }): Promise<{ rows: LogRow[]; nextCursor: string | null }> {
  const rows: LogRow[] = [];
  // A reason filter drops rows after the read: read more than a page at a time then.
  const batchSize = f.reason ? Math.max(200, page.limit + 1) : page.limit + 1;
  for await (const row of logRows(db, accountId, scope, f, { cursor: page.cursor, batchSize })) {
    rows.push(row);
    if (rows.length > page.limit) break;
  }
  const more = rows.length > page.limit;
  if (more) rows.pop();
  return { rows, nextCursor: more ? (rows[rows.length - 1]?.cursor ?? null) : null };
}

/** How many rows match (the export's progress needs the total before the first row). */
export async function logCount(db: Db, accountId: string, scope: LogScope, f: LogFilters): Promise<number> {
  if (f.reason) {
    let n = 0;
    for await (const _ of logRows(db, accountId, scope, f, { batchSize: 5000 })) n++;
    return n;
  }
  const where = sql.join(conditions(accountId, scope, f, await resolveSearch(db, accountId, f.q), undefined), sql` and `);
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from messages m left join interactions i on i.id = m.interaction_id where ${where}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** One message, if the scope lets the reader see it. */
export async function logRowById(db: Db, accountId: string, scope: LogScope, id: string): Promise<LogRow | null> {
  const [row] = await batch(db, accountId, scope, { id }, null, undefined, 1);
  return row ? withReason(row) : null;
}
