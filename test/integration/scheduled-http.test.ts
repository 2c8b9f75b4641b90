// Scheduled sends over real HTTP (PGlite and PostgreSQL): the agent's API (sendAt on a Direct
// SMS, list, edit, cancel, the stable refusals), the undo window set by an administrator
// (admin API and configuration file), and the live events other tabs follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportConfigFile } from '../../src/config-file/export.js';
import { applyConfigFile } from '../../src/config-file/apply.js';
import { creditBalance } from '../../src/db/credits.js';
import { hashPassword } from '../../src/platform/password.js';
import { buildWorld, CUSTOMER, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

const PASSWORD = 'scheduled-http-password';
let tdb: TestDatabase;
let w: World;
let srv: TestServer;
interface Session {
  cookie: string;
  csrf: string;
}
let agent: Session;
let admin: Session;
const authed = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

async function login(agentId: string): Promise<Session> {
  const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', agentId).executeTakeFirstOrThrow();
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  expect(r.status).toBe(200);
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: (r.json as { csrfToken: string }).csrfToken };
}

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).execute();
  await tdb.db.updateTable('agents').set({ role: 'admin' }).where('id', '=', w.agents.colleague).execute();
  srv = await startTestServer(tdb);
  agent = await login(w.agents.directOnly);
  admin = await login(w.agents.colleague);
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const balance = () => creditBalance(tdb.db, w.accountId);

describe('the agent’s scheduling API', () => {
  it('schedules, lists, edits and cancels a Direct SMS with its credits, told live', async () => {
    const events = await srv.openEvents(authed(agent));
    try {
      const b0 = await balance();
      const r = await srv.request('POST', '/api/direct/messages', { headers: authed(agent), body: { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'See you tomorrow', sendAt: inAnHour() } });
      expect(r.status, r.text).toBe(201);
      const sent = r.json as { messageId: string; status: string; sendAt: string; credits: number };
      expect(sent).toMatchObject({ status: 'scheduled', credits: 1 });
      expect(await balance()).toBe(b0 - 1);
      await events.waitFor('scheduled.created', (d) => d['id'] === sent.messageId);

      const list = await srv.request('GET', '/api/scheduled-messages', { headers: authed(agent) });
      expect((list.json as { scheduled: { id: string }[] }).scheduled.map((s) => s.id)).toContain(sent.messageId);

      const edited = await srv.request('PATCH', `/api/scheduled-messages/${sent.messageId}`, { headers: authed(agent), body: { text: 'y'.repeat(200) } });
      expect(edited.status, edited.text).toBe(200);
      expect(edited.json).toMatchObject({ credits: 2, version: 1 });
      expect(await balance()).toBe(b0 - 2);
      await events.waitFor('scheduled.updated', (d) => d['id'] === sent.messageId);
      // An edit from what another tab saw before that edit is refused, and changes nothing.
      const stale = await srv.request('PATCH', `/api/scheduled-messages/${sent.messageId}`, { headers: authed(agent), body: { text: 'z', version: 0 } });
      expect(stale.status, stale.text).toBe(400);
      expect(stale.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'version', reason: 'CHANGED_MEANWHILE' } } });
      expect(await balance()).toBe(b0 - 2);
      const fresh = await srv.request('PATCH', `/api/scheduled-messages/${sent.messageId}`, { headers: authed(agent), body: { text: 'y'.repeat(200), version: 1 } });
      expect(fresh.json).toMatchObject({ credits: 2, version: 2 });

      const cancelled = await srv.request('DELETE', `/api/scheduled-messages/${sent.messageId}`, { headers: authed(agent) });
      expect(cancelled.status, cancelled.text).toBe(200);
      expect(await balance()).toBe(b0);
      await events.waitFor('scheduled.cancelled', (d) => d['id'] === sent.messageId);

      const again = await srv.request('DELETE', `/api/scheduled-messages/${sent.messageId}`, { headers: authed(agent) });
      expect(again.status).toBe(409);
      expect(again.json).toMatchObject({ error: { code: 'MESSAGE_NOT_SCHEDULED', details: { status: 'cancelled' } } });
      const other = await srv.request('DELETE', `/api/scheduled-messages/${sent.messageId}`, { headers: authed(admin) });
      expect(other.status).toBe(404);
    } finally {
      events.close();
    }
  });

  it('refuses a time in the past, too far ahead or not a date with a field and a reason', async () => {
    const send = (sendAt: string) => srv.request('POST', '/api/direct/messages', { headers: authed(agent), body: { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'x', sendAt } });
    const past = await send(new Date(Date.now() - 60_000).toISOString());
    expect(past.status).toBe(400);
    expect(past.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'sendAt', reason: 'IN_THE_PAST' } } });
    const far = await send(new Date(Date.now() + 40 * 86_400_000).toISOString());
    expect(far.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'sendAt', reason: 'TOO_FAR' } } });
    const notADate = await send('tomorrow at nine');
    expect(notADate.status).toBe(400);
    expect(notADate.json).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const empty = await srv.request('PATCH', '/api/scheduled-messages/nope', { headers: authed(agent), body: {} });
    expect(empty.status).toBe(400);
  });
});

