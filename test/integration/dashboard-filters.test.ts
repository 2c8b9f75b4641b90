// GET /api/admin/dashboard/filters through the real server: the filters' choices of the dashboard
// and the message log. A supervisor gets only their queues, those queues' members and the numbers
// those queues and members send from; an administrator the whole account; an agent is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/platform/password.js';
import { buildWorld, type World } from '../fixtures/world.js';
import { openTestDatabase, TEST_DB_KIND, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

let tdb: TestDatabase;
let w: World;
let srv: TestServer;
const PASSWORD = 'correct horse battery staple';

interface Choices {
  queues: { id: string; name: string }[];
  agents: { id: string; name: string }[];
  numbers: { id: string; address: string; label: string | null }[];
}

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
  // Nina supervises Sales, whose only member is Bea (her profile sends Direct SMS from the direct number).
  await tdb.db.insertInto('queue_supervisors').values({ queue_id: w.queues.sales, agent_id: w.agents.none }).execute();
  await tdb.db.deleteFrom('queue_members').where('queue_id', '=', w.queues.sales).where('agent_id', '<>', w.agents.both).execute();
  await tdb.db.updateTable('sms_numbers').set({ label: 'Sales line' }).where('id', '=', w.numbers.sales).execute();
  srv = await startTestServer(tdb);
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

describe(`GET /api/admin/dashboard/filters (${TEST_DB_KIND})`, () => {
  it('gives a supervisor only their queues, those queues’ agents and numbers', async () => {
    const r = await srv.request('GET', '/api/admin/dashboard/filters', { headers: await login(w.agents.none) });
    expect(r.status, r.text).toBe(200);
    const c = r.json as Choices;
    expect(c.queues).toEqual([{ id: w.queues.sales, name: 'Sales' }]);
    expect(c.agents).toEqual([{ id: w.agents.both, name: 'Bea Both' }]);
    expect(c.numbers.map((n) => n.id).sort()).toEqual([w.numbers.direct, w.numbers.sales].sort());
    expect(c.numbers.find((n) => n.id === w.numbers.sales)?.label).toBe('Sales line');
    // The supervisor cannot read the configuration lists the choices stand in for.
    expect((await srv.request('GET', '/api/admin/queues', { headers: await login(w.agents.none) })).status).toBe(403);
  });

  it('gives a supervisor of no queue nothing, an administrator the whole account, and refuses an agent', async () => {
    await tdb.db.deleteFrom('queue_supervisors').where('agent_id', '=', w.agents.none).execute();
    const none = (await srv.request('GET', '/api/admin/dashboard/filters', { headers: await login(w.agents.none) })).json as Choices;
    expect(none).toEqual({ queues: [], agents: [], numbers: [] });

    const admin = await srv.request('GET', '/api/admin/dashboard/filters', { headers: await login(w.agents.colleague) });
    expect(admin.status, admin.text).toBe(200);
    const a = admin.json as Choices;
    expect(a.queues.map((q) => q.id).sort()).toEqual(Object.values(w.queues).sort());
    expect(a.numbers.map((n) => n.id).sort()).toEqual(Object.values(w.numbers).sort());
    expect(a.agents.map((x) => x.id)).toContain(w.agents.directOnly);
    expect(a.agents.map((x) => x.id)).not.toContain(w.agents.other);

    expect((await srv.request('GET', '/api/admin/dashboard/filters', { headers: await login(w.agents.directOnly) })).status).toBe(403);
  });
});
