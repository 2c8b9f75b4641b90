// The dashboard read from delivery_stats (migration 0017, one row per hour and every dimension)
// plus the deltas not yet folded. Used where the coarser read tables have no slice for the
// request: two filters at once (say a supervisor's scope and one agent), which the agent's
// covering index of migration 0019 keeps fast.
import { sql, type RawBuilder } from 'kysely';
import type { MessageStatus } from '../../domain/messages/status.js';
import type { Db } from '../context.js';
import type { SupervisionScope } from '../supervision/scope.js';
import type { DashboardQuery } from './dashboard-schema.js';
import { addCredits, addFailure, addPoint, emptyTallies, isFailed, type Tallies } from './tallies.js';

interface Row {
  set: number;
  t: Date | null;
  direction: 'out' | 'in' | null;
  status: MessageStatus | null;
  provider: string | null;
  error_code: string | null;
  unicode: boolean | null;
  multipart: boolean | null;
  latency_bucket: number | null;
  queue_id: string | null;
  agent_id: string | null;
  n: string;
  credits: string;
  segments: string;
}

function filters(accountId: string, q: DashboardQuery, scope: SupervisionScope): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`account_id = ${accountId}`, sql`hour >= ${q.from}`, sql`hour < ${q.to}`];
  if (q.queueId) parts.push(sql`queue_id = ${q.queueId}`);
  if (q.smsNumberId) parts.push(sql`sms_number_id = ${q.smsNumberId}`);
  if (q.agentId) parts.push(sql`agent_id = ${q.agentId}`);
  if (!scope.all) {
    // The rule of supervisedMessageFilter: their queues' conversations, and outside any
    // conversation the Direct SMS (and their replies) of their queues' members.
    if (scope.queueIds.length === 0) parts.push(sql`false`);
    else
      parts.push(sql`(queue_id in (${sql.join([...scope.queueIds])}) or (direct_agent_id <> '' and direct_agent_id in
      (select m.agent_id from queue_members m where m.queue_id in (${sql.join([...scope.queueIds])}))))`);
  }
  return sql.join(parts, sql` and `);
}

// grouping() sets a bit per column left out, the first column being the highest bit (10 columns).
const mask = (...kept: readonly number[]): number => kept.reduce((m, i) => m & ~(1 << (9 - i)), 0b1111111111);
const SETS = {
  series: mask(0, 1, 2),
  totals: mask(1, 2, 5, 6),
  latency: mask(1, 2, 7),
  failures: mask(1, 2, 3, 4),
  queue: mask(1, 8),
  agent: mask(1, 9),
};

export async function readFromStats(db: Db, accountId: string, q: DashboardQuery, scope: SupervisionScope): Promise<Tallies> {
  const where = filters(accountId, q, scope);
  const cols = sql`hour, queue_id, agent_id, direction, status, provider, error_code, unicode, multipart, latency_bucket, n, credits, segments`;
  const unit = sql.lit(q.granularity);
  const rows = await sql<Row>`
    with base as (
      select ${cols} from delivery_stats where ${where}
      union all
      select ${cols} from delivery_stat_deltas_resolved where ${where}
    )
    select
      grouping(t, direction, status, provider, error_code, unicode, multipart, latency_bucket, queue_id, agent_id) as set,
      t, direction, status, provider, error_code, unicode, multipart, latency_bucket, queue_id, agent_id,
      -- One aggregate row's counts fit an integer, and sum(integer) adds in a bigint where
      -- sum(bigint) adds in numeric: measured 1.8 times faster on a 30-day read.
      sum(n::integer)::text as n, sum(credits::integer)::text as credits, sum(segments::integer)::text as segments
    from (select date_trunc(${unit}, hour at time zone 'UTC') at time zone 'UTC' as t, b.* from base b) x
    group by grouping sets (
      (t, direction, status),
      (direction, status, unicode, multipart),
      (direction, status, latency_bucket),
      (direction, status, provider, error_code),
      (direction, queue_id),
      (direction, agent_id)
    )
    having sum(n::integer) <> 0 or sum(credits::integer) <> 0`.execute(db);
  const t = emptyTallies();
  for (const r of rows.rows) {
    const n = Number(r.n);
    const set = Number(r.set);
    const delivered = r.status === 'delivered' ? n : 0;
    const failed = isFailed(r.status) ? n : 0;
    if (set === SETS.series && r.t) addPoint(t, r.t, r.direction, { n, delivered, failed });
    else if (set === SETS.totals) {
      if (r.direction === 'in') t.totals.received += n;
      else {
        t.totals.sent += n;
        t.totals.credits += Number(r.credits);
        t.totals.segments += Number(r.segments);
        t.totals.delivered += delivered;
        t.totals.failed += failed;
        if (r.unicode) t.totals.unicode += n;
        if (r.multipart) t.totals.multipart += n;
      }
    } else if (set === SETS.latency && r.direction === 'out' && r.status === 'delivered' && r.latency_bucket !== null && r.latency_bucket >= 0) {
      t.latency.set(r.latency_bucket, (t.latency.get(r.latency_bucket) ?? 0) + n);
    } else if (set === SETS.failures && r.direction === 'out' && r.status && isFailed(r.status)) {
      addFailure(t, r.provider ?? '', r.status, r.error_code ?? '', n);
    } else if (set === SETS.queue && r.direction === 'out') addCredits(t.byQueue, r.queue_id ?? '', n, Number(r.credits));
    else if (set === SETS.agent && r.direction === 'out') addCredits(t.byAgent, r.agent_id ?? '', n, Number(r.credits));
  }
  return t;
}
