// The message log over real HTTP and a real database (run on PGlite and PostgreSQL): every
// message of the account newest first, each filter, the accent- and case-insensitive search by
// words, number and contact name, the status history written by the database's triggers, the
// details (credits, parts, transcript, plain reason), a supervisor's scope, tenancy, and the
// export (CSV with formula injection defused, JSON lines) equal to the pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveInbound } from '../../src/app/receive-inbound.js';
import { applyStatusReport } from '../../src/db/outbox/status-report.js';
import { hashPassword } from '../../src/platform/password.js';
import { buildWorld, CUSTOMER, CUSTOMER_2, testDeps, UK_CUSTOMER, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

const PASSWORD = 'message-log-password';
let tdb: TestDatabase;
let w: World;
let srv: TestServer;
interface Session {
  cookie: string;
  csrf: string;
}
let admin: Session;
let agent: Session;
let supervisor: Session;
let otherAdmin: Session;
const ids: Record<string, string> = {};

interface Entry {
  id: string;
  direction: string;
  mode: string;
  status: string;
  customer: string;
  customerName: string | null;
  country: string | null;
  body: string | null;
  queueName: string | null;
  agentName: string | null;
  errorCode: string | null;
  reason: string | null;
}
interface Page {
  messages: Entry[];
  nextCursor: string | null;
}

const authed = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

async function login(email: string): Promise<Session> {
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  expect(r.status, r.text).toBe(200);
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: (r.json as { csrfToken: string }).csrfToken };
}
const emailOf = async (id: string) => (await tdb.db.selectFrom('agents').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email;

async function send(s: Session, recipient: string, text: string): Promise<string> {
  const r = await srv.request('POST', '/api/direct/messages', { headers: authed(s), body: { recipient, senderId: w.numbers.direct, text } });
  expect(r.status, r.text).toBe(201);
  return (r.json as { messageId: string }).messageId;
}

/** What the dispatcher leaves after a submission the provider accepted. */
async function submitted(id: string, providerId: string): Promise<void> {
  await tdb.db.updateTable('messages').set({ status: 'sending' }).where('id', '=', id).execute();
  await tdb.db.updateTable('messages').set({ status: 'sent', provider: 'twilio', provider_message_id: providerId, sent_at: new Date() }).where('id', '=', id).execute();
}

async function log(s: Session, query = ''): Promise<Page> {
  const r = await srv.request('GET', `/api/admin/messages${query}`, { headers: { cookie: s.cookie } });
  expect(r.status, r.text).toBe(200);
  return r.json as Page;
}
const found = async (query: string, s: Session = admin) => (await log(s, query)).messages.map((m) => m.id);

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  const adminId = 'agt_log_admin';
  const supervisorId = 'agt_log_supervisor';
  const otherAdminId = 'agt_log_other_admin';
  await tdb.db
    .insertInto('agents')
    .values([
      { id: adminId, account_id: w.accountId, email: 'log-admin@example.test', name: 'Ada Admin', role: 'admin' },
      { id: supervisorId, account_id: w.accountId, email: 'log-sup@example.test', name: 'Sue Supervisor', role: 'supervisor' },
      { id: otherAdminId, account_id: w.otherAccountId, email: 'log-other@example.test', name: 'Otto Other', role: 'admin' },
    ])
    .execute();
  await tdb.db.insertInto('queue_supervisors').values({ queue_id: w.queues.sales, agent_id: supervisorId }).execute();
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).execute();
  srv = await startTestServer(tdb);
  admin = await login('log-admin@example.test');
  supervisor = await login('log-sup@example.test');
  otherAdmin = await login('log-other@example.test');
  agent = await login(await emailOf(w.agents.directOnly));

  await tdb.db.insertInto('contacts').values({ account_id: w.accountId, number: CUSTOMER_2, name: 'Hélène Dupré' }).execute();
  ids.failed = await send(agent, CUSTOMER, 'Votre colis est bien REÇU, merci');
  await submitted(ids.failed, 'SM-failed');
  await applyStatusReport(tdb.db, { accountId: w.accountId, provider: 'twilio', providerMessageId: 'SM-failed', status: 'failed', errorCode: '30003', at: new Date() });
  ids.delivered = await send(agent, CUSTOMER_2, '=SUM(A1) rendez-vous demain');
  await submitted(ids.delivered, 'SM-delivered');
  await applyStatusReport(tdb.db, { accountId: w.accountId, provider: 'twilio', providerMessageId: 'SM-delivered', status: 'delivered', at: new Date() });
  ids.uk = await send(agent, UK_CUSTOMER, 'Hello from "London", see you');
  const inbound = await receiveInbound(testDeps(tdb.db), {
    accountId: w.accountId, provider: 'simulator', providerMessageId: 'in-1', from: CUSTOMER, to: '+33757000002', body: 'Bonjour, je veux changer ma réservation', receivedAt: new Date(),
  });
  ids.inbound = inbound.messageId;
  // A message of the other account, with the same words: never seen here.
  await tdb.db.insertInto('messages').values({
    id: 'msg_other_account', account_id: w.otherAccountId, direction: 'out', status: 'queued', from_address: '+33757000099', to_address: CUSTOMER,
    body: 'colis reçu', encoding: 'GSM-7', units: 10, segments: 1, credits: 1,
  }).execute();
});

afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

describe('GET /api/admin/messages', () => {
  it('lists every message of the account, both directions, newest first', async () => {
    const page = await log(admin);
    expect(page.messages.map((m) => m.id)).toEqual([ids.inbound, ids.uk, ids.delivered, ids.failed]);
    const inbound = page.messages[0]!;
    expect(inbound).toMatchObject({ direction: 'in', mode: 'smart', customer: CUSTOMER, country: 'FR', queueName: 'Sales', status: 'received' });
    expect(page.messages[3]).toMatchObject({ status: 'failed', errorCode: '30003', reason: 'unreachable', agentName: 'Dan Direct', mode: 'direct' });
    expect(page.messages[1]?.country).toBe('GB');
  });

  it('finds a message by a word of its text whatever its accents and case', async () => {
    expect(await found('?q=recu')).toEqual([ids.failed]);
    expect(await found('?q=COLIS%20re')).toEqual([ids.failed]);
    expect(await found(`?q=${encodeURIComponent('réservation')}`)).toEqual([ids.inbound]);
    expect(await found('?q=reservat')).toEqual([ids.inbound]);
    expect(await found('?q=nothing-like-this')).toEqual([]);
  });

  it('finds by the customer’s number, whole or its beginning, and by a contact’s name', async () => {
    expect(await found(`?q=${encodeURIComponent(CUSTOMER)}`)).toEqual([ids.inbound, ids.failed]);
    expect(await found('?q=%2B44')).toEqual([ids.uk]);
    expect(await found('?q=helene')).toEqual([ids.delivered]);
    expect(await found('?q=DUPRE')).toEqual([ids.delivered]);
  });

  it('filters by direction, mode, status, country, reason, queue, agent, number and dates', async () => {
    expect(await found('?direction=in')).toEqual([ids.inbound]);
    expect(await found('?mode=direct&direction=out')).toEqual([ids.uk, ids.delivered, ids.failed]);
    expect(await found('?status=failed,delivered')).toEqual([ids.delivered, ids.failed]);
    expect(await found('?country=GB')).toEqual([ids.uk]);
    expect(await found('?reason=unreachable')).toEqual([ids.failed]);
    expect(await found('?reason=spam_filtered')).toEqual([]);
    expect(await found(`?queueId=${w.queues.sales}`)).toEqual([ids.inbound]);
    expect(await found(`?agentId=${w.agents.directOnly}`)).toEqual([ids.uk, ids.delivered, ids.failed]);
    expect(await found(`?numberId=${w.numbers.direct}`)).toEqual([ids.uk, ids.delivered, ids.failed]);
    expect(await found(`?to=${encodeURIComponent('2000-01-01T00:00:00Z')}`)).toEqual([]);
    expect(await found(`?from=${encodeURIComponent('2000-01-01T00:00:00Z')}&direction=in`)).toEqual([ids.inbound]);
  });

  it('pages with a cursor, every row once', async () => {
    const first = await log(admin, '?limit=3');
    expect(first.messages).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await log(admin, `?limit=3&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(second.messages.map((m) => m.id)).toEqual([ids.failed]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses bad filters with a stable code, never a 500', async () => {
    for (const q of ['?status=lost', '?country=France', '?reason=bad', '?limit=0', '?cursor=abc', '?from=yesterday', '?direction=up', '?extra=1']) {
      const r = await srv.request('GET', `/api/admin/messages${q}`, { headers: { cookie: admin.cookie } });
      expect(r.status, q).toBe(400);
      expect((r.json as { error: { code: string } }).error.code, q).toBe('VALIDATION_FAILED');
    }
  });

  it('is for supervisors and administrators; a supervisor sees their queues only', async () => {
    const r = await srv.request('GET', '/api/admin/messages', { headers: { cookie: agent.cookie } });
    expect(r.status).toBe(403);
    // The supervisor supervises Sales: its conversation, not the Direct SMS of an agent of no queue of theirs.
    expect(await found('', supervisor)).toEqual([ids.inbound]);
    const hidden = await srv.request('GET', `/api/admin/messages/${ids.failed}`, { headers: { cookie: supervisor.cookie } });
    expect(hidden.status).toBe(404);
  });

  it('never shows another account’s messages', async () => {
    expect(await found('?q=colis', otherAdmin)).toEqual(['msg_other_account']);
    const r = await srv.request('GET', `/api/admin/messages/${ids.failed}`, { headers: { cookie: otherAdmin.cookie } });
    expect(r.status).toBe(404);
  });
});

describe('GET /api/admin/messages/:id', () => {
  it('gives the status history with times, the credits, the plain reason with the provider’s code', async () => {
    const r = await srv.request('GET', `/api/admin/messages/${ids.failed}`, { headers: { cookie: admin.cookie } });
    expect(r.status, r.text).toBe(200);
    const d = r.json as { message: Entry; provider: string; history: { status: string; errorCode: string | null; at: string }[]; credits: { delta: number }[]; transcript: unknown[] };
    expect(d.history.map((h) => h.status)).toEqual(['queued', 'sending', 'sent', 'failed']);
    expect(d.history[3]?.errorCode).toBe('30003');
    const times = d.history.map((h) => Date.parse(h.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(d.credits.map((c) => c.delta)).toEqual([-1]);
    expect(d.message.reason).toBe('unreachable');
    expect(d.provider).toBe('twilio');
    expect(d.transcript).toEqual([]);
  });

  it('gives a conversation’s transcript', async () => {
    const r = await srv.request('GET', `/api/admin/messages/${ids.inbound}`, { headers: { cookie: admin.cookie } });
    const d = r.json as { history: { status: string }[]; transcript: { id: string; body: string }[] };
    expect(d.transcript.map((t) => t.id)).toEqual([ids.inbound]);
    expect(d.history.map((h) => h.status)).toEqual(['received']);
  });

  it('answers 404 for an unknown id', async () => {
    const r = await srv.request('GET', '/api/admin/messages/nope', { headers: { cookie: admin.cookie } });
    expect(r.status).toBe(404);
  });
});

describe('GET /api/admin/messages/export', () => {
  it('writes the view as CSV, formulas defused, and counts it first', async () => {
    const count = await srv.request('GET', '/api/admin/messages/count?mode=direct', { headers: { cookie: admin.cookie } });
    expect(count.json).toEqual({ count: 3 });
    const r = await srv.request('GET', '/api/admin/messages/export?format=csv&mode=direct', { headers: { cookie: admin.cookie } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="messages-.*\.csv"/);
    const lines = r.text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,at,direction,mode,status,customer,/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('"Hello from ""London"", see you"');
    expect(lines[2]).toContain("'=SUM(A1) rendez-vous demain");
    expect(lines[2]).toContain('Hélène Dupré');
    expect(lines[3]).toContain('unreachable');
  });

  it('writes JSON lines equal to the pages', async () => {
    const r = await srv.request('GET', '/api/admin/messages/export?format=jsonl&q=recu', { headers: { cookie: admin.cookie } });
    const rows = r.text.trimEnd().split('\n').map((l) => JSON.parse(l) as Entry);
    expect(rows).toEqual((await log(admin, '?q=recu')).messages);
  });

  it('exports what the supervisor may see only', async () => {
    const r = await srv.request('GET', '/api/admin/messages/export?format=jsonl', { headers: { cookie: supervisor.cookie } });
    expect(r.text.trimEnd().split('\n').map((l) => (JSON.parse(l) as Entry).id)).toEqual([ids.inbound]);
  });
});
