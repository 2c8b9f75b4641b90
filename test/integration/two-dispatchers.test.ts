// Two dispatcher processes on one PostgreSQL share the queue: the work is split and no
// message is handed over twice. PGlite serves a single process, so there is nothing to
// share there: the test is skipped on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnDispatcherChild, type DispatcherChild } from '../fixtures/outbox/child-process.js';
import { startHttpFake, type HttpFakeServer } from '../fixtures/outbox/http-fake-server.js';
import { seedAccount, seedInteractions, seedQueued, statusCounts, waitUntil } from '../fixtures/outbox/seed.js';
import { openTestDatabase, TEST_DB_KIND, type TestDatabase } from './harness.js';

let tdb: TestDatabase;
let fake: HttpFakeServer;
const children: DispatcherChild[] = [];

describe.skipIf(TEST_DB_KIND !== 'postgres')('two dispatcher processes on one PostgreSQL (PGlite is single-process: skipped there)', () => {
  beforeAll(async () => {
    tdb = await openTestDatabase();
    fake = await startHttpFake({ latencyMs: 3 });
  });
  afterAll(async () => {
    for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
    await fake?.close();
    await tdb?.close();
  });

  it('split the work, and no message is sent twice', async () => {
    const spawn = (name: string) => {
      const c = spawnDispatcherChild({ DB_URL: tdb.location.options.url, FAKE_URL: fake.url, WORKER: name, CONCURRENCY: 16, LEASE_MS: 5000, SUBMIT_TIMEOUT_MS: 2000, POLL_MS: 100 });
      children.push(c);
      return c;
    };
    const [one, two] = [spawn('one'), spawn('two')];
    // Both running before the work arrives, so neither gets a head start.
    await Promise.all([one.waitFor('start', (l) => l.ready === true), two.waitFor('start', (l) => l.ready === true)]);
    const a = await seedAccount(tdb.db);
    const interactions = await seedInteractions(tdb.db, a, 50);
    const threaded = await seedQueued(tdb.db, a, 1000, { interactions, prefix: 'two-conv' });
    const direct = await seedQueued(tdb.db, a, 2000, { prefix: 'two-direct' });
    const all = [...threaded, ...direct];
    await waitUntil('every message sent', async () => (await statusCounts(tdb.db, all)).sent === all.length, 60_000, 100);
    one.proc.kill('SIGTERM');
    two.proc.kill('SIGTERM');
    expect(await one.exited).toBe(0);
    expect(await two.exited).toBe(0);

    const stats = fake.stats();
    expect(stats.duplicates).toEqual([]);
    expect(stats.unique).toBe(all.length);
    expect(await statusCounts(tdb.db, all)).toEqual({ sent: all.length });
    const perWorker = stats.perWorker;
    // Both took a real share (an even split is 1,500 each).
    expect(perWorker.one ?? 0).toBeGreaterThan(300);
    expect(perWorker.two ?? 0).toBeGreaterThan(300);
    expect((perWorker.one ?? 0) + (perWorker.two ?? 0)).toBe(all.length);
    // Order within each conversation held across the two processes.
    const order = fake.order();
    for (let c = 0; c < interactions.length; c++) {
      const expected = threaded.filter((_, i) => i % interactions.length === c);
      expect(order.filter((id) => expected.includes(id))).toEqual(expected);
    }
  }, 90_000);
});
