// The delivery dashboard, read from aggregates kept as messages change plus the deltas not yet
// folded, never the messages table: the coarse read tables of migration 0020 for a request with
// at most one filter (the page's), delivery_stats (migration 0017) for two filters at once.
import { sql } from 'kysely';
import { FAILURE_REASONS } from '../../domain/delivery-failure/index.js';
import { percentileFromHistogram } from '../../domain/dashboard/latency.js';
import type { Actor, Db } from '../context.js';
import type { SupervisionScope } from '../supervision/scope.js';
import type { DashboardQuery } from './dashboard-schema.js';
import type { DashboardPoint, DashboardView } from '../../api/dashboard-views.js';
import { readFromSlices, sliceSelection } from './read-slices.js';
import { readFromStats } from './read-stats.js';
import { rollUpDeliveryStats } from './rollup.js';
import type { Tallies } from './tallies.js';

/** Which queues the caller sees (supervisors: theirs; administrators: all). */
export type DashboardScope = SupervisionScope;

export async function dashboard(db: Db, actor: Actor, q: DashboardQuery, scope: DashboardScope = { all: true }): Promise<DashboardView> {
  // Fold what is waiting when nobody else is: smaller input for the read, and never a wait.
  await rollUpDeliveryStats(db);
  const selection = sliceSelection(q, scope);
  const tallies = selection ? await readFromSlices(db, actor.accountId, q, selection) : await readFromStats(db, actor.accountId, q, scope);
  return shape(db, actor, q, scope, tallies);
}

async function shape(db: Db, actor: Actor, q: DashboardQuery, scope: DashboardScope, t: Tallies): Promise<DashboardView> {
  const { points, totals, latency, failures, byQueue, byAgent } = t;
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
