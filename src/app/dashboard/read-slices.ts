// The dashboard read from the coarse read tables of migration 0020: the rows of the request's
// slices (the account, one queue, one SMS number, one agent, or a supervisor's queues and the
// Direct SMS of their members), per day for the whole days of the period and per hour for the
// hours at its edges (and for hourly points), plus the deltas not yet folded, filtered by the
// same rule. One statement, so the read sees the deltas or their fold, never both.
import { sql, type RawBuilder } from 'kysely';
import type { MessageStatus } from '../../domain/messages/status.js';
import type { Db } from '../context.js';
import type { SupervisionScope } from '../supervision/scope.js';
import type { DashboardQuery } from './dashboard-schema.js';
import { addCredits, addFailure, addPoint, emptyTallies, FAILED_STATUSES, type Tallies } from './tallies.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The slice a request reads, or null when it filters by two things at once (no such slice). */
export function sliceSelection(q: DashboardQuery, scope: SupervisionScope): RawBuilder<unknown> | null {
  const filters = [q.queueId, q.smsNumberId, q.agentId].filter((x) => x !== undefined);
  if (filters.length + (scope.all ? 0 : 1) > 1) return null;
  if (q.queueId) return sql`select 'q'::text as kind, ${q.queueId}::text as key`;
  if (q.smsNumberId) return sql`select 'n'::text as kind, ${q.smsNumberId}::text as key`;
  if (q.agentId) return sql`select 'g'::text as kind, ${q.agentId}::text as key`;
  if (scope.all) return sql`select 'a'::text as kind, ''::text as key`;
  // A queue's conversations, and outside any conversation the Direct SMS (and their replies) of
  // its members (supervisedMessageFilter): the two kinds never hold the same message.
  const ids = [...new Set(scope.queueIds)].filter(Boolean);
  if (ids.length === 0) return sql`select 'a'::text as kind, ''::text as key where false`;
  return sql`select 'q'::text as kind, id::text as key from (values ${sql.join(ids.map((id) => sql`(${id})`))}) v(id)
    union
    select 'd', m.agent_id from queue_members m where m.queue_id in (${sql.join(ids)}) and m.agent_id <> ''`;
}

/** The hours [from, to) of the request, split into whole days and the hours around them. */
export function spans(q: DashboardQuery): { h1: Date; d1: Date; d2: Date; h2: Date } {
  // An hour counts when it starts in [from, to), as delivery_stats' hours do.
  const h1 = Math.ceil(q.from.getTime() / HOUR) * HOUR;
  const h2 = Math.ceil(q.to.getTime() / HOUR) * HOUR;
  let d1 = Math.ceil(h1 / DAY) * DAY;
  let d2 = Math.floor(h2 / DAY) * DAY;
  if (d1 >= d2) d1 = d2 = h2; // no whole day: every hour from the hourly rows
  return { h1: new Date(h1), d1: new Date(d1), d2: new Date(d2), h2: new Date(h2) };
}

interface Row {
  part: number;
  t: Date | null;
  direction: string | null;
  status: string | null;
  provider: string | null;
  error_code: string | null;
  latency_bucket: number | null;
  axis: string | null;
  axis_key: string | null;
  n: string;
  delivered: string | null;
  failed: string | null;
  credits: string | null;
  segments: string | null;
  unicode: string | null;
  multipart: string | null;
}

const PART = { series: 1, totals: 2, latency: 3, failures: 4, credits: 5 } as const;

