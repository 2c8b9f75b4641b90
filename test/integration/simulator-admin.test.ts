// The first hour of a newcomer, through the real server: the simulator driven from the admin
// API (a customer's SMS from any number, STOP included; the outcome of the next sends; the
// automatic answer), its connection test, no webhook address that would answer 404, and a
// demo voice call started and ended.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundSms, ProviderEvent } from '../../src/domain/ports.js';
import { hashPassword } from '../../src/platform/password.js';
import { defaultProviderRegistry } from '../../src/providers/registry-entries.js';
import { buildWorld, NUMBERS, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

let tdb: TestDatabase;
let w: World;
let srv: TestServer;
const PASSWORD = 'correct horse battery staple';
let admin: Record<string, string>;
let agent: Record<string, string>;

async function login(agentId: string): Promise<Record<string, string>> {
  const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', agentId).executeTakeFirstOrThrow();
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  expect(r.status).toBe(200);
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': (r.json as { csrfToken: string }).csrfToken };
}

const call = (headers: Record<string, string>, method: string, path: string, body?: unknown) => srv.request(method, path, { headers, ...(body !== undefined ? { body } : {}) });

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).execute();
  await tdb.db.updateTable('agents').set({ role: 'admin' }).where('id', '=', w.agents.colleague).execute();
  srv = await startTestServer(tdb);
  admin = await login(w.agents.colleague);
  agent = await login(w.agents.both);
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

describe('the simulator from the admin API', () => {
  it('shows whether it is in use, how it behaves and the numbers a customer can write to; administrators only', async () => {
    const r = await call(admin, 'GET', '/api/admin/simulator');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ active: true, behaviour: { outcome: 'random', autoReply: null } });
    expect((r.json as { numbers: { address: string }[] }).numbers.map((n) => n.address)).toContain(NUMBERS.support);
    for (const [method, path] of [['GET', '/api/admin/simulator'], ['POST', '/api/admin/simulator/inbound'], ['PUT', '/api/admin/simulator/behaviour'], ['POST', '/api/admin/demo-calls']] as const) {
      expect((await call(agent, method, path, method === 'GET' ? undefined : {})).status, `${method} ${path}`).toBe(403);
    }
  });

  it('receives a customer’s SMS from any number with any text: it waits in the queue that owns the number, and STOP opts out', async () => {
    const hello = await call(admin, 'POST', '/api/admin/simulator/inbound', { from: '+33 6 99 00 00 01', numberId: w.numbers.support, text: 'Hello, anyone?' });
    expect(hello.status).toBe(201);
    expect(hello.json).toMatchObject({ route: 'waiting', optOut: null });
    const waiting = await call(agent, 'GET', '/api/interactions?filter=waiting');
    expect((waiting.json as { interactions: { customerNumber: string }[] }).interactions.map((i) => i.customerNumber)).toContain('+33699000001');

    const stop = await call(admin, 'POST', '/api/admin/simulator/inbound', { from: '+33699000002', numberId: w.numbers.direct, text: 'STOP' });
    expect(stop.status).toBe(201);
    expect(stop.json).toMatchObject({ route: 'unassigned', optOut: 'stop' });
    const opted = await tdb.db.selectFrom('opt_outs').select('number').where('account_id', '=', w.accountId).execute();
    expect(opted.map((o) => o.number)).toContain('+33699000002');

    expect((await call(admin, 'POST', '/api/admin/simulator/inbound', { from: '+33699000003', numberId: 'num_of_nobody', text: 'x' })).json).toMatchObject({ error: { code: 'NOT_FOUND', details: { field: 'numberId' } } });
    expect((await call(admin, 'POST', '/api/admin/simulator/inbound', { from: '', numberId: w.numbers.support, text: 'x' })).json).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'from' } } });
  });

  it('sends with the outcome chosen for the next sends, after the chosen delay, and answers automatically; the change is audited', async () => {
    const behaviour = { outcome: 'undelivered', deliveryDelayMs: 20, autoReply: { text: 'Auto answer', delayMs: 10 } };
    const r = await call(admin, 'PUT', '/api/admin/simulator/behaviour', behaviour);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ active: true, behaviour });
    // The dispatcher builds the account's simulator from the stored settings: so does this test.
    const { provider_type, provider_config } = await tdb.db.selectFrom('accounts').select(['provider_type', 'provider_config']).where('id', '=', w.accountId).executeTakeFirstOrThrow();
    const sim = defaultProviderRegistry.create({ type: provider_type!, config: provider_config }, { accountId: w.accountId });
    const events: ProviderEvent[] = [];
    sim.onEvent?.((e) => events.push(e));
    const sms: OutboundSms = { messageId: 'm1', accountId: w.accountId, from: NUMBERS.support, to: '+33612345678', body: 'hi', encoding: 'GSM-7', segments: 1, attempt: 0 };
    expect((await sim.submit(sms, new AbortController().signal)).kind).toBe('accepted');
    for (let i = 0; i < 200 && events.length === 0; i++) await new Promise((res) => setTimeout(res, 10));
    expect(events[0]).toMatchObject({ type: 'status', status: 'undelivered' });
    await sim.close?.();

    const delivered = await call(admin, 'PUT', '/api/admin/simulator/behaviour', { outcome: 'delivered', deliveryDelayMs: 20, autoReply: { text: 'Auto answer', delayMs: 10 } });
    expect(delivered.status).toBe(200);
    const sim2 = defaultProviderRegistry.create({ type: 'simulator', config: (await tdb.db.selectFrom('accounts').select('provider_config').where('id', '=', w.accountId).executeTakeFirstOrThrow()).provider_config }, { accountId: w.accountId });
    const events2: ProviderEvent[] = [];
    sim2.onEvent?.((e) => events2.push(e));
    await sim2.submit(sms, new AbortController().signal);
    for (let i = 0; i < 200 && events2.length < 2; i++) await new Promise((res) => setTimeout(res, 10));
    expect(events2.map((e) => e.type)).toEqual(['status', 'inbound']);
    expect(events2[1]).toMatchObject({ type: 'inbound', from: '+33612345678', to: NUMBERS.support, body: 'Auto answer' });
    await sim2.close?.();

    const audit = await tdb.db.selectFrom('events').select('payload').where('account_id', '=', w.accountId).where('type', '=', 'admin.simulator.behaviour_changed').execute();
    expect(audit).toHaveLength(2);
    expect((await call(admin, 'PUT', '/api/admin/simulator/behaviour', { ...behaviour, outcome: 'lost' })).json).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'outcome' } } });
  });

  it('passes its connection test, and shows no webhook address (it has none: each would answer 404)', async () => {
    expect((await call(admin, 'POST', '/api/admin/provider/test-connection', {})).json).toEqual({ ok: true });
    const view = await call(admin, 'GET', '/api/admin/provider');
    expect(view.json).toMatchObject({ type: 'simulator', webhooks: null });
  });
});

