// The undo window across a crash: a server process killed with SIGKILL while messages wait in
// their undo window. After a restart each message that was not undone is sent exactly once
// (one message row, one debit, handed to the provider once), and each undone one never is.
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open-database.js';
import { DEMO_LOGINS } from '../../src/main/demo-seed.js';
import { startServerProcess, type ServerProcess } from '../fixtures/server/server-process.js';
import { createTestLocation, TEST_DB_KIND, type TestDatabaseLocation } from './harness.js';

const UNDO_S = 5;
const SENT = 8;
const UNDONE = 4;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const locations: TestDatabaseLocation[] = [];
const servers: ServerProcess[] = [];
async function start(location: TestDatabaseLocation): Promise<ServerProcess> {
  const db: Record<string, string> = location.options.url ? { DATABASE_URL: location.options.url } : { DATA_DIR: location.options.dataDir };
  const s = await startServerProcess({ ...db, SMSDESK_DEMO: 'true', SENDS_PER_MINUTE: '100000' });
  servers.push(s);
  return s;
}
afterEach(() => {
  for (const s of servers.splice(0)) if (s.alive()) s.proc.kill('SIGKILL');
});
afterAll(async () => {
  for (const l of locations) await l.dispose();
});

interface Session {
  cookie: string;
  csrf: string;
}
async function login(url: string, who: 0 | 2): Promise<Session> {
  const l = DEMO_LOGINS[who]!;
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: l.email, password: l.password }) });
  if (r.status !== 200) throw new Error(`login: ${r.status} ${await r.text()}`);
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
}
async function call(url: string, s: Session, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers = { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  const r = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: r.status, json: (await r.json().catch(() => ({}))) as Record<string, unknown> };
}

describe(`the undo window across a server killed with SIGKILL (${TEST_DB_KIND})`, () => {
  it('sends each message that was not undone once after the restart, and never an undone one', async () => {
    const location = await createTestLocation({ fileBacked: true });
    locations.push(location);
    const first = await start(location);
    const admin = await login(first.url, 2);
    const set = await call(first.url, admin, 'PATCH', '/api/admin/profiles/prof-full', { undoSeconds: UNDO_S });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    const alice = await login(first.url, 0);
    await call(first.url, alice, 'GET', '/api/me?fresh=1');

    const ids: string[] = [];
    for (let i = 0; i < SENT + UNDONE; i++) {
      const r = await call(first.url, alice, 'POST', '/api/direct/messages', { recipient: '+33 6 12 34 56 78', senderId: 'num-support', text: `Undo window crash ${i}` });
      expect(r.status).toBe(201);
      expect(r.json['status']).toBe('scheduled');
      ids.push(r.json['messageId'] as string);
    }
    const undone = ids.slice(0, UNDONE);
    const kept = ids.slice(UNDONE);
    for (const id of undone) expect((await call(first.url, alice, 'DELETE', `/api/scheduled-messages/${id}`)).status).toBe(200);
    // Still inside the window: nothing has gone yet.
    const waiting = await call(first.url, alice, 'GET', '/api/scheduled-messages');
    expect((waiting.json['scheduled'] as { id: string }[]).map((s) => s.id).sort()).toEqual([...kept].sort());
    first.proc.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const second = await start(location);
    const alice2 = await login(second.url, 0);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const r = await call(second.url, alice2, 'GET', '/api/direct/messages?limit=200');
      const mine = (r.json['messages'] as { id: string; status: string }[]).filter((m) => kept.includes(m.id));
      if (mine.length === kept.length && mine.every((m) => m.status !== 'queued' && m.status !== 'sending')) break;
      if (Date.now() > deadline) throw new Error(`not all sent after the restart: ${JSON.stringify(mine)}`);
      await sleep(200);
    }
    await second.stop();

    const database = await openDatabase({ ...location.options });
    try {
      const db = database.db;
      const messages = await db.selectFrom('messages').select(['id', 'status', 'provider_message_id', 'attempts']).where('id', 'in', ids).execute();
      expect(messages.map((m) => m.id).sort()).toEqual([...kept].sort());
      for (const m of messages) {
        expect(['sent', 'delivered']).toContain(m.status);
        expect(m.provider_message_id).not.toBeNull();
        expect(m.attempts).toBe(1);
      }
      const scheduled = await db.selectFrom('scheduled_messages').select(['id', 'status']).where('id', 'in', ids).execute();
      for (const s of scheduled) expect(s.status).toBe(undone.includes(s.id) ? 'cancelled' : 'sent');
      const { rows } = await sql<{ message_id: string; total: string; debits: string }>`
        select message_id, sum(delta)::text as total, count(*) filter (where delta < 0)::text as debits
        from credit_ledger where message_id = any(${ids}::text[]) group by message_id`.execute(db);
      for (const r of rows) {
        expect(Number(r.debits), r.message_id).toBe(1);
        expect(Number(r.total), r.message_id).toBe(undone.includes(r.message_id) ? 0 : -1);
      }
      expect(rows).toHaveLength(ids.length);
    } finally {
      await database.close();
    }
  }, 180_000);
});
