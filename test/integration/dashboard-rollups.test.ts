// The dashboard through its use case (dashboard()) against a recount of the messages in
// TypeScript, for every kind of request the page makes: hourly and daily points over periods
// whose edges fall inside a day (daily rows for whole days, hourly ones around them), filters by
// queue, SMS number or agent, supervisors' scopes, and two filters at once (delivery_stats).
// On PostgreSQL a roll-up is held off during some reads, so waiting deltas are read too.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardView } from '../../src/api/dashboard-views.js';
import { dashboard, type DashboardScope } from '../../src/app/dashboard/dashboard.js';
import { DashboardQuery } from '../../src/app/dashboard/dashboard-schema.js';
import { rollUpDeliveryStats } from '../../src/app/dashboard/rollup.js';
import { percentileFromHistogram, latencyBucket } from '../../src/domain/dashboard/latency.js';
import { failureReason, FAILURE_REASONS } from '../../src/domain/delivery-failure/index.js';
import type { MessageStatus } from '../../src/domain/messages/status.js';
import { openTestDatabase, TEST_DB_KIND, type TestDatabase } from './harness.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const HOUR = 3_600_000;
const A = `dr-${Date.now().toString(36)}`;
const QUEUES = [`${A}-q0`, `${A}-q1`, `${A}-q2`];
const AGENTS = [`${A}-a0`, `${A}-a1`, `${A}-a2`, `${A}-a3`];
const NUMBERS = [`${A}-n0`, `${A}-n1`, `${A}-n2`];
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;
const FAILED = ['failed', 'undelivered', 'rejected'];

async function seedTeam(): Promise<string[]> {
  await sql`insert into accounts (id, name, provider_type) values (${A}, ${A}, 'twilio')`.execute(t.db);
  for (const [i, n] of NUMBERS.entries()) await sql`insert into sms_numbers (id, account_id, address) values (${n}, ${A}, ${'+3375990000' + i})`.execute(t.db);
  for (const [i, q] of QUEUES.entries()) await sql`insert into queues (id, account_id, name) values (${q}, ${A}, ${'Queue ' + i})`.execute(t.db);
  for (const [i, a] of AGENTS.entries()) await sql`insert into agents (id, account_id, email, name) values (${a}, ${A}, ${a + '@x.test'}, ${'Agent ' + i})`.execute(t.db);
  // a0, a1 in q0; a2 in q1 and q2; a3 in no queue.
  for (const [q, a] of [[0, 0], [0, 1], [1, 2], [2, 2]] as const) await sql`insert into queue_members (queue_id, agent_id) values (${QUEUES[q]}, ${AGENTS[a]})`.execute(t.db);
  const interactions: string[] = [];
  for (let i = 0; i < 6; i++) {
    const id = `${A}-i${i}`;
    await sql`insert into interactions (id, account_id, kind, status, customer_number, sms_number_id, queue_id)
      values (${id}, ${A}, 'sms', 'progressing', ${'+3361234500' + i}, ${NUMBERS[i % 3]}, ${i === 5 ? null : QUEUES[i % 3]})`.execute(t.db);
    interactions.push(id);
  }
  return interactions;
}