describe('a demo voice call', () => {
  it('is started for an agent, offered in their Banner, and ended', async () => {
    const started = await call(admin, 'POST', '/api/admin/demo-calls', { agentId: w.agents.both, customerNumber: '+33 6 12 34 56 78' });
    expect(started.status).toBe(201);
    const id = (started.json as { id: string }).id;
    expect(started.json).toMatchObject({ agentId: w.agents.both, agentName: 'Bea Both', customerNumber: '+33612345678' });
    const calls = await call(agent, 'GET', '/api/calls');
    expect((calls.json as { calls: { id: string }[] }).calls.map((c) => c.id)).toContain(id);
    expect(((await call(admin, 'GET', '/api/admin/demo-calls')).json as { calls: { id: string }[] }).calls.map((c) => c.id)).toEqual([id]);

    const ended = await call(admin, 'POST', `/api/admin/demo-calls/${id}/end`);
    expect(ended.json).toEqual({ id, alreadyEnded: false });
    expect(((await call(agent, 'GET', '/api/calls')).json as { calls: unknown[] }).calls).toEqual([]);
    expect((await call(admin, 'POST', `/api/admin/demo-calls/${id}/end`)).json).toEqual({ id, alreadyEnded: true });
  });

  it('refuses a number that is not international and an agent of another account', async () => {
    expect((await call(admin, 'POST', '/api/admin/demo-calls', { agentId: w.agents.both, customerNumber: '0612345678' })).json).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'customerNumber' } } });
    expect((await call(admin, 'POST', '/api/admin/demo-calls', { agentId: w.agents.other, customerNumber: '+33612345678' })).json).toMatchObject({ error: { code: 'NOT_FOUND', details: { field: 'agentId' } } });
  });
});

describe('another provider', () => {
  it('refuses the simulator’s controls with SIMULATOR_NOT_IN_USE', async () => {
    await tdb.db.updateTable('accounts').set({ provider_type: 'http-json', provider_config: JSON.stringify({ url: 'http://127.0.0.1:9/unused' }) }).where('id', '=', w.accountId).execute();
    expect((await call(admin, 'GET', '/api/admin/simulator')).json).toMatchObject({ active: false, behaviour: null });
    const r = await call(admin, 'POST', '/api/admin/simulator/inbound', { from: '+33699000009', numberId: w.numbers.support, text: 'Hi' });
    expect(r.status).toBe(409);
    expect(r.json).toMatchObject({ error: { code: 'SIMULATOR_NOT_IN_USE', details: { providerType: 'http-json' } } });
    expect((await call(admin, 'PUT', '/api/admin/simulator/behaviour', { outcome: 'delivered', deliveryDelayMs: 0, autoReply: null })).status).toBe(409);
  });
});
