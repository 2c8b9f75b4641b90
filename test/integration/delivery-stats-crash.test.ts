// The dashboard's aggregates after a crash: a dispatcher process killed with SIGKILL in the middle of
// a burst (its transactions cut short, its roll-ups too), then a new one started; on PostgreSQL
// delivery reports are applied from this process at the same time, as webhooks would. Afterwards the
// aggregates (delivery_stats and the dashboard's read tables) equal a full recount of the messages.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollUpDeliveryStats } from '../../src/app/dashboard/rollup.js';
import { openDatabase, type SmsdeskDatabase } from '../../src/db/open-database.js';
import { aggregated, recounted } from '../fixtures/dashboard/recount.js';
import { rolledUp, rollupsRecounted } from '../fixtures/dashboard/rollups-recount.js';
import { spawnDispatcherChild, type DispatcherChild } from '../fixtures/outbox/child-process.js';
import { startHttpFake, type HttpFakeServer } from '../fixtures/outbox/http-fake-server.js';
import { seedAccount, seedQueued } from '../fixtures/outbox/seed.js';
import { createTestLocation, TEST_DB_KIND, type TestDatabaseLocation } from './harness.js';

const BURST = 1500;
let location: TestDatabaseLocation;
let fake: HttpFakeServer;
const children: DispatcherChild[] = [];

beforeAll(async () => {
  location = await createTestLocation({ fileBacked: true });
  fake = await startHttpFake({ latencyMs: 3 });
});
afterAll(async () => {
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
  await fake?.close();
  await location?.dispose();
});

function spawnChild(name: string): DispatcherChild {
  const c = spawnDispatcherChild({
    DB_URL: location.options.url,
    DATA_DIR: location.options.url ? null : location.options.dataDir,
    FAKE_URL: fake.url,
    WORKER: name,
    CONCURRENCY: 32,
    LEASE_MS: 2500,
    SUBMIT_TIMEOUT_MS: 1000,
    POLL_MS: 200,
  });
  children.push(c);
  return c;
}

/** Random final reports on sent messages, each in its own transaction, as webhooks apply them. */
async function reports(db: SmsdeskDatabase, ids: readonly string[], count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const id = ids[Math.floor(Math.random() * ids.length)] ?? '';
    const [status, code] = ([['delivered', null], ['failed', '30003'], ['undelivered', '30007']] as const)[i % 3] ?? ['delivered', null];
    await sql`update messages set status = ${status}, error_code = ${code},
      delivered_at = case when ${status} = 'delivered' then now() else null end
      where id = ${id} and status = 'sent'`.execute(db.db);
    if (i % 25 === 0) await rollUpDeliveryStats(db.db);
  }
}

describe(`delivery aggregates after a dispatcher is killed (${TEST_DB_KIND})`, () => {
  it('equal a full recount', async () => {
    let db: SmsdeskDatabase = await openDatabase({ ...location.options });
    const a = await seedAccount(db.db);
    const ids = await seedQueued(db.db, a, BURST, { prefix: 'dcrash' });
    if (TEST_DB_KIND === 'pglite') await db.close();

    const first = spawnChild('first');
    await first.waitFor('start', (l) => l.ready === true);
    const killAt = BURST * (0.2 + Math.random() * 0.4);
    const webhooks = TEST_DB_KIND === 'postgres' ? reports(db, ids, 300) : Promise.resolve();
    while (fake.stats().unique < killAt) {
      if (first.proc.exitCode !== null) throw new Error(`the first dispatcher exited early (${first.proc.exitCode})`);
      await new Promise((r) => setTimeout(r, 5));
    }
    first.proc.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    await webhooks;

    const second = spawnChild('second');
    await second.waitFor('the queue to drain', (l) => l.pending === 0, 90_000);
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    if (TEST_DB_KIND === 'pglite') db = await openDatabase({ ...location.options });
    try {
      await reports(db, ids, 200);
      expect(await aggregated(db.db)).toEqual(await recounted(db.db));
      await rollUpDeliveryStats(db.db);
      expect(await aggregated(db.db)).toEqual(await recounted(db.db));
      // The dashboard's read tables (migration 0020) too: folded in the roll-ups' own statements.
      expect(await rolledUp(db.db)).toEqual(await rollupsRecounted(db.db));
      const sent = await sql<{ n: string }>`select coalesce(sum(n), 0)::text as n from delivery_stats where direction = 'out'`.execute(db.db);
      expect(sent.rows[0]?.n).toBe(String(BURST));
    } finally {
      await db.close();
    }
  }, 150_000);
});