/** Messages over the last 4 days and the next hour, with outcomes; Direct SMS and their replies. */
async function seedMessages(interactions: readonly string[], count: number, prefix: string, direct: string[]): Promise<void> {
  for (let k = 0; k < count; k++) {
    const id = `${A}-${prefix}${k}`;
    const inConversation = Math.random() < 0.6;
    const interaction = inConversation ? pick(interactions) : null;
    const out = Math.random() < 0.7;
    const inReplyTo = !out && !interaction && direct.length > 0 && Math.random() < 0.7 ? pick(direct) : null;
    const at = new Date(Date.now() - Math.random() * 4 * 24 * HOUR + 0.5 * HOUR);
    const agent = out && Math.random() < 0.95 ? pick(AGENTS) : null;
    const [status, code] = out ? pick([['delivered', null], ['delivered', null], ['failed', '30003'], ['undelivered', '30007'], ['rejected', '21610'], ['sent', null], ['queued', null]] as const) : (['received', null] as const);
    const delivered = status === 'delivered' ? new Date(at.getTime() + Math.random() * 900_000) : null;
    const segments = pick([1, 1, 2, 3]);
    await sql`insert into messages (id, account_id, interaction_id, direction, status, agent_id, sms_number_id, from_address, to_address,
        body, encoding, units, segments, credits, provider, error_code, created_at, delivered_at, in_reply_to)
      values (${id}, ${A}, ${interaction}, ${out ? 'out' : 'in'}, 'queued', ${agent}, ${pick(NUMBERS)},
        ${out ? '+33750000000' : pick(['+33612345678', '+447700900123'])}, ${out ? pick(['+33612345678', '+12025550123']) : '+33750000000'},
        'x', ${pick(['GSM-7', 'UCS-2'])}, 10, ${segments}, ${segments * pick([1, 2])}, 'twilio', null, ${at}, null, ${inReplyTo})`.execute(t.db);
    // The outcome arrives as an update, as a delivery report's does.
    if (status !== 'queued')
      await sql`update messages set status = ${status}, error_code = ${code}, delivered_at = ${delivered} where id = ${id}`.execute(t.db);
    if (out && !interaction) direct.push(id);
    if (k % 40 === 39) await rollUpDeliveryStats(t.db);
  }
}

interface Msg {
  created_at: Date;
  queue_id: string | null;
  direct_agent_id: string | null;
  agent_id: string | null;
  sms_number_id: string | null;
  direction: string;
  status: string;
  provider: string | null;
  error_code: string | null;
  encoding: string;
  segments: number;
  credits: number;
  delivered_at: Date | null;
}

