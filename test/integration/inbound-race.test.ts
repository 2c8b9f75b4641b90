// A customer's reply racing the agent's Close (or a colleague's Take) must not land in a
// conversation that is no longer what routing saw. The race is made deterministic by holding
// the conversation's row in an uncommitted transaction while the reply is routed: PostgreSQL
// only (PGlite has one connection, so the held transaction would block the reply itself).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { receiveInbound } from '../../src/app/receive-inbound.js';
import { startSmart } from '../../src/app/start-smart.js';
import { buildWorld, CUSTOMER, NUMBERS, testDeps, type World } from '../fixtures/world.js';
import { openTestDatabase, TEST_DB_KIND, type TestDatabase } from './harness.js';

let tdb: TestDatabase;
let w: World;

describe.skipIf(TEST_DB_KIND !== 'postgres')('a reply racing a change of its conversation (PostgreSQL only)', () => {
  beforeAll(async () => {
    tdb = await openTestDatabase();
  });
  afterAll(async () => {
    await tdb?.close();
  });
  beforeEach(async () => {
    w = await buildWorld(tdb.db);
  });

  /** Runs `change` in a transaction of its own, starts the reply, then commits once the reply is waiting on the row. */
  async function race(interactionId: string, change: string, body: string) {
    const deps = testDeps(tdb.db);
    const holder = new pg.Client({ connectionString: tdb.location.options.url! });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query(change, [interactionId]);
      const reply = receiveInbound(deps, { accountId: w.accountId, provider: 'simulator', providerMessageId: `race-${body}`, from: CUSTOMER, to: NUMBERS.support, body, receivedAt: new Date() });
      // The reply's write blocks on the held row; wait until PostgreSQL shows it waiting for the lock.
      for (let i = 0; i < 200; i++) {
        const { rows } = await sql<{ n: string }>`select count(*)::text as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`.execute(tdb.db);
        if (Number(rows[0]!.n) > 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      await holder.query('commit');
      return await reply;
    } finally {
      await holder.end();
    }
  }

  it('a reply racing Close opens a new waiting conversation instead of joining the closed one', async () => {
    const deps = testDeps(tdb.db);
    const { interactionId } = await startSmart(deps, { accountId: w.accountId, agentId: w.agents.both }, { recipient: CUSTOMER, queueId: w.queues.support });
    const r = await race(interactionId, `update interactions set status = 'closed', closed_at = now() where id = $1`, 'closing-race');
    expect(r.route).toBe('waiting');
    expect(r.interactionId).not.toBe(interactionId);
    const msgs = await tdb.db.selectFrom('messages').select(['interaction_id']).where('provider_message_id', '=', 'race-closing-race').execute();
    expect(msgs).toEqual([{ interaction_id: r.interactionId }]);
    const inClosed = await tdb.db.selectFrom('messages').select('id').where('interaction_id', '=', interactionId).where('direction', '=', 'in').execute();
    expect(inClosed).toEqual([]);
  });

  it('a reply racing a Take reaches the agent who took the conversation', async () => {
    const deps = testDeps(tdb.db);
    const first = await receiveInbound(deps, { accountId: w.accountId, provider: 'simulator', providerMessageId: 'first', from: CUSTOMER, to: NUMBERS.support, body: 'hello?', receivedAt: new Date() });
    expect(first.route).toBe('waiting');
    const r = await race(first.interactionId!, `update interactions set status = 'progressing', agent_id = '${w.agents.smartOnly}' where id = $1`, 'take-race');
    expect(r).toMatchObject({ route: 'interaction', interactionId: first.interactionId });
    const ev = await tdb.db.selectFrom('events').select(['agent_id', 'type']).where(sql<boolean>`payload->'message'->>'body' = 'take-race'`).execute();
    expect(ev).toEqual([{ agent_id: w.agents.smartOnly, type: 'message.received' }]);
  });

  it('a message whose queue is deleted while it is routed lands in the unassigned inbox', async () => {
    const r = await race(w.queues.support, `delete from queues where id = $1`, 'queue-gone');
    expect(r).toMatchObject({ route: 'unassigned', interactionId: null });
    const stored = await tdb.db.selectFrom('messages').select(['interaction_id', 'body']).where('provider_message_id', '=', 'race-queue-gone').execute();
    expect(stored).toEqual([{ interaction_id: null, body: 'queue-gone' }]);
  });
});
