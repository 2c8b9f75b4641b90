// The dashboard's aggregates (migrations 0017 and 0020) equal a full recount of the messages after a
// randomized run: concurrent inserts, status reports and roll-ups, some transactions rolled back.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollUpDeliveryStats } from '../../src/app/dashboard/rollup.js';
import { dashboard } from '../../src/app/dashboard/dashboard.js';
import { DashboardQuery } from '../../src/app/dashboard/dashboard-schema.js';
import { recentNumberOutcomes } from '../../src/app/dashboard/number-health.js';
import { aggregated, recounted } from '../fixtures/dashboard/recount.js';
import { rolledUp, rollupsRecounted } from '../fixtures/dashboard/rollups-recount.js';
import { openTestDatabase, TEST_DB_KIND, type TestDatabase } from './harness.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;
const STATUS_PATHS: readonly (readonly [string, string | null])[] = [
  ['delivered', null],
  ['failed', '30003'],
  ['undelivered', '30007'],
  ['rejected', '21610'],
  ['failed', null],
  ['sent', null],
];

async function seed(accounts: number) {
  const out: { account: string; number: string; agent: string; interactions: (string | null)[]; sent: string[] }[] = [];
  for (let a = 0; a < accounts; a++) {
    const account = `ds-acc-${a}-${Date.now().toString(36)}`;
    await sql`insert into accounts (id, name, provider_type) values (${account}, ${account}, 'simulator')`.execute(t.db);
    await sql`insert into sms_numbers (id, account_id, address) values (${account + '-n'}, ${account}, ${'+3375000000' + a})`.execute(t.db);
    await sql`insert into queues (id, account_id, name) values (${account + '-q'}, ${account}, 'Support')`.execute(t.db);
    await sql`insert into agents (id, account_id, email, name) values (${account + '-a'}, ${account}, ${account + '@x.test'}, 'Ana')`.execute(t.db);
    const interactions: (string | null)[] = [null];
    for (let i = 0; i < 3; i++) {
      const id = `${account}-i${i}`;
      await sql`insert into interactions (id, account_id, kind, status, customer_number, sms_number_id, queue_id)
        values (${id}, ${account}, 'sms', 'progressing', ${'+3361234560' + i}, ${account + '-n'}, ${i === 0 ? null : account + '-q'})`.execute(t.db);
      interactions.push(id);
    }
    out.push({ account, number: account + '-n', agent: account + '-a', interactions, sent: [] });
  }
  return out;
}