/** The view the page should show, from the messages as they stand. */
async function recount(q: DashboardQuery, scope: DashboardScope): Promise<DashboardView> {
  const rows = await sql<Msg>`
    select m.created_at, i.queue_id, case when m.interaction_id is null then coalesce(m.agent_id, d.agent_id) end as direct_agent_id,
      m.agent_id, m.sms_number_id, m.direction, m.status, m.provider, m.error_code, m.encoding, m.segments, m.credits, m.delivered_at
    from messages m left join interactions i on i.id = m.interaction_id left join messages d on d.id = m.in_reply_to
    where m.account_id = ${A}`.execute(t.db);
  const members = new Set((await sql<{ agent_id: string }>`select agent_id from queue_members where queue_id in (${sql.join(scope.all ? [''] : [...scope.queueIds, ''])})`.execute(t.db)).rows.map((r) => r.agent_id));
  const h1 = Math.ceil(q.from.getTime() / HOUR) * HOUR;
  const h2 = Math.ceil(q.to.getTime() / HOUR) * HOUR;
  const points = new Map<string, { sent: number; received: number; delivered: number; failed: number }>();
  const totals = { sent: 0, received: 0, delivered: 0, failed: 0, credits: 0, segments: 0, unicode: 0, multipart: 0 };
  const latency = new Map<number, number>();
  const failures = new Map<string, number>();
  const byQueue = new Map<string, { credits: number; sent: number }>();
  const byAgent = new Map<string, { credits: number; sent: number }>();
  for (const m of rows.rows) {
    const hour = Math.floor(m.created_at.getTime() / HOUR) * HOUR;
    if (hour < h1 || hour >= h2) continue;
    if (q.queueId && m.queue_id !== q.queueId) continue;
    if (q.smsNumberId && m.sms_number_id !== q.smsNumberId) continue;
    if (q.agentId && m.agent_id !== q.agentId) continue;
    if (!scope.all && !((m.queue_id !== null && scope.queueIds.includes(m.queue_id)) || (m.direct_agent_id !== null && members.has(m.direct_agent_id)))) continue;
    const bucket = new Date(q.granularity === 'hour' ? hour : Math.floor(hour / (24 * HOUR)) * 24 * HOUR).toISOString();
    const p = points.get(bucket) ?? { sent: 0, received: 0, delivered: 0, failed: 0 };
    const delivered = m.status === 'delivered';
    const failed = FAILED.includes(m.status);
    if (m.direction === 'in') {
      p.received++;
      totals.received++;
    } else {
      p.sent++;
      p.delivered += delivered ? 1 : 0;
      p.failed += failed ? 1 : 0;
      totals.sent++;
      totals.delivered += delivered ? 1 : 0;
      totals.failed += failed ? 1 : 0;
      totals.credits += m.credits;
      totals.segments += m.segments;
      totals.unicode += m.encoding === 'UCS-2' ? 1 : 0;
      totals.multipart += m.segments > 1 ? 1 : 0;
      if (delivered && m.delivered_at) {
        const b = latencyBucket(Math.max(0, (m.delivered_at.getTime() - m.created_at.getTime()) / 1000));
        latency.set(b, (latency.get(b) ?? 0) + 1);
      }
      if (failed) {
        const reason = failureReason({ provider: m.provider, status: m.status as MessageStatus, errorCode: m.error_code }) ?? 'unknown';
        failures.set(reason, (failures.get(reason) ?? 0) + 1);
      }
      for (const [map, key] of [[byQueue, m.queue_id ?? ''], [byAgent, m.agent_id ?? '']] as const) {
        const e = map.get(key) ?? { credits: 0, sent: 0 };
        e.credits += m.credits;
        e.sent++;
        map.set(key, e);
      }
    }
    points.set(bucket, p);
  }
  const outcomes = totals.delivered + totals.failed;
  return {
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    granularity: q.granularity,
    series: [...points.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([at, p]) => ({ at, ...p })),
    totals: {
      sent: totals.sent,
      received: totals.received,
      delivered: totals.delivered,
      failed: totals.failed,
      pending: totals.sent - outcomes,
      deliveryRate: outcomes > 0 ? totals.delivered / outcomes : null,
      credits: totals.credits,
      segments: totals.segments,
      unicodeShare: totals.sent > 0 ? totals.unicode / totals.sent : null,
      multipartShare: totals.sent > 0 ? totals.multipart / totals.sent : null,
      optOuts: 0,
    },
    timeToDelivered: { count: [...latency.values()].reduce((s, n) => s + n, 0), p50Seconds: percentileFromHistogram(latency, 0.5), p95Seconds: percentileFromHistogram(latency, 0.95) },
    failures: FAILURE_REASONS.filter((r) => failures.has(r)).map((reason) => ({ reason, count: failures.get(reason) ?? 0 })),
    creditsByQueue: [...byQueue.entries()].map(([id, e]) => ({ queueId: id || null, name: id ? `Queue ${QUEUES.indexOf(id)}` : null, ...e })),
    creditsByAgent: [...byAgent.entries()].map(([id, e]) => ({ agentId: id || null, name: id ? `Agent ${AGENTS.indexOf(id)}` : null, ...e })),
    optOuts: [],
  };
}

/** Lists whose order among equal values is not specified, in one order. */
function normal(v: DashboardView): DashboardView {
  const sorted = <T>(xs: readonly T[], key: (x: T) => string): T[] => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
  return {
    ...v,
    failures: sorted(v.failures, (x) => x.reason),
    creditsByQueue: sorted(v.creditsByQueue, (x) => x.queueId ?? ''),
    creditsByAgent: sorted(v.creditsByAgent, (x) => x.agentId ?? ''),
  };
}

