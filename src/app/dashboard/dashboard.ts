// The delivery dashboard, read from delivery_stats plus the deltas not yet folded (migration
// 0017): one grouped statement over the period's aggregate rows, never the messages table.
import { sql, type RawBuilder } from 'kysely';
import { failureReason, FAILURE_REASONS, type FailureReason } from '../../domain/delivery-failure/index.js';
import { percentileFromHistogram } from '../../domain/dashboard/latency.js';
import type { MessageStatus } from '../../domain/messages/status.js';
import type { Actor, Db } from '../context.js';
import type { SupervisionScope } from '../supervision/scope.js';
import type { DashboardQuery } from './dashboard-schema.js';
import type { DashboardPoint, DashboardView } from '../../api/dashboard-views.js';
import { rollUpDeliveryStats } from './rollup.js';

/** Which queues the caller sees (supervisors: theirs; administrators: all). */
export type DashboardScope = SupervisionScope;

const FAILED = ['failed', 'undelivered', 'rejected'] as const;

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

function filters(accountId: string, q: DashboardQuery, scope: DashboardScope): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`account_id = ${accountId}`, sql`hour >= ${q.from}`, sql`hour < ${q.to}`];
  if (q.queueId) parts.push(sql`queue_id = ${q.queueId}`);
  if (q.smsNumberId) parts.push(sql`sms_number_id = ${q.smsNumberId}`);
  if (q.agentId) parts.push(sql`agent_id = ${q.agentId}`);
  if (!scope.all) {
    // The rule of supervisedMessageFilter: their queues' conversations, and outside any
    // conversation the Direct SMS (and their replies) of their queues' members.
    const ids = scope.queueIds.length > 0 ? [...scope.queueIds] : [''];
    parts.push(sql`(queue_id in (${sql.join(ids)}) or (direct_agent_id <> '' and direct_agent_id in
      (select m.agent_id from queue_members m where m.queue_id in (${sql.join(ids)}))))`);
  }
  return sql.join(parts, sql` and `);
}

