import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyStatusReport, claimDue, markSent } from '../../src/db/outbox.js';
import { createDispatcher } from '../../src/dispatcher/index.js';
import type { MessageStatus } from '../../src/domain/messages/status.js';
import { createSimulatorProvider, parseSimulatorConfig, seededRandom } from '../../src/providers/simulator/index.js';
import { seedAccount, seedQueued, statusCounts, waitUntil, type OutboxAccount } from '../fixtures/outbox/seed.js';
import { openTestDatabase, TEST_DB_KIND, type TestDatabase } from './harness.js';

let tdb: TestDatabase;
let a: OutboxAccount;

beforeAll(async () => {
  tdb = await openTestDatabase();
  a = await seedAccount(tdb.db);
});
afterAll(async () => {
  await tdb?.close();
});

const report = (providerMessageId: string, status: MessageStatus, errorCode?: string) =>
  applyStatusReport(tdb.db, { accountId: a.accountId, provider: 'p', providerMessageId, status, ...(errorCode ? { errorCode } : {}), at: new Date() });

/** Claims and records `ids` as sent under provider 'p', with provider ids `pm-<id>`. */
async function sendAll(ids: readonly string[]): Promise<void> {
  const claimed = await claimDue(tdb.db, { workerId: 'w', limit: ids.length, leaseMs: 10_000, horizonMs: 1000 });
  const mine = claimed.filter((c) => ids.includes(c.id));
  expect(mine).toHaveLength(ids.length);
  await markSent(tdb.db, 'w', mine.map((m) => ({ messageId: m.id, accountId: a.accountId, provider: 'p', providerMessageId: `pm-${m.id}` })));
}

async function status(id: string) {
  return tdb.db.selectFrom('messages').select(['status', 'error_code', 'delivered_at']).where('id', '=', id).executeTakeFirstOrThrow();
}

describe(`delivery reports (${TEST_DB_KIND})`, () => {
  it('duplicates, stale and contradicting reports change nothing after the first final word', async () => {
    const [id] = await seedQueued(tdb.db, a, 1);
    await sendAll([id as string]);
    const pm = `pm-${id}`;
    expect(await report(pm, 'delivered')).toMatchObject({ kind: 'applied', status: 'delivered' });
    expect(await report(pm, 'sent')).toMatchObject({ kind: 'ignored', reason: 'final' });
    expect(await report(pm, 'delivered')).toMatchObject({ kind: 'ignored', reason: 'duplicate' });
    expect(await report(pm, 'failed', '30003')).toMatchObject({ kind: 'ignored', reason: 'final' });
    expect(await status(id as string)).toMatchObject({ status: 'delivered', error_code: null, delivered_at: expect.any(Date) });
    const { rows } = await sql<{ s: string }>`select payload->>'status' as s from events where payload->>'messageId' = ${id} order by id`.execute(tdb.db);
    expect(rows.map((r) => r.s)).toEqual(['sending', 'sent', 'delivered']);
  });

  it('a failure report records the carrier error code', async () => {
    const [id] = await seedQueued(tdb.db, a, 1);
    await sendAll([id as string]);
    await report(`pm-${id}`, 'undelivered', '30005');
    expect(await status(id as string)).toMatchObject({ status: 'undelivered', error_code: '30005' });
  });

  it('a report that arrives before the submit result is kept and applied when the message is recorded', async () => {
    const [id] = await seedQueued(tdb.db, a, 1);
    expect(await report(`pm-${id}`, 'delivered')).toEqual({ kind: 'pending' });
    expect(await report(`pm-${id}`, 'delivered')).toEqual({ kind: 'pending' });
    await sendAll([id as string]);
    expect(await status(id as string)).toMatchObject({ status: 'delivered' });
    const left = await tdb.db.selectFrom('pending_status_reports').select('status').where('provider_message_id', '=', `pm-${id}`).execute();
    expect(left).toEqual([]);
  });

  it('early out-of-order reports end in the right final status', async () => {
    const [id] = await seedQueued(tdb.db, a, 1);
    await report(`pm-${id}`, 'failed', 'X1');
    await report(`pm-${id}`, 'sent');
    await sendAll([id as string]);
    expect(await status(id as string)).toMatchObject({ status: 'failed', error_code: 'X1' });
  });

  it('reports racing the submit records are never lost', async () => {
    const ids = await seedQueued(tdb.db, a, 200);
    const claimed = (await claimDue(tdb.db, { workerId: 'race', limit: 200, leaseMs: 10_000, horizonMs: 1000 })).filter((c) => ids.includes(c.id));
    expect(claimed).toHaveLength(200);
    const records = claimed.map((m) => ({ messageId: m.id, accountId: a.accountId, provider: 'p', providerMessageId: `pm-${m.id}` }));
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => markSent(tdb.db, 'race', records.slice(i * 10, i * 10 + 10))),
      ...ids.map((id) => report(`pm-${id}`, 'delivered')),
      ...ids.map((id) => report(`pm-${id}`, 'delivered')),
    ]);
    expect(await statusCounts(tdb.db, ids)).toEqual({ delivered: 200 });
  });

  it('the simulator reports delivery through the dispatcher, even faster than the submit is recorded', async () => {
    const b = await seedAccount(tdb.db);
    const sim = createSimulatorProvider(parseSimulatorConfig({ latencyMs: 1, deliveryDelayMs: 0, failedRate: 0.2 }), { random: seededRandom(3) });
    const ids = await seedQueued(tdb.db, b, 100);
    const d = createDispatcher({ db: tdb.db, providers: () => sim, pollIntervalMs: 50, leaseMs: 5000, submitTimeoutMs: 1000, logger: { warn: () => undefined, error: () => undefined } });
    await d.start();
    try {
      await waitUntil('all reported', async () => {
        const c = await statusCounts(tdb.db, ids);
        return (c.delivered ?? 0) + (c.failed ?? 0) === 100;
      });
    } finally {
      await d.stop();
      await sim.close?.();
    }
    const c = await statusCounts(tdb.db, ids);
    expect(c.failed).toBeGreaterThan(5);
    expect(c.delivered).toBeGreaterThan(60);
  });
});
