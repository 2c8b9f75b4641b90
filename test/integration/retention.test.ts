// Message retention on a real database: finished messages past the period lose their text,
// everything else (recent or in-flight messages, metadata, ledger, opt-outs) stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/load-config.js';
import { loadServerConfig } from '../../src/config/server-config.js';
import { addCredits } from '../../src/db/credits.js';
import type { MessageStatus } from '../../src/domain/messages/status.js';
import { purgeEventBodies, purgeMessageBodies, startRetention } from '../../src/main/retention.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
  await t.db.insertInto('accounts').values({ id: 'ret', name: 'Retention' }).execute();
  await addCredits(t.db, 'ret', 10, { reason: 'test', actor: 'test' });
  await t.db.insertInto('opt_outs').values({ account_id: 'ret', number: '+33612345678', keyword: 'STOP', opted_out_at: daysAgo(400) }).execute();
});
afterAll(async () => {
  await t?.close();
});

async function message(id: string, status: MessageStatus, ageDays: number): Promise<void> {
  await t.db
    .insertInto('messages')
    .values({
      id,
      account_id: 'ret',
      direction: status === 'received' ? 'in' : 'out',
      status,
      from_address: '+33757000001',
      to_address: '+33612345678',
      body: `text of ${id}`,
      encoding: 'GSM-7',
      units: 10,
      segments: 1,
      credits: 1,
      created_at: daysAgo(ageDays),
      ...(status === 'delivered' ? { delivered_at: daysAgo(ageDays) } : {}),
    })
    .execute();
}

const bodies = async () => Object.fromEntries((await t.db.selectFrom('messages').select(['id', 'body']).orderBy('id').execute()).map((r) => [r.id, r.body]));

describe('message retention', () => {
  it('clears the text of finished messages older than the period, in batches, once', async () => {
    await message('m-old-delivered', 'delivered', 40);
    await message('m-old-failed', 'failed', 31);
    await message('m-old-rejected', 'rejected', 100);
    await message('m-old-undelivered', 'undelivered', 35);
    await message('m-old-received', 'received', 60);
    await message('m-old-queued', 'queued', 90);
    await message('m-old-sending', 'sending', 90);
    await message('m-old-sent', 'sent', 90);
    await message('m-new-delivered', 'delivered', 29);
    await message('m-new-received', 'received', 1);
    const ledgerBefore = await t.db.selectFrom('credit_ledger').selectAll().where('account_id', '=', 'ret').execute();

    expect(await purgeMessageBodies(t.db, { days: 0, now: NOW })).toBe(0);
    expect(await purgeMessageBodies(t.db, { days: 30, now: NOW, batchSize: 3 })).toBe(5);
    expect(await bodies()).toEqual({
      'm-new-delivered': 'text of m-new-delivered',
      'm-new-received': 'text of m-new-received',
      'm-old-delivered': null,
      'm-old-failed': null,
      'm-old-queued': 'text of m-old-queued',
      'm-old-received': null,
      'm-old-rejected': null,
      'm-old-sending': 'text of m-old-sending',
      'm-old-sent': 'text of m-old-sent',
      'm-old-undelivered': null,
    });
    const kept = await t.db.selectFrom('messages').select(['status', 'credits', 'delivered_at', 'to_address']).where('id', '=', 'm-old-delivered').executeTakeFirstOrThrow();
    expect(kept).toEqual({ status: 'delivered', credits: 1, delivered_at: daysAgo(40), to_address: '+33612345678' });
    expect(await t.db.selectFrom('credit_ledger').selectAll().where('account_id', '=', 'ret').execute()).toEqual(ledgerBefore);
    expect(await t.db.selectFrom('opt_outs').select('number').where('account_id', '=', 'ret').execute()).toEqual([{ number: '+33612345678' }]);

    // Idempotent: a second run finds nothing to do.
    expect(await purgeMessageBodies(t.db, { days: 30, now: NOW, batchSize: 3 })).toBe(0);
  });

  it('removes the copies of message texts from events past the period', async () => {
    const event = (type: string, payload: unknown, ageDays: number) =>
      t.db.insertInto('events').values({ account_id: 'ret', agent_id: null, type, payload: JSON.stringify(payload), created_at: daysAgo(ageDays) }).returning('id').executeTakeFirstOrThrow();
    const oldOut = await event('message.created', { id: 'm1', body: 'secret out', credits: 1 }, 40);
    const oldIn = await event('inbound', { message: { id: 'm2', body: 'secret in' }, interactionId: 'i1' }, 40);
    const oldOther = await event('interaction.closed', { interactionId: 'i1' }, 40);
    const recent = await event('message.created', { id: 'm3', body: 'recent' }, 2);
    expect(await purgeEventBodies(t.db, { days: 30, now: NOW, batchSize: 2 })).toBe(2);
    const payloads = Object.fromEntries((await t.db.selectFrom('events').select(['id', 'payload']).where('account_id', '=', 'ret').execute()).map((r) => [r.id, r.payload]));
    expect(payloads[oldOut.id]).toEqual({ id: 'm1', credits: 1 });
    expect(payloads[oldIn.id]).toEqual({ message: { id: 'm2' }, interactionId: 'i1' });
    expect(payloads[oldOther.id]).toEqual({ interactionId: 'i1' });
    expect(payloads[recent.id]).toEqual({ id: 'm3', body: 'recent' });
    expect(await purgeEventBodies(t.db, { days: 30, now: NOW })).toBe(0);
  });

  it('the job purges at start and stops cleanly', async () => {
    await message('m-job-old', 'delivered', 5000);
    const purged: number[][] = [];
    const job = startRetention(t.db, { days: 365, onPurged: (n, e) => purged.push([n, e]), onError: (e) => purged.push([-1, e.message.length]) });
    await job.stop();
    expect(purged).toEqual([[1, 0]]);
    expect((await bodies())['m-job-old']).toBeNull();
  });

  it('MESSAGE_RETENTION_DAYS: 365 by default, 0 keeps for ever, bad values refused', () => {
    expect(loadServerConfig({}).messageRetentionDays).toBe(365);
    expect(loadServerConfig({ MESSAGE_RETENTION_DAYS: '0' }).messageRetentionDays).toBe(0);
    expect(() => loadServerConfig({ MESSAGE_RETENTION_DAYS: '-1' })).toThrow(ConfigError);
    expect(() => loadServerConfig({ MESSAGE_RETENTION_DAYS: 'a year' })).toThrow(/MESSAGE_RETENTION_DAYS/);
  });
});
