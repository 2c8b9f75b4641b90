// A long message gets one receipt per part from Vonage and SMPP. The parts are stored with the
// submission, so the receipts merge into the message's status wherever they land: on another
// server instance (Vonage's webhook behind a load balancer), on a recreated adapter and another
// dispatcher (SMPP after a restart), or before the submission's answer was recorded.
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyStatusReport, applyStatusReports, claimDue, markSent } from '../../src/db/outbox.js';
import { createDispatcher, statusReportOf, type Dispatcher } from '../../src/dispatcher/index.js';
import type { MessageStatus } from '../../src/domain/messages/status.js';
import type { ProviderEvent } from '../../src/domain/ports.js';
import { createSmppProvider, type SmppProvider } from '../../src/providers/smpp/index.js';
import { createVonageProvider, type VonageProvider } from '../../src/providers/vonage/index.js';
import { SmppFake, type SmppFakeOptions } from '../fixtures/fakes/smpp-fake.js';
import { VonageFake, type VonageFakeOptions } from '../fixtures/fakes/vonage-fake.js';
import { VonageWebhookReceiver } from '../fixtures/fakes/vonage-webhook-receiver.js';
import { seedAccount, seedQueued, waitUntil, type OutboxAccount } from '../fixtures/outbox/seed.js';
import { openTestDatabase, TEST_DB_KIND, type TestDatabase } from './harness.js';