export async function readFromSlices(db: Db, accountId: string, q: DashboardQuery, selection: RawBuilder<unknown>): Promise<Tallies> {
  const { h1, d1, d2, h2 } = spans(q);
  // Each slice and span is read by its own index range scan (a lateral join): as a semi-join or
  // an OR of ranges the planner may scan the account's whole table instead (PGlite did). `offset 0`
  // keeps the lateral subquery whole: pulled up, PostgreSQL read every grain and bucket of each
  // slice and hash-joined them to the spans once the index covered the counts (its guess: 72 rows a
  // slice; a supervisor's 90 days: 67,479 and 125,042 rows read for 3,359 and 23,833 kept).
  const mixedSpans = sql`(values ('h', ${h1}::timestamptz, ${d1}::timestamptz), ('d', ${d1}::timestamptz, ${d2}::timestamptz), ('h', ${d2}::timestamptz, ${h2}::timestamptz)) p(grain, lo, hi)`;
  const rowsOf = (table: string, cols: string, periods: RawBuilder<unknown>) =>
    sql`select ${sql.raw(cols)} from sel cross join ${periods} cross join lateral (
      select ${sql.raw(cols)} from ${sql.table(table)} t
      where t.account_id = ${accountId} and t.kind = sel.kind and t.key = sel.key and t.grain = p.grain and t.bucket >= p.lo and t.bucket < p.hi offset 0) x`;
  const failed = sql.join(FAILED_STATUSES.map((s) => sql.lit(s)));
  const unit = sql.lit(q.granularity);
  // Hourly points need the hourly rows of the whole period; daily points are the mixed rows.
  const seriesSource =
    q.granularity === 'hour'
      ? rowsOf('dashboard_counts', 'bucket, direction, n, delivered, failed', sql`(values ('h', ${h1}::timestamptz, ${h2}::timestamptz)) p(grain, lo, hi)`)
      : sql`select bucket, direction, n, delivered, failed from cnt`;
  const rows = await sql<Row>`
    with sel as (${selection}),
    cnt as (${rowsOf('dashboard_counts', 'bucket, direction, n, delivered, failed, credits, segments, unicode, multipart', mixedSpans)}),
    dl as (
      select d.hour, d.queue_id, d.agent_id, d.direction, d.status, d.provider, d.error_code, d.latency_bucket, d.n, d.credits, d.segments,
        case when d.status = 'delivered' then d.n else 0 end as delivered, case when d.status in (${failed}) then d.n else 0 end as failed,
        case when d.unicode then d.n else 0 end as unicode, case when d.multipart then d.n else 0 end as multipart
      from delivery_stat_deltas_resolved d
      where d.account_id = ${accountId} and d.hour >= ${h1} and d.hour < ${h2} and exists (select 1 from sel where sel.kind = 'a'
        or sel.kind = 'q' and sel.key = d.queue_id or sel.kind = 'n' and sel.key = d.sms_number_id
        or sel.kind = 'g' and sel.key = d.agent_id or sel.kind = 'd' and sel.key = d.direct_agent_id)
    )
    select ${PART.series} as part, date_trunc(${unit}, bucket at time zone 'UTC') at time zone 'UTC' as t, direction,
      null as status, null as provider, null as error_code, null::integer as latency_bucket, null as axis, null as axis_key,
      sum(n)::text as n, sum(delivered)::text as delivered, sum(failed)::text as failed,
      null as credits, null as segments, null as unicode, null as multipart
    from (${seriesSource} union all select hour, direction, n, delivered, failed from dl) s
    group by 2, 3
    having sum(n) <> 0
    union all
    select ${PART.totals}, null, direction, null, null, null, null, null, null,
      sum(n)::text, sum(delivered)::text, sum(failed)::text, sum(credits)::text, sum(segments)::text, sum(unicode)::text, sum(multipart)::text
    from (select direction, n, delivered, failed, credits, segments, unicode, multipart from cnt
      union all select direction, n, delivered, failed, credits, segments, unicode, multipart from dl) s
    group by direction
    union all
    select case when status = 'delivered' then ${PART.latency} else ${PART.failures} end, null, 'out', status, provider, error_code, latency_bucket, null, null,
      sum(n)::text, null, null, null, null, null, null
    from (${rowsOf('dashboard_outcomes', 'status, provider, error_code, latency_bucket, n', mixedSpans)}
      union all
      select status, case when status = 'delivered' then '' else provider end, case when status = 'delivered' then '' else error_code end,
        case when status = 'delivered' then latency_bucket else -1 end, n
      from dl where direction = 'out' and (status = 'delivered' and latency_bucket >= 0 or status in (${failed}))) s
    group by status, provider, error_code, latency_bucket
    union all
    select ${PART.credits}, null, 'out', null, null, null, null, axis, axis_key, sum(n)::text, null, null, sum(credits)::text, null, null, null
    from (${rowsOf('dashboard_credits', 'axis, axis_key, n, credits', mixedSpans)}
      union all select 'q', queue_id, n, credits from dl where direction = 'out'
      union all select 'g', agent_id, n, credits from dl where direction = 'out') s
    group by axis, axis_key`.execute(db);

  const t = emptyTallies();
  const num = (x: string | null): number => Number(x ?? 0);
  for (const r of rows.rows) {
    const n = Number(r.n);
    const part = Number(r.part);
    if (part === PART.series && r.t) addPoint(t, r.t, r.direction, { n, delivered: num(r.delivered), failed: num(r.failed) });
    else if (part === PART.totals) {
      if (r.direction === 'in') t.totals.received += n;
      else {
        t.totals.sent += n;
        t.totals.delivered += num(r.delivered);
        t.totals.failed += num(r.failed);
        t.totals.credits += num(r.credits);
        t.totals.segments += num(r.segments);
        t.totals.unicode += num(r.unicode);
        t.totals.multipart += num(r.multipart);
      }
    } else if (part === PART.latency && r.latency_bucket !== null && n !== 0) t.latency.set(r.latency_bucket, (t.latency.get(r.latency_bucket) ?? 0) + n);
    else if (part === PART.failures && r.status && n !== 0) addFailure(t, r.provider ?? '', r.status as MessageStatus, r.error_code ?? '', n);
    else if (part === PART.credits) addCredits(r.axis === 'q' ? t.byQueue : t.byAgent, r.axis_key ?? '', n, num(r.credits));
  }
  return t;
}