describe('the undo window', () => {
  it('is set by an administrator (0 or 5 to 30 s), turns Send into a wait with undoUntil, and Undo refunds', async () => {
    const { profile_id } = await tdb.db.selectFrom('agents').select('profile_id').where('id', '=', w.agents.directOnly).executeTakeFirstOrThrow();
    const bad = await srv.request('PATCH', `/api/admin/profiles/${profile_id}`, { headers: authed(admin), body: { undoSeconds: 3 } });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const ok = await srv.request('PATCH', `/api/admin/profiles/${profile_id}`, { headers: authed(admin), body: { undoSeconds: 8 } });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json).toMatchObject({ undoSeconds: 8 });
    // The agent's profile is cached for a few seconds on the instance; a fresh read makes it immediate.
    await srv.request('GET', '/api/me?fresh=1', { headers: authed(agent) });

    const b0 = await balance();
    const r = await srv.request('POST', '/api/direct/messages', { headers: authed(agent), body: { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'Wrong customer!' } });
    expect(r.status, r.text).toBe(201);
    const body = r.json as { messageId: string; status: string; undoUntil: string };
    expect(body.status).toBe('scheduled');
    const wait = new Date(body.undoUntil).getTime() - Date.now();
    expect(wait).toBeGreaterThan(5_000);
    expect(wait).toBeLessThanOrEqual(8_000);
    expect(await balance()).toBe(b0 - 1);
    const undo = await srv.request('DELETE', `/api/scheduled-messages/${body.messageId}`, { headers: authed(agent) });
    expect(undo.status).toBe(200);
    expect(await balance()).toBe(b0);

    await srv.request('PATCH', `/api/admin/profiles/${profile_id}`, { headers: authed(admin), body: { undoSeconds: 0 } });
  });

  it('is part of the configuration file: applied, exported, refused out of range', async () => {
    const yaml = await exportConfigFile(tdb.db, w.accountId);
    const changed = yaml.replace(/(- name: Direct\n)/, '$1    undoSeconds: 12\n');
    expect(changed).not.toBe(yaml);
    await applyConfigFile(tdb.db, { accountId: w.accountId, text: changed, secretKey: null });
    const row = await tdb.db.selectFrom('profiles').select('undo_seconds').where('account_id', '=', w.accountId).where('name', '=', 'Direct').executeTakeFirstOrThrow();
    expect(row.undo_seconds).toBe(12);
    expect(await exportConfigFile(tdb.db, w.accountId)).toContain('undoSeconds: 12');
    await expect(applyConfigFile(tdb.db, { accountId: w.accountId, text: yaml.replace(/(- name: Direct\n)/, '$1    undoSeconds: 45\n'), secretKey: null })).rejects.toThrow();
    expect((await tdb.db.selectFrom('profiles').select('undo_seconds').where('account_id', '=', w.accountId).where('name', '=', 'Direct').executeTakeFirstOrThrow()).undo_seconds).toBe(12);
  });
});