let tdb: TestDatabase;
const toClose: { close(): Promise<void> }[] = [];
const quiet = { warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterEach(async () => {
  for (const c of toClose.splice(0).reverse()) await c.close();
});
afterAll(async () => {
  await tdb?.close();
});

/** A queued message of three GSM-7 parts (400 septets). */
async function seedLong(a: OutboxAccount): Promise<{ id: string; body: string }> {
  const [id] = await seedQueued(tdb.db, a, 1);
  if (!id) throw new Error('no message seeded');
  const body = `${id} `.padEnd(400, 'x');
  await tdb.db.updateTable('messages').set({ body, units: 400, segments: 3, credits: 3 }).where('id', '=', id).execute();
  return { id, body };
}

async function message(id: string) {
  return tdb.db.selectFrom('messages').select(['status', 'error_code', 'provider_message_id']).where('id', '=', id).executeTakeFirstOrThrow();
}

async function parts(id: string) {
  return tdb.db.selectFrom('message_parts').select(['part_index', 'part_id', 'status', 'word', 'error_code']).where('message_id', '=', id).orderBy('part_index').execute();
}

function dispatcherFor(provider: VonageProvider | SmppProvider): Dispatcher {
  const d = createDispatcher({ db: tdb.db, providers: () => provider, pollIntervalMs: 50, leaseMs: 5000, submitTimeoutMs: 3000, logger: quiet });
  toClose.push({ close: () => d.stop() });
  return d;
}

const settled = (id: string, status: MessageStatus) => waitUntil(`message ${status}`, async () => (await message(id)).status === status, 15_000);

describe(`long messages: per-part receipts merged through the database (${TEST_DB_KIND})`, () => {
  describe('Vonage: receipts reach another instance than the one that submitted', () => {
    async function twoInstances(fakeOptions: VonageFakeOptions) {
      const a = await seedAccount(tdb.db);
      const holder: { other?: VonageProvider } = {};
      // The webhook lands on "the other server": its own adapter, its own memory, the same database.
      const receiver = await VonageWebhookReceiver.start(a.accountId, () => {
        if (!holder.other) throw new Error('no adapter yet');
        return holder.other;
      }, async (events: readonly ProviderEvent[]) => {
        const reports = events.flatMap((e) => (e.type === 'status' ? [statusReportOf('vonage', e)] : []));
        await applyStatusReports(tdb.db, reports);
      });
      const fake = await VonageFake.start({ apiKey: 'key', apiSecret: 'secret', ...fakeOptions });
      const config = { accountId: a.accountId, apiKey: 'key', apiSecret: 'secret', baseUrl: fake.baseUrl, statusCallbackUrl: receiver.url('status') };
      const submitting = createVonageProvider(config);
      holder.other = createVonageProvider(config);
      toClose.push(receiver, fake, submitting, holder.other);
      return { a, fake, submitting, dispatcher: dispatcherFor(submitting) };
    }

    it('all three parts delivered: the message is delivered, and not before the last part', async () => {
      const { a, fake, dispatcher } = await twoInstances({ autoReceipt: false });
      const m = await seedLong(a);
      await dispatcher.start();
      await settled(m.id, 'sent');
      const stored = await parts(m.id);
      expect(stored.map((p) => [p.part_index, p.status])).toEqual([[0, null], [1, null], [2, null]]);
      expect(stored[0]?.part_id).toBe((await message(m.id)).provider_message_id);
      expect(await fake.sendReceiptsFor(m.id, 'delivered', [2, 0])).toEqual([200, 200]);
      expect((await message(m.id)).status).toBe('sent');
      expect(await fake.sendReceiptsFor(m.id, 'delivered', [1])).toEqual([200]);
      expect(await message(m.id)).toMatchObject({ status: 'delivered', error_code: null });
      expect((await parts(m.id)).map((p) => [p.status, p.word])).toEqual([['delivered', 'delivered'], ['delivered', 'delivered'], ['delivered', 'delivered']]);
    });

    it('one part undelivered: the message is undelivered with that part’s error code', async () => {
      const { a, fake, dispatcher } = await twoInstances({ autoReceipt: false });
      const m = await seedLong(a);
      await dispatcher.start();
      await settled(m.id, 'sent');
      expect(await fake.sendReceiptsFor(m.id, ['delivered', 'expired', 'delivered'])).toEqual([200, 200, 200]);
      expect(await message(m.id)).toMatchObject({ status: 'undelivered', error_code: '1' });
    });

    it('receipts that overtake the submission’s answer are kept and merged once the parts are stored', async () => {
      const { a, fake, dispatcher } = await twoInstances({ autoReceipt: false, delayMs: 1500 });
      const m = await seedLong(a);
      await dispatcher.start();
      await waitUntil('the fake took the message', () => fake.submissionsFor(m.id).length === 1);
      expect(await fake.sendReceiptsFor(m.id, 'delivered')).toEqual([200, 200, 200]);
      const parked = await tdb.db.selectFrom('pending_status_reports').select('word').where('account_id', '=', a.accountId).execute();
      expect(parked).toEqual([{ word: 'delivered' }, { word: 'delivered' }, { word: 'delivered' }]);
      await settled(m.id, 'delivered');
      expect(await tdb.db.selectFrom('pending_status_reports').select('status').where('account_id', '=', a.accountId).execute()).toEqual([]);
    });
  });

  describe('SMPP: receipts reach a recreated adapter and another dispatcher', () => {
    async function smpp(fakeOptions: SmppFakeOptions) {
      const a = await seedAccount(tdb.db);
      const fake = await SmppFake.start({ systemId: 'smsdesk', password: 'secret', ...fakeOptions });
      toClose.push(fake);
      const adapter = () => {
        const p = createSmppProvider({ accountId: a.accountId, host: fake.host, port: fake.port, systemId: 'smsdesk', password: 'secret', reconnectInitialMs: 20, reconnectMaxMs: 100 });
        return p;
      };
      return { a, fake, adapter };
    }

    it.each([
      ['delivered', ['DELIVRD', 'DELIVRD', 'DELIVRD'], { status: 'delivered', error_code: null }],
      ['undelivered', ['DELIVRD', 'UNDELIV', 'DELIVRD'], { status: 'undelivered', error_code: '034' }],
    ] as const)('three parts, receipts after a restart: %s', async (_, stats, expected) => {
      const { a, fake, adapter } = await smpp({ autoReceipt: false });
      const m = await seedLong(a);
      // The first adapter is closed by the test itself: it stands for the server before a restart.
      const first = adapter();
      const before = dispatcherFor(first);
      await before.start();
      await settled(m.id, 'sent');
      await before.stop();
      await first.close();

      const second = adapter();
      toClose.push(second);
      expect(await second.testConnection()).toEqual({ ok: true });
      const after = dispatcherFor(second);
      after.watch(second);
      const ids = (await parts(m.id)).map((p) => p.part_id ?? '');
      expect(ids).toHaveLength(3);
      for (const [i, id] of ids.entries()) expect(await fake.sendReceipt(id, stats[i] ?? 'DELIVRD', stats[i] === 'DELIVRD' ? '000' : '034')).toBe(0);
      await settled(m.id, expected.status);
      expect(await message(m.id)).toMatchObject(expected);
    });

    it('a part’s receipt that comes before the next part is even submitted still counts', async () => {
      // Receipts at once, answers 40 ms later: every receipt overtakes its own part's answer.
      const { a, adapter } = await smpp({ behaviour: { kind: 'ok', delayMs: 40 }, autoReceipt: { stat: 'DELIVRD', delayMs: 0 } });
      const m = await seedLong(a);
      const provider = adapter();
      toClose.push(provider);
      const d = dispatcherFor(provider);
      await d.start();
      await settled(m.id, 'delivered');
      expect((await parts(m.id)).map((p) => p.status)).toEqual(['delivered', 'delivered', 'delivered']);
    });
  });

  describe('the merge in the database', () => {
    /** Claims `ids` and records them as sent with parts `<id>-p0..` (of which `failed` never got an id). */
    async function sendWithParts(a: OutboxAccount, ids: readonly string[], opts: { parts?: number; failed?: number } = {}) {
      const claimed = (await claimDue(tdb.db, { workerId: 'w', limit: 500, leaseMs: 10_000, horizonMs: 1000 })).filter((c) => ids.includes(c.id));
      expect(claimed).toHaveLength(ids.length);
      const n = opts.parts ?? 3;
      return markSent(
        tdb.db,
        'w',
        claimed.map((c) => ({
          messageId: c.id,
          accountId: a.accountId,
          provider: 'p',
          providerMessageId: `${c.id}-p0`,
          partIds: Array.from({ length: n }, (_, i) => `${c.id}-p${i}`),
          ...(opts.failed ? { failedParts: opts.failed } : {}),
        })),
      );
    }
    const report = (a: OutboxAccount, providerMessageId: string, status: MessageStatus, errorCode?: string) =>
      applyStatusReport(tdb.db, { accountId: a.accountId, provider: 'p', providerMessageId, status, ...(errorCode ? { errorCode } : {}), at: new Date() });

    it('a part refused at submission makes the message failed, even when every other part is delivered', async () => {
      const a = await seedAccount(tdb.db);
      const [id = ''] = await seedQueued(tdb.db, a, 1);
      await sendWithParts(a, [id], { parts: 2, failed: 1 });
      expect((await parts(id)).map((p) => [p.part_id, p.status])).toEqual([[`${id}-p0`, null], [`${id}-p1`, null], [null, 'failed']]);
      expect(await report(a, `${id}-p0`, 'delivered')).toMatchObject({ kind: 'partial', status: 'sent' });
      expect(await report(a, `${id}-p1`, 'delivered')).toMatchObject({ kind: 'applied', status: 'failed' });
    });

    it('an intermediate part report applies at once; a contradicting final one is flagged, not applied', async () => {
      const a = await seedAccount(tdb.db);
      const [id = ''] = await seedQueued(tdb.db, a, 1);
      await sendWithParts(a, [id], { parts: 2 });
      expect(await report(a, `${id}-p1`, 'sent')).toMatchObject({ kind: 'ignored', reason: 'duplicate' });
      await report(a, `${id}-p0`, 'delivered');
      expect(await report(a, `${id}-p1`, 'undelivered', '7')).toMatchObject({ kind: 'applied', status: 'undelivered' });
      expect(await report(a, `${id}-p1`, 'delivered')).toMatchObject({ kind: 'ignored', status: 'undelivered', reason: 'final' });
      expect(await message(id)).toMatchObject({ status: 'undelivered', error_code: '7' });
      const { rows } = await sql<{ s: string }>`select payload->>'status' as s from events where payload->>'messageId' = ${id} order by id`.execute(tdb.db);
      expect(rows.map((r) => r.s)).toEqual(['sending', 'sent', 'undelivered']);
    });

    it('a one-part message is matched by its own id, with no part rows', async () => {
      const a = await seedAccount(tdb.db);
      const [id = ''] = await seedQueued(tdb.db, a, 1);
      await sendWithParts(a, [id], { parts: 1 });
      expect(await parts(id)).toEqual([]);
      expect(await report(a, `${id}-p0`, 'delivered')).toMatchObject({ kind: 'applied', status: 'delivered' });
    });

    it('parts’ receipts racing the submit records are never lost', async () => {
      const a = await seedAccount(tdb.db);
      const ids = await seedQueued(tdb.db, a, 40);
      await Promise.all([
        sendWithParts(a, ids),
        ...ids.flatMap((id) => [0, 1, 2].map((i) => report(a, `${id}-p${i}`, i === 2 && id.endsWith('7') ? 'undelivered' : 'delivered'))),
      ]);
      const rows = await tdb.db.selectFrom('messages').select(['id', 'status']).where('id', 'in', ids).execute();
      for (const r of rows) expect([r.id, r.status]).toEqual([r.id, r.id.endsWith('7') ? 'undelivered' : 'delivered']);
    });

    it('two instances applying batches of parts of the same messages in opposite orders merge them all, without deadlock', async () => {
      const a = await seedAccount(tdb.db);
      const ids = await seedQueued(tdb.db, a, 60);
      await sendWithParts(a, ids);
      const batch = (order: readonly string[], indexes: readonly number[]) =>
        applyStatusReports(
          tdb.db,
          order.flatMap((id) => indexes.map((i) => ({ accountId: a.accountId, provider: 'p', providerMessageId: `${id}-p${i}`, status: 'delivered' as const, at: new Date() }))),
        );
      const chunks = (list: readonly string[]) => [list.slice(0, 20), list.slice(20, 40), list.slice(40)];
      await Promise.all([
        ...chunks(ids).map((c) => batch(c, [0, 1])),
        ...chunks([...ids].reverse()).map((c) => batch(c, [2, 1])),
      ]);
      const rows = await tdb.db.selectFrom('messages').select('status').where('id', 'in', ids).execute();
      expect(rows.map((r) => r.status)).toEqual(ids.map(() => 'delivered'));
    });
  });
});