describe(`delivery aggregates (${TEST_DB_KIND})`, () => {
  it('equal a full recount after a randomized concurrent run with roll-backs', async () => {
    const world = await seed(3);
    let k = 0;
    const worker = async (w: number) => {
      for (let step = 0; step < 60; step++) {
        const a = pick(world);
        const id = `ds-m-${w}-${step}-${++k}`;
        const out = Math.random() < 0.8;
        const rollback = Math.random() < 0.1;
        const interaction = pick(a.interactions);
        // An inbound message outside a conversation may answer a Direct SMS sent before.
        const inReplyTo = !out && interaction === null && a.sent.length > 0 ? pick(a.sent) : null;
        await t.db
          .transaction()
          .execute(async (trx) => {
            await sql`insert into messages (id, account_id, interaction_id, direction, status, agent_id, sms_number_id, from_address, to_address,
                body, encoding, units, segments, credits, created_at, in_reply_to)
              values (${id}, ${a.account}, ${interaction}, ${out ? 'out' : 'in'}, ${out ? 'queued' : 'received'}, ${out ? a.agent : null}, ${a.number},
                ${out ? '+33750000000' : pick(['+33612345678', '+447700900123', '+12025550123'])}, ${out ? pick(['+33612345678', '+905321234567', '+12025550123']) : '+33750000000'},
                'hello', ${pick(['GSM-7', 'UCS-2'])}, 10, ${pick([1, 1, 2, 3])}, ${pick([1, 2, 3])}, now() - ${`${Math.floor(Math.random() * 72)} hours`}::interval, ${inReplyTo})`.execute(trx);
            if (out && Math.random() < 0.9) {
              await sql`update messages set status = 'sending', attempts = attempts + 1, provider = 'twilio' where id = ${id}`.execute(trx);
              // A lease change alone counts nothing.
              await sql`update messages set locked_by = 'w', locked_until = now() where id = ${id}`.execute(trx);
              const [status, code] = pick(STATUS_PATHS);
              await sql`update messages set status = ${status}, error_code = ${code},
                delivered_at = case when ${status} = 'delivered' then created_at + ${`${Math.floor(Math.random() * 600)} seconds`}::interval else null end
                where id = ${id}`.execute(trx);
            }
            if (rollback) throw new Error('rolled back on purpose');
          })
          // Only a committed Direct SMS may be answered: another worker's reply names it next.
          .then(() => {
            if (out && interaction === null) a.sent.push(id);
          })
          .catch((e: unknown) => {
            if (!(e instanceof Error && e.message === 'rolled back on purpose')) throw e;
          });
        if (step % 15 === 7) await rollUpDeliveryStats(t.db);
      }
    };
    await Promise.all([0, 1, 2, 3].map(worker));
    expect(await aggregated(t.db)).toEqual(await recounted(t.db));
    await rollUpDeliveryStats(t.db);
    const left = await sql<{ n: string }>`select count(*)::text as n from delivery_stat_deltas`.execute(t.db);
    expect(left.rows[0]?.n).toBe('0');
    expect(await aggregated(t.db)).toEqual(await recounted(t.db));
    // The dashboard's read tables (migration 0020), folded by the same roll-ups.
    const read = await rolledUp(t.db);
    expect(read.size).toBeGreaterThan(0);
    expect(read).toEqual(await rollupsRecounted(t.db));
  });

  it('answers the dashboard from the aggregates', async () => {
    const [w] = await seed(1);
    if (!w) throw new Error('no world');
    const base = new Date(Date.UTC(2026, 10, 2, 10, 0, 0));
    const ins = (id: string, status: string, code: string | null, delaySec: number | null, encoding = 'GSM-7', segments = 1) =>
      sql`insert into messages (id, account_id, interaction_id, direction, status, agent_id, sms_number_id, from_address, to_address, body, encoding, units, segments, credits, provider, error_code, created_at, delivered_at)
        values (${id}, ${w.account}, ${w.interactions[2] ?? null}, 'out', ${status}, ${w.agent}, ${w.number}, '+33750000000', '+33612345678', 'x', ${encoding}, 10, ${segments}, ${segments}, 'twilio', ${code},
          ${base}, ${delaySec === null ? null : new Date(base.getTime() + delaySec * 1000)})`.execute(t.db);
    for (let i = 0; i < 8; i++) await ins(`${w.account}-d${i}`, 'delivered', null, 2 + i);
    await ins(`${w.account}-f1`, 'undelivered', '30007', null, 'UCS-2', 2);
    await ins(`${w.account}-f2`, 'failed', '30003', null);
    await sql`insert into messages (id, account_id, direction, status, sms_number_id, from_address, to_address, body, encoding, units, segments, credits, created_at)
      values (${w.account + '-in'}, ${w.account}, 'in', 'received', ${w.number}, '+33612345678', '+33750000000', 'hi', 'GSM-7', 2, 1, 0, ${base})`.execute(t.db);
    await sql`insert into consent_changes (account_id, number, action, source, created_at) values (${w.account}, '+33612345678', 'opt_out', 'keyword', ${base})`.execute(t.db);
    const q = DashboardQuery.parse({ from: '2026-11-02T00:00:00Z', to: '2026-11-03T00:00:00Z', granularity: 'hour' });
    const v = await dashboard(t.db, { accountId: w.account, agentId: w.agent }, q);
    expect(v.totals).toMatchObject({ sent: 10, received: 1, delivered: 8, failed: 2, pending: 0, deliveryRate: 0.8, credits: 11, optOuts: 1 });
    expect(v.totals.unicodeShare).toBeCloseTo(0.1);
    expect(v.totals.multipartShare).toBeCloseTo(0.1);
    expect(v.series).toEqual([{ at: '2026-11-02T10:00:00.000Z', sent: 10, received: 1, delivered: 8, failed: 2 }]);
    expect(v.failures).toEqual(expect.arrayContaining([{ reason: 'spam_filtered', count: 1 }, { reason: 'unreachable', count: 1 }]));
    expect(v.timeToDelivered.count).toBe(8);
    expect(v.timeToDelivered.p50Seconds).toBeGreaterThanOrEqual(5);
    expect(v.timeToDelivered.p50Seconds).toBeLessThanOrEqual(7);
    expect(v.timeToDelivered.p95Seconds).toBeGreaterThanOrEqual(7);
    expect(v.creditsByQueue).toEqual([{ queueId: w.account + '-q', name: 'Support', credits: 11, sent: 10 }]);
    expect(v.creditsByAgent).toEqual([{ agentId: w.agent, name: 'Ana', credits: 11, sent: 10 }]);
    expect(v.optOuts).toEqual([{ at: '2026-11-02T10:00:00.000Z', count: 1 }]);
    // The number's health counts outcomes by when they were reported (now), not by the message's hour.
    const health = (await recentNumberOutcomes(t.db)).find((o) => o.smsNumberId === w.number);
    expect(health).toMatchObject({ finals: 10, failures: 2, address: '+33750000000' });
    // A supervisor of no queue sees none of it; a filter on another number neither.
    const none = await dashboard(t.db, { accountId: w.account, agentId: w.agent }, q, { all: false, queueIds: [] });
    expect(none.totals.sent).toBe(0);
    const theirs = await dashboard(t.db, { accountId: w.account, agentId: w.agent }, q, { all: false, queueIds: [w.account + '-q'] });
    expect(theirs.totals.sent).toBe(10);
    // The inbound message belongs to no conversation and answers nothing: administrators only.
    expect(theirs.totals.received).toBe(0);
    const other = await dashboard(t.db, { accountId: w.account, agentId: w.agent }, DashboardQuery.parse({ ...{ from: '2026-11-02T00:00:00Z', to: '2026-11-03T00:00:00Z' }, smsNumberId: 'nope' }));
    expect(other.totals.sent).toBe(0);
    const daily = await dashboard(t.db, { accountId: w.account, agentId: w.agent }, DashboardQuery.parse({ from: '2026-11-01T00:00:00Z', to: '2026-11-04T00:00:00Z', granularity: 'day' }));
    expect(daily.series).toEqual([{ at: '2026-11-02T00:00:00.000Z', sent: 10, received: 1, delivered: 8, failed: 2 }]);
  });
});
