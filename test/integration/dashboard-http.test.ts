// GET /api/admin/dashboard through the real server: an administrator sees a Direct SMS that
// failed (sent through the real use case), a supervisor of
// another queue does not, an agent is refused, and bad periods get a stable code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDirect } from '../../src/app/send-direct.js';
import { hashPassword } from '../../src/platform/password.js';
import { buildWorld, testDeps, type World } from '../fixtures/world.js';
import { openTestDatabase, TEST_DB_KIND, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

let tdb: TestDatabase;
let w: World;
let srv: TestServer;
const PASSWORD = 'correct horse battery staple';

async function login(agentId: string): Promise<Record<string, string>> {
  const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', agentId).executeTakeFirstOrThrow();
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  expect(r.status, r.text).toBe(200);
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': (r.json as { csrfToken: string }).csrfToken };
}

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db, { credits: 100 });
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).execute();
  await tdb.db.updateTable('agents').set({ role: 'admin' }).where('id', '=', w.agents.colleague).execute();
  await tdb.db.updateTable('agents').set({ role: 'supervisor' }).where('id', '=', w.agents.none).execute();
  await tdb.db.insertInto('queue_supervisors').values({ queue_id: w.queues.unconfigured, agent_id: w.agents.none }).execute();
  await tdb.db.deleteFrom('queue_members').where('queue_id', '=', w.queues.unconfigured).execute();
  srv = await startTestServer(tdb);
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

interface View {
  totals: { sent: number; failed: number; deliveryRate: number | null };
  failures: { reason: string; count: number }[];
  series: { at: string; sent: number; failed: number }[];
}

describe(`GET /api/admin/dashboard (${TEST_DB_KIND})`, () => {
  it('shows a failed Direct SMS to an administrator, by its plain reason', async () => {
    const sent = await sendDirect(testDeps(tdb.db), { accountId: w.accountId, agentId: w.agents.both }, { recipient: '+33612345678', text: 'Your parcel is ready', senderId: w.numbers.direct });
    await tdb.db.updateTable('messages').set({ status: 'sent', provider: 'twilio' }).where('id', '=', sent.messageId).execute();
    await tdb.db.updateTable('messages').set({ status: 'undelivered', error_code: '30007' }).where('id', '=', sent.messageId).execute();
    const admin = await login(w.agents.colleague);
    const r = await srv.request('GET', '/api/admin/dashboard?granularity=hour', { headers: admin });
    expect(r.status, r.text).toBe(200);
    const v = r.json as View;
    expect(v.totals).toMatchObject({ sent: 1, failed: 1, deliveryRate: 0 });
    expect(v.failures).toEqual([{ reason: 'spam_filtered', count: 1 }]);
    expect(v.series.reduce((s, p) => s + p.failed, 0)).toBe(1);
  });

  it('scopes a supervisor to their queues and refuses an agent', async () => {
    const sup = await login(w.agents.none);
    const r = await srv.request('GET', '/api/admin/dashboard', { headers: sup });
    expect(r.status, r.text).toBe(200);
    // Bea is not a member of the unconfigured queue: her Direct SMS is not this supervisor's.
    expect((r.json as View).totals.sent).toBe(0);
    // Once she is, it is.
    await tdb.db.insertInto('queue_members').values({ queue_id: w.queues.unconfigured, agent_id: w.agents.both }).execute();
    expect(((await srv.request('GET', '/api/admin/dashboard', { headers: sup })).json as View).totals.sent).toBe(1);
    const agent = await login(w.agents.directOnly);
    expect((await srv.request('GET', '/api/admin/dashboard', { headers: agent })).status).toBe(403);
  });

  it('refuses a bad period with VALIDATION_FAILED', async () => {
    const admin = await login(w.agents.colleague);
    for (const q of ['granularity=minute', 'from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', 'from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&granularity=hour', 'from=yesterday', 'queueId=']) {
      const r = await srv.request('GET', `/api/admin/dashboard?${q}`, { headers: admin });
      expect(r.status, q).toBe(400);
      expect((r.json as { error: { code: string } }).error.code, q).toBe('VALIDATION_FAILED');
    }
  });
});
