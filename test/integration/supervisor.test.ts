// The supervisor role through the real server: an administrator makes someone a supervisor of
// Support (API and configuration file); the supervisor sees Support's waiting and open
// conversations only, reads a transcript, takes a waiting one and an agent's open one (the
// agent is told live), closes one, and every configuration write refuses them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyConfigFile } from '../../src/config-file/apply.js';
import { exportConfigFile } from '../../src/config-file/export.js';
import { ConfigFileError } from '../../src/config-file/issues.js';
import { receiveInbound } from '../../src/app/receive-inbound.js';
import { hashPassword } from '../../src/platform/password.js';
import { buildWorld, CUSTOMER, CUSTOMER_2, NUMBERS, testDeps, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

let tdb: TestDatabase;
let w: World;
let srv: TestServer;
const PASSWORD = 'correct horse battery staple';
let admin: Record<string, string>;
let bea: Record<string, string>;
let seq = 0;

async function login(email: string): Promise<Record<string, string>> {
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  expect(r.status, r.text).toBe(200);
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': (r.json as { csrfToken: string }).csrfToken };
}
const emailOf = async (id: string) => (await tdb.db.selectFrom('agents').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email;
const inbound = (from: string, to: string, body: string) =>
  receiveInbound(testDeps(tdb.db), { accountId: w.accountId, provider: 'simulator', providerMessageId: `sup-${++seq}`, from, to, body, receivedAt: new Date() });

interface Conv {
  id: string;
  status: string;
  queueName: string | null;
  agentName: string | null;
  customerNumber: string;
}

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).execute();
  await tdb.db.updateTable('agents').set({ role: 'admin' }).where('id', '=', w.agents.colleague).execute();
  srv = await startTestServer(tdb);
  admin = await login(await emailOf(w.agents.colleague));
  bea = await login(await emailOf(w.agents.both));
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

describe('administering supervisors', () => {
  let supId = '';
  let sup: Record<string, string>;

  it('an administrator creates a supervisor of Support; the list shows the queues', async () => {
    const r = await srv.request('POST', '/api/admin/agents', { headers: admin, body: { email: 'sue@example.test', name: 'Sue Supervisor', role: 'supervisor', supervisedQueueIds: [w.queues.support] } });
    expect(r.status, r.text).toBe(201);
    const created = r.json as { agent: { id: string; role: string; supervisedQueueIds: string[] }; oneTimePassword: string };
    expect(created.agent.role).toBe('supervisor');
    expect(created.agent.supervisedQueueIds).toEqual([w.queues.support]);
    supId = created.agent.id;
    await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).where('id', '=', supId).execute();
    const list = (await srv.request('GET', '/api/admin/agents', { headers: admin })).json as { agents: { id: string; supervisedQueueIds: string[] }[] };
    expect(list.agents.find((a) => a.id === supId)?.supervisedQueueIds).toEqual([w.queues.support]);
    expect(list.agents.find((a) => a.id === w.agents.both)?.supervisedQueueIds).toEqual([]);
  });

  it('refuses queues for another role, unknown queues, and an administrator demoting themselves', async () => {
    const notSup = await srv.request('POST', '/api/admin/agents', { headers: admin, body: { email: 'x@example.test', name: 'X', role: 'agent', supervisedQueueIds: [w.queues.support] } });
    expect(notSup.status).toBe(400);
    expect((notSup.json as { error: { code: string; details: { field: string; reason: string } } }).error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'supervisedQueueIds', reason: 'NOT_SUPERVISOR' } });
    const unknown = await srv.request('PATCH', `/api/admin/agents/${supId}`, { headers: admin, body: { supervisedQueueIds: ['q_nope'] } });
    expect(unknown.status).toBe(404);
    const self = await srv.request('PATCH', `/api/admin/agents/${w.agents.colleague}`, { headers: admin, body: { role: 'supervisor' } });
    expect(self.status).toBe(400);
    expect((self.json as { error: { details: { reason: string } } }).error.details.reason).toBe('SELF');
  });

  it('the supervisor sees Support’s waiting and open conversations, not Sales’', async () => {
    sup = await login('sue@example.test');
    const me = (await srv.request('GET', '/api/me', { headers: sup })).json as { agent: { role: string } };
    expect(me.agent.role).toBe('supervisor');
    await inbound(CUSTOMER, NUMBERS.support, 'Is anyone there?');
    await inbound(CUSTOMER_2, NUMBERS.sales, 'Sales question');
    await inbound('+33611111111', NUMBERS.support, 'Second support question');
    const r = await srv.request('GET', '/api/admin/conversations', { headers: sup });
    expect(r.status, r.text).toBe(200);
    const convs = (r.json as { conversations: Conv[] }).conversations;
    expect(convs.map((c) => c.queueName)).toEqual(['Support', 'Support']);
    expect(convs.every((c) => c.status === 'waiting')).toBe(true);
    const all = (await srv.request('GET', '/api/admin/conversations', { headers: admin })).json as { conversations: Conv[] };
    expect(all.conversations.map((c) => c.queueName).sort()).toEqual(['Sales', 'Support', 'Support']);
    const sales = all.conversations.find((c) => c.queueName === 'Sales')!;
    for (const [m, p] of [
      ['GET', `/api/admin/conversations/${sales.id}/messages`],
      ['POST', `/api/admin/conversations/${sales.id}/take`],
      ['POST', `/api/admin/conversations/${sales.id}/close`],
    ] as const) {
      const refused = await srv.request(m, p, { headers: sup });
      expect(refused.status, `${m} ${p}`).toBe(404);
    }
    const transcript = (await srv.request('GET', `/api/admin/conversations/${convs[0]!.id}/messages`, { headers: sup })).json as { messages: { body: string; direction: string }[] };
    expect(transcript.messages).toEqual([expect.objectContaining({ body: 'Is anyone there?', direction: 'in' })]);
  });

  it('takes a waiting one (it becomes theirs) and an agent’s open one (the agent is told live), then closes one', async () => {
    const convs = ((await srv.request('GET', '/api/admin/conversations', { headers: sup })).json as { conversations: Conv[] }).conversations;
    const [first, second] = convs as [Conv, Conv];
    // Bea takes the second one in her Banner; she watches her stream.
    expect((await srv.request('POST', `/api/interactions/${second.id}/take`, { headers: bea })).status).toBe(200);
    const stream = await srv.openEvents(bea);
    await stream.waitFor('ready');
    const took = await srv.request('POST', `/api/admin/conversations/${first.id}/take`, { headers: sup });
    expect(took.status, took.text).toBe(200);
    expect(took.json).toEqual({ status: 'progressing', previousAgentId: null });
    await stream.waitFor('waiting.taken', (d) => d.interactionId === first.id && d.agentName === 'Sue Supervisor');
    const fromBea = await srv.request('POST', `/api/admin/conversations/${second.id}/take`, { headers: sup });
    expect(fromBea.json).toEqual({ status: 'progressing', previousAgentId: w.agents.both });
    const told = await stream.waitFor('interaction.taken', (d) => d.interactionId === second.id);
    expect(told.data).toMatchObject({ agentName: 'Sue Supervisor', takenFrom: w.agents.both });
    stream.close();
    // Bea can no longer write in it.
    const write = await srv.request('POST', `/api/interactions/${second.id}/messages`, { headers: bea, body: { text: 'still mine?' } });
    expect(write.status).toBeGreaterThanOrEqual(400);
    const after = ((await srv.request('GET', '/api/admin/conversations', { headers: sup })).json as { conversations: Conv[] }).conversations;
    expect(after.map((c) => [c.status, c.agentName])).toEqual([
      ['progressing', 'Sue Supervisor'],
      ['progressing', 'Sue Supervisor'],
    ]);
    const closed = await srv.request('POST', `/api/admin/conversations/${second.id}/close`, { headers: sup });
    expect(closed.json).toEqual({ status: 'closed', alreadyClosed: false });
    expect((await srv.request('POST', `/api/admin/conversations/${second.id}/close`, { headers: sup })).json).toEqual({ status: 'closed', alreadyClosed: true });
    const left = ((await srv.request('GET', '/api/admin/conversations', { headers: sup })).json as { conversations: Conv[] }).conversations;
    expect(left.map((c) => c.id)).toEqual([first.id]);
  });

  it('every configuration route refuses a supervisor with 403 FORBIDDEN', async () => {
    const writes: [string, string, unknown][] = [
      ['POST', '/api/admin/agents', { email: 'y@example.test', name: 'Y' }],
      ['PATCH', `/api/admin/agents/${supId}`, { role: 'admin' }],
      ['PATCH', `/api/admin/queues/${w.queues.support}`, { name: 'Mine' }],
      ['POST', '/api/admin/templates', { name: 'T', body: 'b' }],
      ['GET', '/api/admin/agents', undefined],
      ['GET', '/api/admin/provider', undefined],
    ];
    for (const [m, p, body] of writes) {
      const r = await srv.request(m, p, { headers: sup, body });
      expect(r.status, `${m} ${p}`).toBe(403);
      expect((r.json as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    }
  });

  it('a role change away from supervisor empties the queues and ends the sessions', async () => {
    const r = await srv.request('PATCH', `/api/admin/agents/${supId}`, { headers: admin, body: { role: 'agent' } });
    expect((r.json as { supervisedQueueIds: string[] }).supervisedQueueIds).toEqual([]);
    // Refused at once (the session is gone; a session read a moment ago may still be cached and then says FORBIDDEN).
    expect([401, 403]).toContain((await srv.request('GET', '/api/admin/conversations', { headers: sup })).status);
    expect(await tdb.db.selectFrom('queue_supervisors').selectAll().where('agent_id', '=', supId).execute()).toEqual([]);
  });
});

