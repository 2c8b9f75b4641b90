// A dispatcher process killed with SIGKILL in the middle of a burst, then a new one started:
// every message must reach the provider exactly once. The provider is an HTTP fake in this
// (the test's) process, so it outlives the killed dispatcher and answers reconciliations
// from what it really received.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type SmsdeskDatabase } from '../../src/db/open-database.js';
import { spawnDispatcherChild, type DispatcherChild } from '../fixtures/outbox/child-process.js';
import { startHttpFake, type HttpFakeServer } from '../fixtures/outbox/http-fake-server.js';
import { seedAccount, seedQueued, statusCounts } from '../fixtures/outbox/seed.js';
import { createTestLocation, TEST_DB_KIND, type TestDatabaseLocation } from './harness.js';

const BURST = 5000;
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

describe(`a dispatcher killed mid-burst (${TEST_DB_KIND})`, () => {
  it('every message reaches the provider exactly once after a restart', async () => {
    let db: SmsdeskDatabase = await openDatabase({ ...location.options });
    const a = await seedAccount(db.db);
    const ids = await seedQueued(db.db, a, BURST, { prefix: 'burst' });
    // PGlite serves one process: hand the folder over to the children.
    if (TEST_DB_KIND === 'pglite') await db.close();

    const first = spawnChild('first');
    await first.waitFor('start', (l) => l.ready === true);
    const killAt = BURST * 0.3;
    while (fake.stats().unique < killAt) {
      if (first.proc.exitCode !== null) throw new Error(`the first dispatcher exited early (${first.proc.exitCode})`);
      await new Promise((r) => setTimeout(r, 5));
    }
    first.proc.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    const atKill = fake.stats().unique;
    expect(atKill).toBeLessThan(BURST);

    const second = spawnChild('second');
    await second.waitFor('the queue to drain', (l) => l.pending === 0, 90_000);
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    const reconciled = second.lines.find((l) => l.stopped)?.stats?.reconciled ?? 0;

    if (TEST_DB_KIND === 'pglite') db = await openDatabase({ ...location.options });
    try {
      const stats = fake.stats();
      expect(stats.duplicates).toEqual([]);
      expect(stats.unique).toBe(BURST);
      expect(await statusCounts(db.db, ids)).toEqual({ sent: BURST });
      // What the killed process had in flight was looked up, not resent.
      expect(reconciled).toBeGreaterThan(0);
      const unmatched = await db.db.selectFrom('messages').select('id').where('id', 'in', ids).where('provider_message_id', 'is', null).execute();
      expect(unmatched).toEqual([]);
    } finally {
      await db.close();
    }
  }, 150_000);
});
