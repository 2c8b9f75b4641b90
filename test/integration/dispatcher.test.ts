import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { creditBalance, debitCredits } from '../../src/db/credits.js';
import { claimDue, resolveReview } from '../../src/db/outbox.js';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from '../../src/dispatcher/index.js';
import { FakeProvider } from '../fixtures/outbox/fake-provider.js';
import { seedAccount, seedInteractions, seedQueued, statusCounts, waitUntil, type OutboxAccount } from '../fixtures/outbox/seed.js';
import { openTestDatabase, TEST_DB_KIND, type TestDatabase } from './harness.js';

let tdb: TestDatabase;
let running: Dispatcher[] = [];

beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterEach(async () => {
  for (const d of running) await d.stop();
  running = [];
});
afterAll(async () => {
  await tdb?.close();
});

const quiet = { warn: () => undefined, error: () => undefined };

async function startDispatcher(fake: FakeProvider, o: Partial<DispatcherOptions> = {}): Promise<Dispatcher> {
  const d = createDispatcher({
    db: tdb.db,
    providers: () => fake,
    wake: tdb.outbox,
    pollIntervalMs: 50,
    leaseMs: 2000,
    submitTimeoutMs: 300,
    reconcileDelayMs: 50,
    backoff: { baseMs: 20, maxMs: 200 },
    logger: quiet,
    ...o,
  });
  running.push(d);
  await d.start();
  return d;
}