describe('configuration file', () => {
  it('applies and exports a supervisor’s queues; refuses them for another role', async () => {
    const file = (role: string, supervises: string) => `
queues:
  - name: Escalations
agents:
  - email: sam.sup@example.test
    name: Sam Sup
    role: ${role}
    supervises: ${supervises}
`;
    await applyConfigFile(tdb.db, { accountId: w.accountId, text: file('supervisor', '[Support, Escalations]'), secretKey: null });
    const sam = await tdb.db.selectFrom('agents').select(['id', 'role']).where('email', '=', 'sam.sup@example.test').executeTakeFirstOrThrow();
    expect(sam.role).toBe('supervisor');
    const queues = await tdb.db.selectFrom('queue_supervisors').innerJoin('queues', 'queues.id', 'queue_supervisors.queue_id').select('queues.name').where('agent_id', '=', sam.id).orderBy('queues.name').execute();
    expect(queues.map((q) => q.name)).toEqual(['Escalations', 'Support']);
    const exported = await exportConfigFile(tdb.db, w.accountId);
    expect(exported).toMatch(/email: sam\.sup@example\.test[\s\S]*?role: supervisor[\s\S]*?supervises:\s*\n\s*- Escalations\s*\n\s*- Support/);
    // Applying the export changes nothing.
    const again = await applyConfigFile(tdb.db, { accountId: w.accountId, text: exported, secretKey: null, dryRun: true });
    expect(again.changes).toEqual([]);
    const refused = await applyConfigFile(tdb.db, { accountId: w.accountId, text: file('agent', '[Support]'), secretKey: null }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConfigFileError);
    expect((refused as ConfigFileError).issues.map((i) => i.path)).toEqual(['agents[0].supervises']);
  });
});
