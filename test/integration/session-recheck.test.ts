// The live streams' batched session check holds the same rules as a request's: a good session
// keeps its stream with the agent's current queues; a logout, a disabled agent, an idle or too
// old session ends it (and the stale session row goes); a session in use is touched.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recheckSessions } from '../../src/http/auth/recheck-sessions.js';
import { hashSecret } from '../../src/platform/secret-token.js';
import { buildWorld, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

let tdb: TestDatabase;
let w: World;
const HOUR = 3_600_000;
const timeouts = { idleMs: HOUR, absoluteMs: 12 * HOUR };

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
});
afterAll(async () => {
  await tdb?.close();
});

async function session(sid: string, agentId: string, ageMs = 0, idleMs = 0): Promise<string> {
  const now = Date.now();
  await tdb.db
    .insertInto('sessions')
    .values({ id_hash: hashSecret(sid), account_id: w.accountId, agent_id: agentId, csrf_token: `csrf-${sid}`, created_at: new Date(now - ageMs), last_seen_at: new Date(now - idleMs) })
    .execute();
  return hashSecret(sid);
}

it('answers for many sessions at once, with each agent’s current queues', async () => {
  const both = await session('recheck-both', w.agents.both);
  const colleague = await session('recheck-colleague', w.agents.colleague);
  const none = await session('recheck-none', w.agents.none);
  const queuesOf = async (agentId: string) => new Set((await tdb.db.selectFrom('queue_members').select('queue_id').where('agent_id', '=', agentId).execute()).map((r) => r.queue_id));

  const first = await recheckSessions(tdb.db, [both, colleague, none, both], timeouts);
  expect(first.size).toBe(3);
  expect(first.get(both)).toEqual({ agentId: w.agents.both, queueIds: await queuesOf(w.agents.both) });
  expect(first.get(colleague)).toEqual({ agentId: w.agents.colleague, queueIds: await queuesOf(w.agents.colleague) });

  // A membership change is seen at the next check.
  await tdb.db.insertInto('queue_members').values({ queue_id: w.queues.sales, agent_id: w.agents.none }).onConflict((oc) => oc.doNothing()).execute();
  const second = await recheckSessions(tdb.db, [none], timeouts);
  expect(second.get(none)?.queueIds.has(w.queues.sales)).toBe(true);
  await tdb.db.deleteFrom('queue_members').where('agent_id', '=', w.agents.none).where('queue_id', '=', w.queues.sales).execute();
  expect((await recheckSessions(tdb.db, [none], timeouts)).get(none)?.queueIds.has(w.queues.sales)).toBe(false);
});

it('ends a logged-out, disabled, idle or too old session, removes the stale rows and touches the ones in use', async () => {
  const gone = hashSecret('recheck-never-existed');
  const disabled = await session('recheck-disabled', w.agents.noMessaging);
  const idle = await session('recheck-idle', w.agents.smartOnly, 2 * HOUR, 2 * HOUR);
  const old = await session('recheck-old', w.agents.directOnly, 13 * HOUR, 0);
  const inUse = await session('recheck-in-use', w.agents.other, 10 * 60_000, 5 * 60_000);
  await tdb.db.updateTable('agents').set({ disabled: true }).where('id', '=', w.agents.noMessaging).execute();
  try {
    const r = await recheckSessions(tdb.db, [gone, disabled, idle, old, inUse], timeouts);
    expect(r.get(gone)).toBeNull();
    expect(r.get(disabled)).toBeNull();
    expect(r.get(idle)).toBeNull();
    expect(r.get(old)).toBeNull();
    expect(r.get(inUse)?.agentId).toBe(w.agents.other);
    const left = (await tdb.db.selectFrom('sessions').select(['id_hash', 'last_seen_at']).where('id_hash', 'in', [idle, old, inUse]).execute()).map((s) => s.id_hash);
    expect(left).toEqual([inUse]);
    const touched = await tdb.db.selectFrom('sessions').select('last_seen_at').where('id_hash', '=', inUse).executeTakeFirstOrThrow();
    expect(Date.now() - new Date(touched.last_seen_at).getTime()).toBeLessThan(60_000);
  } finally {
    await tdb.db.updateTable('agents').set({ disabled: false }).where('id', '=', w.agents.noMessaging).execute();
  }
});
