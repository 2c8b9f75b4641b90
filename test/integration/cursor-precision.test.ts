// The cursors compare the anchor's time as the database stores it (microseconds): rows a few
// microseconds apart, in the same millisecond, are neither repeated nor skipped from page to page.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { myInteractions, thread } from '../../src/app/agent-views.js';
import { buildWorld, NUMBERS, testDeps, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

let tdb: TestDatabase;
let w: World;

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
});
afterAll(async () => {
  await tdb?.close();
});

const at = (iso: string) => sql<Date>`${iso}::timestamptz`;

async function conversation(id: string, customer: string, status: 'closed' | 'progressing', updatedAt: string): Promise<void> {
  await tdb.db
    .insertInto('interactions')
    .values({ id, account_id: w.accountId, kind: 'sms', status, agent_id: w.agents.smartOnly, queue_id: w.queues.support, customer_number: customer, sms_number_id: w.numbers.support, updated_at: at(updatedAt) })
    .execute();
}

async function message(id: string, interactionId: string, createdAt: string): Promise<void> {
  await tdb.db
    .insertInto('messages')
    .values({
      id,
      account_id: w.accountId,
      interaction_id: interactionId,
      direction: 'in',
      status: 'received',
      from_address: '+33611009000',
      to_address: NUMBERS.support,
      body: id,
      encoding: 'GSM-7',
      units: 2,
      segments: 1,
      credits: 0,
      created_at: at(createdAt),
    })
    .execute();
}

describe('cursors at microsecond precision', () => {
  it('the lists: a conversation updated in the same millisecond as the anchor, just before it, is on the next page', async () => {
    await conversation('cp-a', '+33611009001', 'closed', '2026-12-01T10:00:00.123456Z');
    await conversation('cp-b', '+33611009002', 'closed', '2026-12-01T10:00:00.123401Z');
    await conversation('cp-c', '+33611009003', 'closed', '2026-12-01T10:00:00.122000Z');
    const d = testDeps(tdb.db);
    const actor = { accountId: w.accountId, agentId: w.agents.smartOnly };
    const seen: string[] = [];
    let before: string | undefined;
    for (let page = 0; page < 4; page++) {
      const rows = await myInteractions(d, actor, 'closed', 1, before);
      if (rows.length === 0) break;
      seen.push(...rows.map((r) => r.id));
      before = rows.at(-1)!.id;
    }
    expect(seen).toEqual(['cp-a', 'cp-b', 'cp-c']);
  });

  it('a thread after a message: neither that message again nor one a microsecond later is lost', async () => {
    await conversation('cp-t', '+33611009000', 'progressing', '2026-12-01T11:00:00Z');
    await message('cp-m1', 'cp-t', '2026-12-01T11:00:00.500001Z');
    await message('cp-m2', 'cp-t', '2026-12-01T11:00:00.500002Z');
    await message('cp-m3', 'cp-t', '2026-12-01T11:00:00.500900Z');
    const d = testDeps(tdb.db);
    const actor = { accountId: w.accountId, agentId: w.agents.smartOnly };
    const ids = async (after?: string, limit = 10) => (await thread(d, actor, 'cp-t', limit, { after })).messages.map((m) => m.id);
    expect(await ids()).toEqual(['cp-m1', 'cp-m2', 'cp-m3']);
    expect(await ids('cp-m1')).toEqual(['cp-m2', 'cp-m3']);
    expect(await ids('cp-m2')).toEqual(['cp-m3']);
    expect(await ids('cp-m3')).toEqual([]);
    // Page by page, one message at a time.
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 5; page++) {
      const got = await ids(after, 1);
      if (got.length === 0) break;
      seen.push(...got);
      after = got.at(-1);
    }
    expect(seen).toEqual(['cp-m1', 'cp-m2', 'cp-m3']);
  });
});
