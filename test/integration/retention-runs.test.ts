// The retention job as administrators see it: each run is recorded with what it removed per
// account (also a run that removed nothing), and the admin API shows the setting and the
// account's own figures only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRetentionOnce } from '../../src/main/retention.js';
import { hashPassword } from '../../src/platform/password.js';
import { buildWorld, CUSTOMER, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

let tdb: TestDatabase;
let w: World;
let srv: TestServer;
let admin: Record<string, string>;
const PASSWORD = 'correct horse battery staple';
const NOW = new Date();
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

async function message(id: string, accountId: string, ageDays: number): Promise<void> {
  await tdb.db
    .insertInto('messages')
    .values({ id, account_id: accountId, direction: 'out', status: 'delivered', from_address: '+33757000001', to_address: CUSTOMER, body: `text of ${id}`, encoding: 'GSM-7', units: 10, segments: 1, credits: 1, created_at: daysAgo(ageDays), delivered_at: daysAgo(ageDays) })
    .execute();
}

interface Retention {
  messageRetentionDays: number;
  idempotencyKeyHours: number;
  runs: Array<{ startedAt: string; finishedAt: string; messages: number; events: number; failed: boolean }>;
}

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD), role: 'admin' }).where('id', '=', w.agents.colleague).execute();
  srv = await startTestServer(tdb, { app: { retention: { messageRetentionDays: 30, idempotencyKeyHours: 24 } } });
  const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', w.agents.colleague).executeTakeFirstOrThrow();
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  admin = { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': (r.json as { csrfToken: string }).csrfToken };
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

describe('retention runs', () => {
  it('records each run with what it removed per account, and shows an account only its own', async () => {
    const empty = await srv.request('GET', '/api/admin/retention', { headers: admin });
    expect(empty.status, empty.text).toBe(200);
    expect(empty.json).toEqual({ messageRetentionDays: 30, idempotencyKeyHours: 24, runs: [] });

    await message('rr-old-1', w.accountId, 40);
    await message('rr-old-2', w.accountId, 35);
    await message('rr-new', w.accountId, 2);
    await message('rr-other-old', w.otherAccountId, 50);
    // A scheduled message cancelled long ago, and one still waiting: only the first loses its text.
    const scheduled = (id: string, status: 'cancelled' | 'scheduled', endedDaysAgo: number | null) =>
      tdb.db
        .insertInto('scheduled_messages')
        .values({ id, account_id: w.accountId, agent_id: w.agents.both, interaction_id: null, recipient: CUSTOMER, sender_id: null, template_id: null, origin_call_id: null, body: `text of ${id}`, credits: 1, send_at: daysAgo(-1), origin: 'schedule', status, error_code: null, locked_by: null, locked_until: null, ended_at: endedDaysAgo === null ? null : daysAgo(endedDaysAgo) })
        .execute();
    await scheduled('rr-sched-cancelled', 'cancelled', 45);
    await scheduled('rr-sched-waiting', 'scheduled', null);
    const totals = await runRetentionOnce(tdb.db, { days: 30, now: NOW });
    expect(totals).toMatchObject({ messages: 4 });
    // A second run finds nothing more, and is recorded all the same.
    expect(await runRetentionOnce(tdb.db, { days: 30, now: new Date(NOW.getTime() + 1000) })).toMatchObject({ messages: 0, events: 0 });

    const seen = await srv.request('GET', '/api/admin/retention', { headers: admin });
    const view = seen.json as Retention;
    expect(view.runs).toHaveLength(2);
    expect(view.runs[0]).toMatchObject({ messages: 0, events: 0, failed: false });
    // The account's own two messages and its scheduled one, not the other account's.
    expect(view.runs[1]).toMatchObject({ messages: 3, failed: false });
    expect(new Date(view.runs[1]!.startedAt).getTime()).toBe(NOW.getTime());
    expect(Date.parse(view.runs[0]!.finishedAt)).toBeGreaterThanOrEqual(Date.parse(view.runs[0]!.startedAt));

    const bodies = await tdb.db.selectFrom('messages').select(['id', 'body']).where('id', 'like', 'rr-%').orderBy('id').execute();
    expect(bodies).toEqual([
      { id: 'rr-new', body: 'text of rr-new' },
      { id: 'rr-old-1', body: null },
      { id: 'rr-old-2', body: null },
      { id: 'rr-other-old', body: null },
    ]);
    const scheduledBodies = await tdb.db.selectFrom('scheduled_messages').select(['id', 'body']).where('id', 'like', 'rr-%').orderBy('id').execute();
    expect(scheduledBodies).toEqual([
      { id: 'rr-sched-cancelled', body: '' },
      { id: 'rr-sched-waiting', body: 'text of rr-sched-waiting' },
    ]);
  });

  it('is for administrators only', async () => {
    const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', w.agents.both).executeTakeFirstOrThrow();
    await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).where('id', '=', w.agents.both).execute();
    const r = await srv.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
    const agent = { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': (r.json as { csrfToken: string }).csrfToken };
    expect((await srv.request('GET', '/api/admin/retention', { headers: agent })).status).toBe(403);
  });
});
