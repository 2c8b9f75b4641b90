// A reconnecting client misses nothing (events that committed after a higher id included) and
// is told to reload rather than flooded when it missed too much.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { hashPassword } from '../../src/platform/password.js';
import { buildWorld, type World } from '../fixtures/world.js';
import { openTestDatabase, TEST_DB_KIND, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

const PASSWORD = 'resume-password-123';
const MAX_REPLAY = 3;
let tdb: TestDatabase;
let w: World;
let srv: TestServer;
let headers: Record<string, string>;

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).where('id', '=', w.agents.both).execute();
  srv = await startTestServer(tdb, { maxReplay: MAX_REPLAY, eventPollMs: 200 });
  const email = (await tdb.db.selectFrom('agents').select('email').where('id', '=', w.agents.both).executeTakeFirstOrThrow()).email;
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  headers = { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]! };
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

/** An event for the agent, as a use case writes it; returns its id. */
async function emit(label: string): Promise<number> {
  const row = await tdb.db
    .insertInto('events')
    .values({ account_id: w.accountId, agent_id: w.agents.both, queue_id: null, type: 'interaction.closed', payload: JSON.stringify({ interactionId: label }) })
    .returning('id')
    .executeTakeFirstOrThrow();
  tdb.wakeSource.wake();
  return Number(row.id);
}

const labelled = (label: string) => (d: Record<string, unknown>) => d.interactionId === label;

describe('resuming the live stream', () => {
  it('replays what was missed, below the cap', async () => {
    const s = await srv.openEvents(headers);
    await s.waitFor('ready');
    await emit('before-drop');
    const seen = await s.waitFor('interaction.closed', labelled('before-drop'));
    s.close();
    await emit('missed-1');
    await emit('missed-2');
    const again = await srv.openEvents({ ...headers, 'last-event-id': String(seen.eventId) });
    const ready = await again.waitFor('ready');
    expect(ready.data).toEqual({});
    expect(again.received.filter((e) => e.type === 'interaction.closed').map((e) => e.data.interactionId)).toEqual(['missed-1', 'missed-2']);
    again.close();
  });

  it('asks the client to reload instead of replaying more than the cap, then goes on live', async () => {
    const s = await srv.openEvents(headers);
    await s.waitFor('ready');
    await emit('last-seen');
    const seen = await s.waitFor('interaction.closed', labelled('last-seen'));
    s.close();
    for (let i = 0; i <= MAX_REPLAY; i++) await emit(`flood-${i}`);
    const again = await srv.openEvents({ ...headers, 'last-event-id': String(seen.eventId) });
    const ready = await again.waitFor('ready');
    expect(ready.data).toEqual({ resync: true });
    expect(again.received.filter((e) => e.type === 'interaction.closed')).toEqual([]);
    await emit('after-resync');
    await again.waitFor('interaction.closed', labelled('after-resync'));
    again.close();
  });
});

// A transaction that took its event id before another committed: PostgreSQL only, where a
// second connection can hold it open (PGlite has one connection).
describe.skipIf(TEST_DB_KIND !== 'postgres')('an event that commits after a higher id (PostgreSQL)', () => {
  async function held(label: string): Promise<{ id: number; commit: () => Promise<void> }> {
    const c = new pg.Client({ connectionString: tdb.location.options.url! });
    await c.connect();
    await c.query('begin');
    const r = await c.query<{ id: string }>(`insert into events (account_id, agent_id, type, payload) values ($1, $2, 'interaction.closed', $3) returning id`, [
      w.accountId,
      w.agents.both,
      JSON.stringify({ interactionId: label }),
    ]);
    return {
      id: Number(r.rows[0]!.id),
      commit: async () => {
        await c.query('commit');
        await c.end();
        tdb.wakeSource.wake();
      },
    };
  }

  it('reaches a connected client late; the SSE id stays below it until then and never goes back', async () => {
    const s = await srv.openEvents(headers);
    await s.waitFor('ready');
    const late = await held('late-live');
    const higher = await emit('higher-live');
    expect(higher).toBeGreaterThan(late.id);
    const h = await s.waitFor('interaction.closed', labelled('higher-live'));
    expect(h.eventId).toBeLessThan(late.id);
    await late.commit();
    const l = await s.waitFor('interaction.closed', labelled('late-live'));
    expect(l.data.eventId).toBe(late.id);
    expect(l.eventId).toBeGreaterThanOrEqual(late.id);
    s.close();
  });

  it('reaches a client that resumes after the higher id, on another instance', async () => {
    const other = await startTestServer(tdb, { maxReplay: MAX_REPLAY, eventPollMs: 200 });
    try {
      const s = await srv.openEvents(headers);
      await s.waitFor('ready');
      const late = await held('late-moved');
      await emit('higher-moved');
      const h = await s.waitFor('interaction.closed', labelled('higher-moved'));
      s.close();
      await late.commit();
      // The other instance's poll sees both at once: it never saw the late one as late.
      await new Promise((r) => setTimeout(r, 500));
      const again = await other.openEvents({ ...headers, 'last-event-id': String(h.eventId) });
      await again.waitFor('ready');
      const got = await again.waitFor('interaction.closed', labelled('late-moved'));
      expect(got.data.eventId).toBe(late.id);
      again.close();
    } finally {
      await other.close();
    }
  });

  it('is delivered by an instance that started while it was in flight', async () => {
    const late = await held('late-start');
    await emit('higher-start');
    const started = await startTestServer(tdb, { maxReplay: MAX_REPLAY, eventPollMs: 200 });
    try {
      const s = await started.openEvents(headers);
      await s.waitFor('ready');
      await late.commit();
      const got = await s.waitFor('interaction.closed', labelled('late-start'));
      expect(got.data.eventId).toBe(late.id);
      s.close();
    } finally {
      await started.close();
    }
  });
});
