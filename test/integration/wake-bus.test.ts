import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type SmsdeskDatabase } from '../../src/db/open-database.js';
import { createWakeBus, OUTBOX_CHANNEL } from '../../src/db/wake-bus.js';
import { waitUntil } from '../fixtures/outbox/seed.js';
import { openTestDatabase, TEST_DB_KIND, type TestDatabase } from './harness.js';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(async () => {
  await tdb?.close();
});

describe(`wake-ups (${TEST_DB_KIND})`, () => {
  it('reaches subscribers in the same process at once', async () => {
    const bus = createWakeBus(tdb.database, 'smsdesk_test_local');
    let woken = 0;
    await bus.subscribe(() => woken++);
    bus.wake();
    bus.wake();
    expect(woken).toBe(2);
    await bus.close();
  });

  it.runIf(TEST_DB_KIND === 'postgres')('reaches other processes through one NOTIFY per burst', async () => {
    // A second connection set stands for another process.
    const other: SmsdeskDatabase = await openDatabase({ url: tdb.location.options.url, poolSize: 2 });
    const sender = createWakeBus(tdb.database, OUTBOX_CHANNEL);
    const receiver = createWakeBus(other, OUTBOX_CHANNEL);
    try {
      let woken = 0;
      await receiver.subscribe(() => woken++);
      for (let i = 0; i < 100; i++) sender.wake();
      await waitUntil('a remote wake-up', () => woken > 0, 5000);
      await new Promise((r) => setTimeout(r, 100));
      // The burst was folded: the first wake at once, the other 99 in one trailing NOTIFY.
      expect(woken).toBeLessThanOrEqual(2);
    } finally {
      await sender.close();
      await receiver.close();
      await other.close();
    }
  });
});