async function message(id: string) {
  return tdb.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function statusTrail(id: string): Promise<string[]> {
  const { rows } = await sql<{ s: string }>`select payload->>'status' as s from events where type = 'message.status' and payload->>'messageId' = ${id} order by id`.execute(tdb.db);
  return rows.map((r) => r.s);
}

const settled = (ids: readonly string[]) => async () => {
  const c = await statusCounts(tdb.db, ids);
  return (c.queued ?? 0) + (c.sending ?? 0) === 0;
};

/** A message queued the way the send use cases do it: debited in the same transaction. */
async function queueDebited(a: OutboxAccount, credits: number): Promise<string> {
  return tdb.db.transaction().execute(async (trx) => {
    const [id] = await seedQueued(trx, a, 1, { credits });
    expect(await debitCredits(trx, a.accountId, credits, { reason: 'send', messageId: id ?? null })).toBe(true);
    return id as string;
  });
}

describe(`dispatcher (${TEST_DB_KIND})`, () => {
  it('sends queued messages and records each as sent with its provider id, with events', async () => {
    const a = await seedAccount(tdb.db);
    const fake = new FakeProvider();
    const ids = await seedQueued(tdb.db, a, 30);
    const d = await startDispatcher(fake);
    d.notify();
    await waitUntil('all sent', settled(ids));
    expect(await statusCounts(tdb.db, ids)).toEqual({ sent: 30 });
    expect(fake.duplicates()).toEqual([]);
    const m = await message(ids[0] as string);
    expect(m).toMatchObject({ status: 'sent', provider: 'fake', provider_message_id: fake.providerId(m.id), attempts: 1, locked_by: null, locked_until: null });
    expect(m.sent_at).toBeInstanceOf(Date);
    expect(await statusTrail(m.id)).toEqual(['sending', 'sent']);
  });

  it('retries a transient failure with back-off, then sends', async () => {
    const a = await seedAccount(tdb.db);
    const fake = new FakeProvider();
    const [id] = await seedQueued(tdb.db, a, 1);
    fake.scripts.set(id as string, ['outage', 'outage']);
    await startDispatcher(fake);
    await waitUntil('sent', settled([id as string]));
    const m = await message(id as string);
    expect(m).toMatchObject({ status: 'sent', attempts: 3, last_error: null, error_code: null });
    expect(fake.handOffs.filter((h) => h.messageId === id).map((h) => h.answer)).toEqual(['outage', 'outage', 'ok']);
    expect(await statusTrail(m.id)).toEqual(['sending', 'queued', 'sending', 'queued', 'sending', 'sent']);
  });

  it('rejects a permanent refusal and refunds its credits in the same transaction', async () => {
    const a = await seedAccount(tdb.db, { credits: 10 });
    const id = await queueDebited(a, 3);
    expect(await creditBalance(tdb.db, a.accountId)).toBe(7);
    const fake = new FakeProvider();
    fake.scripts.set(id, ['permanent']);
    await startDispatcher(fake);
    await waitUntil('rejected', settled([id]));
    expect(await message(id)).toMatchObject({ status: 'rejected', error_code: 'INVALID_TO', last_error: 'invalid destination', provider_message_id: null });
    expect(await creditBalance(tdb.db, a.accountId)).toBe(10);
    const refund = await tdb.db.selectFrom('credit_ledger').select(['delta', 'reason']).where('message_id', '=', id).orderBy('id').execute();
    expect(refund.map((r) => [Number(r.delta), r.reason])).toEqual([
      [-3, 'send'],
      [3, 'refund:rejected'],
    ]);
    expect(await statusTrail(id)).toEqual(['sending', 'rejected']);
  });

  it('gives up after maxAttempts transient failures: rejected and refunded', async () => {
    const a = await seedAccount(tdb.db, { credits: 5 });
    const id = await queueDebited(a, 2);
    const fake = new FakeProvider();
    fake.scripts.set(id, ['outage', 'outage', 'outage']);
    await startDispatcher(fake, { maxAttempts: 3 });
    await waitUntil('given up', settled([id]));
    const m = await message(id);
    expect(m).toMatchObject({ status: 'rejected', attempts: 3, error_code: '503' });
    expect(m.last_error).toContain('gave up after 3 attempts');
    expect(await creditBalance(tdb.db, a.accountId)).toBe(5);
  });

  it('uncertain, and the provider has it: reconciled as sent with its id, never resent', async () => {
    const a = await seedAccount(tdb.db);
    const fake = new FakeProvider();
    const [id] = await seedQueued(tdb.db, a, 1);
    fake.scripts.set(id as string, ['uncertain-accepted']);
    await startDispatcher(fake);
    await waitUntil('reconciled', settled([id as string]));
    expect(await message(id as string)).toMatchObject({ status: 'sent', provider_message_id: fake.providerId(id as string), attempts: 2 });
    expect(fake.handOffs.filter((h) => h.messageId === id)).toHaveLength(1);
    expect(fake.acceptedCount.get(id as string)).toBe(1);
  });

  it('uncertain, and the provider never got it: resent once', async () => {
    const a = await seedAccount(tdb.db);
    const fake = new FakeProvider();
    const [id] = await seedQueued(tdb.db, a, 1);
    fake.scripts.set(id as string, ['uncertain-lost']);
    await startDispatcher(fake);
    await waitUntil('resent', settled([id as string]));
    expect(await message(id as string)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(fake.handOffs.filter((h) => h.messageId === id).map((h) => h.answer)).toEqual(['uncertain-lost', 'ok']);
    expect(fake.acceptedCount.get(id as string)).toBe(1);
  });

  it('a provider that takes the message and never answers: timed out, reconciled, sent once', async () => {
    const a = await seedAccount(tdb.db);
    const fake = new FakeProvider();
    const [id] = await seedQueued(tdb.db, a, 1);
    fake.scripts.set(id as string, ['hang']);
    await startDispatcher(fake, { submitTimeoutMs: 100 });
    await waitUntil('reconciled', settled([id as string]));
    expect(await message(id as string)).toMatchObject({ status: 'sent', provider_message_id: fake.providerId(id as string) });
    expect(fake.acceptedCount.get(id as string)).toBe(1);
  });

  it('uncertain and the provider cannot tell: needs review, not resent, and the conversation goes on', async () => {
    const a = await seedAccount(tdb.db);
    const [interaction] = await seedInteractions(tdb.db, a, 1);
    const fake = new FakeProvider();
    fake.reconcileAnswer = 'unknown';
    const [first, second] = await seedQueued(tdb.db, a, 2, { interactions: [interaction as string] });
    fake.scripts.set(first as string, ['uncertain-lost']);
    await startDispatcher(fake);
    await waitUntil('second sent', async () => (await message(second as string)).status === 'sent');
    expect(await message(first as string)).toMatchObject({ status: 'sending', needs_review: true, locked_by: null, locked_until: null });
    expect(fake.handOffs.filter((h) => h.messageId === first)).toHaveLength(1);
    const { rows } = await sql<{ r: boolean }>`select (payload->>'needsReview')::boolean as r from events where payload->>'messageId' = ${first} order by id desc limit 1`.execute(tdb.db);
    expect(rows[0]?.r).toBe(true);
  });

  it('a look-up that keeps failing ends in review after maxAttempts', async () => {
    const a = await seedAccount(tdb.db);
    const fake = new FakeProvider();
    fake.reconcileAnswer = 'error';
    const [id] = await seedQueued(tdb.db, a, 1);
    fake.scripts.set(id as string, ['uncertain-lost']);
    await startDispatcher(fake, { maxAttempts: 3 });
    await waitUntil('flagged', async () => (await message(id as string)).needs_review);
    expect(await message(id as string)).toMatchObject({ status: 'sending', attempts: 3 });
    expect(fake.handOffs.filter((h) => h.messageId === id)).toHaveLength(1);
  });

  it('reclaims a message whose dispatcher died holding it, and reconciles before sending', async () => {
    const a = await seedAccount(tdb.db);
    const fake = new FakeProvider();
    const ids = await seedQueued(tdb.db, a, 3);
    // A dispatcher claims them and dies: its lease of 100 ms runs out.
    const claimed = await claimDue(tdb.db, { workerId: 'dead', limit: 3, leaseMs: 100, horizonMs: 1000 });
    expect(claimed.map((c) => c.id).sort()).toEqual([...ids].sort());
    // It had handed the first one over before dying.
    await fake.submit({ messageId: ids[0] as string, accountId: a.accountId, from: a.address, to: '+33612345678', body: 'x', encoding: 'GSM-7', segments: 1, attempt: 0 }, new AbortController().signal);
    await startDispatcher(fake);
    await waitUntil('all sent', settled(ids));
    expect(await statusCounts(tdb.db, ids)).toEqual({ sent: 3 });
    for (const id of ids) expect(fake.acceptedCount.get(id)).toBe(1);
    expect((await message(ids[0] as string)).provider_message_id).toBe(fake.providerId(ids[0] as string));
  });

  it('paces each SMS number at its send rate', async () => {
    const a = await seedAccount(tdb.db, { ratePerSecond: 40 });
    const fake = new FakeProvider();
    const ids = await seedQueued(tdb.db, a, 40);
    const t0 = Date.now();
    await startDispatcher(fake);
    await waitUntil('all sent', settled(ids));
    const spent = Date.now() - t0;
    const mine = fake.handOffs.filter((h) => ids.includes(h.messageId));
    const span = (mine.at(-1)?.at ?? 0) - (mine[0]?.at ?? 0);
    // 40 sends at 40/s: 39 gaps of 25 ms (slack for a first send delayed by a busy machine).
    expect(span).toBeGreaterThanOrEqual(39 * 25 - 100);
    expect(spent).toBeLessThan(5000);
  });

  it('a graceful stop finishes what is in flight and hands the rest back to the queue', async () => {
    const a = await seedAccount(tdb.db, { ratePerSecond: 5 });
    const fake = new FakeProvider();
    const ids = await seedQueued(tdb.db, a, 10);
    const d = await startDispatcher(fake);
    await waitUntil('first sent', async () => ((await statusCounts(tdb.db, ids)).sent ?? 0) >= 1);
    await d.stop();
    const c = await statusCounts(tdb.db, ids);
    expect(c.sending ?? 0).toBe(0);
    expect((c.sent ?? 0) + (c.queued ?? 0)).toBe(10);
    expect(c.queued ?? 0).toBeGreaterThan(0);
    const back = await tdb.db.selectFrom('messages').select(['attempts', 'locked_by']).where('id', 'in', ids).where('status', '=', 'queued').execute();
    for (const m of back) expect(m).toEqual({ attempts: 0, locked_by: null });
    expect(d.stats.released).toBe(c.queued);
  });

  it('takes the provider of each account from the registry', async () => {
    const a = await seedAccount(tdb.db);
    const b = await seedAccount(tdb.db);
    const fa = new FakeProvider('fake-a');
    const fb = new FakeProvider('fake-b');
    const ia = await seedQueued(tdb.db, a, 5);
    const ib = await seedQueued(tdb.db, b, 5);
    await startDispatcher(fa, { providers: (accountId) => (accountId === a.accountId ? fa : fb) });
    await waitUntil('all sent', settled([...ia, ...ib]));
    // Earlier tests may have left queued messages of other accounts: look at these two only.
    const mine = (f: FakeProvider) => f.accepted.map((x) => x.messageId).filter((m) => ia.includes(m) || ib.includes(m)).sort();
    expect(mine(fa)).toEqual(ia);
    expect(mine(fb)).toEqual(ib);
    expect((await message(ib[0] as string)).provider).toBe('fake-b');
  });

  it('several dispatchers in one process share the queue with no double send', async () => {
    const a = await seedAccount(tdb.db);
    const fake = new FakeProvider();
    fake.latencyMs = 3;
    const interactions = await seedInteractions(tdb.db, a, 10);
    const ids = [...(await seedQueued(tdb.db, a, 100, { interactions })), ...(await seedQueued(tdb.db, a, 200))];
    const ds = await Promise.all([1, 2, 3].map((i) => startDispatcher(fake, { workerId: `same-process-${i}`, concurrency: 8 })));
    await waitUntil('all sent', settled(ids));
    expect(await statusCounts(tdb.db, ids)).toEqual({ sent: 300 });
    expect(fake.duplicates()).toEqual([]);
    expect(ds.reduce((s, d) => s + d.stats.sent, 0)).toBeGreaterThanOrEqual(300);
    // PGlite runs one statement at a time, so one dispatcher may well win every claim there.
    if (TEST_DB_KIND === 'postgres') for (const d of ds) expect(d.stats.sent).toBeGreaterThan(0);
  });
});

describe(`review decisions (${TEST_DB_KIND})`, () => {
  async function flagged(a: OutboxAccount): Promise<string> {
    const id = await queueDebited(a, 2);
    const fake = new FakeProvider();
    fake.reconcileAnswer = 'unknown';
    fake.scripts.set(id, ['uncertain-lost']);
    const d = await startDispatcher(fake);
    await waitUntil('flagged', async () => (await message(id)).needs_review);
    await d.stop();
    running = running.filter((x) => x !== d);
    return id;
  }

  it('resend queues it again; abandon fails it and refunds; confirm records it sent', async () => {
    const a = await seedAccount(tdb.db, { credits: 10 });
    const [r1, r2, r3] = [await flagged(a), await flagged(a), await flagged(a)];
    expect(await creditBalance(tdb.db, a.accountId)).toBe(4);
    expect(await resolveReview(tdb.db, r1, { action: 'resend' }, 'admin-1')).toBe(true);
    expect(await message(r1)).toMatchObject({ status: 'queued', needs_review: false });
    expect(await resolveReview(tdb.db, r2, { action: 'abandon', reason: 'checked: never reached the provider, customer called instead' }, 'admin-1')).toBe(true);
    expect(await message(r2)).toMatchObject({ status: 'failed', needs_review: false });
    expect(await creditBalance(tdb.db, a.accountId)).toBe(6);
    expect(await resolveReview(tdb.db, r3, { action: 'confirm-sent', provider: 'fake', providerMessageId: 'seen-in-console' }, 'admin-1')).toBe(true);
    expect(await message(r3)).toMatchObject({ status: 'sent', provider_message_id: 'seen-in-console', needs_review: false });
    expect(await resolveReview(tdb.db, r3, { action: 'resend' }, 'admin-1')).toBe(false);
    // r1 was resent by nobody yet: a dispatcher takes it like any queued message.
    const fake = new FakeProvider();
    await startDispatcher(fake);
    await waitUntil('resent', async () => (await message(r1)).status === 'sent');
  });
});