export async function dashboard(db: Db, actor: Actor, q: DashboardQuery, scope: DashboardScope = { all: true }): Promise<DashboardView> {
  // Fold what is waiting when nobody else is: smaller input for the read, and never a wait.
  await rollUpDeliveryStats(db);
  const where = filters(actor.accountId, q, scope);
  const cols = sql`hour, queue_id, agent_id, direction, status, provider, error_code, unicode, multipart, latency_bucket, n, credits, segments`;
  const unit = sql.lit(q.granularity);
  const rows = await sql<Row>`
    with base as (
      select ${cols} from delivery_stats where ${where}
      union all
      select ${cols} from delivery_stat_deltas where ${where}
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
  return shape(db, actor, q, scope, rows.rows);
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

async function shape(db: Db, actor: Actor, q: DashboardQuery, scope: DashboardScope, rows: readonly Row[]): Promise<DashboardView> {
  const points = new Map<string, { sent: number; received: number; delivered: number; failed: number }>();
  const totals = { sent: 0, received: 0, delivered: 0, failed: 0, credits: 0, segments: 0, unicode: 0, multipart: 0 };
  const latency = new Map<number, number>();
  const failures = new Map<FailureReason, number>();
  const byQueue = new Map<string, { credits: number; sent: number }>();
  const byAgent = new Map<string, { credits: number; sent: number }>();
  const isFailed = (s: MessageStatus | null): boolean => (FAILED as readonly (string | null)[]).includes(s);
  for (const r of rows) {
    const n = Number(r.n);
    const set = Number(r.set);
    if (set === SETS.series && r.t) {
      const key = r.t.toISOString();
      const p = points.get(key) ?? { sent: 0, received: 0, delivered: 0, failed: 0 };
      if (r.direction === 'in') p.received += n;
      else {
        p.sent += n;
        if (r.status === 'delivered') p.delivered += n;
        if (isFailed(r.status)) p.failed += n;
      }
      points.set(key, p);
    } else if (set === SETS.totals) {
      if (r.direction === 'in') totals.received += n;
      else {
        totals.sent += n;
        totals.credits += Number(r.credits);
        totals.segments += Number(r.segments);
        if (r.status === 'delivered') totals.delivered += n;
        if (isFailed(r.status)) totals.failed += n;
        if (r.unicode) totals.unicode += n;
        if (r.multipart) totals.multipart += n;
      }
    } else if (set === SETS.latency && r.direction === 'out' && r.status === 'delivered' && r.latency_bucket !== null && r.latency_bucket >= 0) {
      latency.set(r.latency_bucket, (latency.get(r.latency_bucket) ?? 0) + n);
    } else if (set === SETS.failures && r.direction === 'out' && r.status && isFailed(r.status)) {
      const reason = failureReason({ provider: r.provider || null, status: r.status, errorCode: r.error_code || null }) ?? 'unknown';
      failures.set(reason, (failures.get(reason) ?? 0) + n);
    } else if (set === SETS.queue && r.direction === 'out') {
      const e = byQueue.get(r.queue_id ?? '') ?? { credits: 0, sent: 0 };
      e.credits += Number(r.credits);
      e.sent += n;
      byQueue.set(r.queue_id ?? '', e);
    } else if (set === SETS.agent && r.direction === 'out') {
      const e = byAgent.get(r.agent_id ?? '') ?? { credits: 0, sent: 0 };
      e.credits += Number(r.credits);
      e.sent += n;
      byAgent.set(r.agent_id ?? '', e);
    }
  }
  const [names, optOuts] = await Promise.all([namesOf(db, actor.accountId, [...byQueue.keys()], [...byAgent.keys()]), optOutSeries(db, actor.accountId, q, scope)]);
  const series: DashboardPoint[] = [...points.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([at, p]) => ({ at, ...p }));
  const outcomes = totals.delivered + totals.failed;
  const share = (k: number): number | null => (totals.sent > 0 ? k / totals.sent : null);
  return {
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    granularity: q.granularity,
    series,
    totals: {
      sent: totals.sent,
      received: totals.received,
      delivered: totals.delivered,
      failed: totals.failed,
      pending: totals.sent - outcomes,
      deliveryRate: outcomes > 0 ? totals.delivered / outcomes : null,
      credits: totals.credits,
      segments: totals.segments,
      unicodeShare: share(totals.unicode),
      multipartShare: share(totals.multipart),
      optOuts: optOuts.reduce((s, p) => s + p.count, 0),
    },
    timeToDelivered: {
      count: [...latency.values()].reduce((s, n) => s + n, 0),
      p50Seconds: percentileFromHistogram(latency, 0.5),
      p95Seconds: percentileFromHistogram(latency, 0.95),
    },
    failures: FAILURE_REASONS.filter((r) => (failures.get(r) ?? 0) > 0)
      .map((reason) => ({ reason, count: failures.get(reason) ?? 0 }))
      .sort((a, b) => b.count - a.count),
    creditsByQueue: [...byQueue.entries()]
      .filter(([, e]) => e.sent !== 0 || e.credits !== 0)
      .map(([id, e]) => ({ queueId: id || null, name: id ? (names.queues.get(id) ?? null) : null, ...e }))
      .sort((a, b) => b.credits - a.credits),
    creditsByAgent: [...byAgent.entries()]
      .filter(([, e]) => e.sent !== 0 || e.credits !== 0)
      .map(([id, e]) => ({ agentId: id || null, name: id ? (names.agents.get(id) ?? null) : null, ...e }))
      .sort((a, b) => b.credits - a.credits),
    optOuts,
  };
}

async function namesOf(db: Db, accountId: string, queueIds: readonly string[], agentIds: readonly string[]): Promise<{ queues: Map<string, string>; agents: Map<string, string> }> {
  const q = queueIds.filter(Boolean);
  const a = agentIds.filter(Boolean);
  const [queues, agents] = await Promise.all([
    q.length ? db.selectFrom('queues').select(['id', 'name']).where('account_id', '=', accountId).where('id', 'in', q).execute() : [],
    a.length ? db.selectFrom('agents').select(['id', 'name']).where('account_id', '=', accountId).where('id', 'in', a).execute() : [],
  ]);
  return { queues: new Map(queues.map((r) => [r.id, r.name])), agents: new Map(agents.map((r) => [r.id, r.name])) };
}

/**
 * Opt-outs of the account in the period. They belong to a customer's number, not to a queue or an
 * agent: the count is the account's whatever the filter (supervisors see the count, no number).
 */
async function optOutSeries(db: Db, accountId: string, q: DashboardQuery, _scope: DashboardScope): Promise<{ at: string; count: number }[]> {
  const unit = sql.lit(q.granularity);
  const r = await sql<{ t: Date; n: string }>`
    select date_trunc(${unit}, created_at at time zone 'UTC') at time zone 'UTC' as t, count(*)::text as n
    from consent_changes
    where account_id = ${accountId} and action = 'opt_out' and created_at >= ${q.from} and created_at < ${q.to}
    group by 1 order by 1`.execute(db);
  return r.rows.map((x) => ({ at: x.t.toISOString(), count: Number(x.n) }));
}
