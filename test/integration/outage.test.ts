import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/dispatcher/index.js';
import { FakeProvider } from '../fixtures/outbox/fake-provider.js';
import { seedAccount, seedInteractions, seedQueued, statusCounts, waitUntil } from '../fixtures/outbox/seed.js';
import { openTestDatabase, TEST_DB_KIND, type TestDatabase } from './harness.js';

let tdb: TestDatabase;

beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(async () => {
  await tdb?.close();
});

describe(`provider outage (${TEST_DB_KIND})`, () => {
  it('everything is delivered once after recovery, in order within each conversation', async () => {
    const a = await seedAccount(tdb.db);
    const interactions = await seedInteractions(tdb.db, a, 20);
    // 20 conversations of 10 messages each, interleaved, plus 100 one-off messages.
    const threaded = await seedQueued(tdb.db, a, 200, { interactions, prefix: 'conv' });
    const direct = await seedQueued(tdb.db, a, 100, { prefix: 'direct' });
    const all = [...threaded, ...direct];
    const fake = new FakeProvider();
    fake.latencyMs = 2;
    fake.answer = 'outage';
    const d = createDispatcher({
      db: tdb.db,
      providers: () => fake,
      wake: tdb.outbox,
      pollIntervalMs: 50,
      leaseMs: 5000,
      submitTimeoutMs: 1000,
      backoff: { baseMs: 50, maxMs: 400 },
      maxAttempts: 100,
      logger: { warn: () => undefined, error: () => undefined },
    });
    await d.start();
    try {
      await waitUntil('the outage to be felt', () => fake.handOffs.length >= 150);
      await new Promise((r) => setTimeout(r, 1000));
      expect(fake.accepted).toHaveLength(0);
      // While the provider is down, each conversation has only its first message in play.
      fake.answer = 'ok';
      await waitUntil('all sent', async () => ((await statusCounts(tdb.db, all)).sent ?? 0) === all.length, 30_000);
    } finally {
      await d.stop();
    }
    expect(fake.duplicates()).toEqual([]);
    expect(fake.accepted.map((x) => x.messageId).sort()).toEqual([...all].sort());
    // Message i of the seed belongs to conversation i % 20; ids sort in seed order.
    const acceptedOrder = fake.accepted.map((x) => x.messageId);
    for (let c = 0; c < interactions.length; c++) {
      const expected = threaded.filter((_, i) => i % interactions.length === c);
      expect(acceptedOrder.filter((id) => expected.includes(id))).toEqual(expected);
    }
    const outageRetries = fake.handOffs.filter((h) => h.answer === 'outage').length;
    expect(outageRetries).toBeGreaterThan(150);
  });
});