function requests(): { name: string; q: DashboardQuery; scope: DashboardScope }[] {
  const now = Date.now();
  const nextHour = Math.ceil(now / HOUR) * HOUR;
  const iso = (ms: number) => new Date(ms).toISOString();
  const periods = [
    { name: 'last 24 h hourly', from: iso(nextHour - 24 * HOUR), to: iso(nextHour), granularity: 'hour' },
    { name: '7 days daily (edges inside days)', from: iso(nextHour - 7 * 24 * HOUR), to: iso(nextHour), granularity: 'day' },
    { name: '3 days hourly', from: iso(nextHour - 72 * HOUR), to: iso(nextHour), granularity: 'hour' },
    { name: 'unaligned minutes, daily', from: iso(now - 50 * HOUR - 17 * 60_000), to: iso(now - 5 * HOUR + 7 * 60_000), granularity: 'day' },
    { name: 'whole days, daily', from: iso(Math.floor(now / 86_400_000 - 3) * 86_400_000), to: iso(Math.ceil(now / 86_400_000) * 86_400_000), granularity: 'day' },
  ] as const;
  const filters: { name: string; f: Record<string, string>; scope: DashboardScope }[] = [
    { name: 'account', f: {}, scope: { all: true } },
    { name: 'one queue', f: { queueId: QUEUES[0] ?? '' }, scope: { all: true } },
    { name: 'one number', f: { smsNumberId: NUMBERS[1] ?? '' }, scope: { all: true } },
    { name: 'one agent', f: { agentId: AGENTS[2] ?? '' }, scope: { all: true } },
    { name: 'supervisor of q0', f: {}, scope: { all: false, queueIds: [QUEUES[0] ?? ''] } },
    { name: 'supervisor of q1, q2', f: {}, scope: { all: false, queueIds: [QUEUES[1] ?? '', QUEUES[2] ?? ''] } },
    { name: 'supervisor of none', f: {}, scope: { all: false, queueIds: [] } },
    { name: 'supervisor and an agent (two filters)', f: { agentId: AGENTS[0] ?? '' }, scope: { all: false, queueIds: [QUEUES[0] ?? ''] } },
    { name: 'a queue and a number (two filters)', f: { queueId: QUEUES[1] ?? '', smsNumberId: NUMBERS[1] ?? '' }, scope: { all: true } },
  ];
  return periods.flatMap(({ name, ...p }) => filters.map((f) => ({ name: `${name}, ${f.name}`, q: DashboardQuery.parse({ ...p, ...f.f }), scope: f.scope })));
}

async function expectAllEqual(): Promise<number> {
  let seen = 0;
  for (const r of requests()) {
    const actual = await dashboard(t.db, { accountId: A, agentId: AGENTS[0] ?? '' }, r.q, r.scope);
    const expected = await recount(r.q, r.scope);
    expect(normal(actual), r.name).toEqual(normal(expected));
    seen += actual.totals.sent + actual.totals.received;
  }
  return seen;
}

describe(`the dashboard from its read tables (${TEST_DB_KIND})`, () => {
  it('equals a recount of the messages for every kind of request', async () => {
    const interactions = await seedTeam();
    const direct: string[] = [];
    await seedMessages(interactions, 400, 'm', direct);
    expect(await expectAllEqual()).toBeGreaterThan(0);
    // More changes, then reads while another roll-up holds the lock (PostgreSQL: a second
    // connection), so the waiting deltas are added by the read itself.
    await seedMessages(interactions, 60, 'w', direct);
    const waiting = await sql<{ n: string }>`select count(*)::text as n from delivery_stat_deltas`.execute(t.db);
    expect(Number(waiting.rows[0]?.n)).toBeGreaterThan(0);
    if (TEST_DB_KIND === 'postgres') {
      await t.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(7170017)`.execute(trx);
        await expectAllEqual();
        const still = await sql<{ n: string }>`select count(*)::text as n from delivery_stat_deltas`.execute(t.db);
        expect(Number(still.rows[0]?.n)).toBeGreaterThan(0);
      });
    }
    expect(await expectAllEqual()).toBeGreaterThan(0);
  }, 120_000);
});
