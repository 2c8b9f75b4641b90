// Writing faster, server side: what GET /api/numbers/check tells before the agent writes
// (opt-out, contact name, full slots, provider), and sender labels from the administration API
// and the configuration file to the agent's senders and queues.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyConfigFile } from '../../src/config-file/apply.js';
import { exportConfigFile } from '../../src/config-file/export.js';
import { hashPassword } from '../../src/platform/password.js';
import { buildWorld, CUSTOMER, CUSTOMER_2, NUMBERS, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

let tdb: TestDatabase;
let w: World;
let srv: TestServer;
const PASSWORD = 'correct horse battery staple';
type Session = Record<string, string>;
let agent: Session;
let admin: Session;

async function login(agentId: string): Promise<Session> {
  const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', agentId).executeTakeFirstOrThrow();
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  expect(r.status).toBe(200);
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': (r.json as { csrfToken: string }).csrfToken };
}

const check = async (number: string) => (await srv.request('GET', `/api/numbers/check?number=${encodeURIComponent(number)}`, { headers: agent })).json as Record<string, unknown>;

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).execute();
  await tdb.db.updateTable('agents').set({ role: 'admin' }).where('id', '=', w.agents.colleague).execute();
  srv = await startTestServer(tdb);
  agent = await login(w.agents.both);
  admin = await login(w.agents.colleague);
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

describe('GET /api/numbers/check: what to know before writing', () => {
  it('keeps its fields and adds the facts for a valid number', async () => {
    expect(await check(CUSTOMER)).toEqual({
      valid: true,
      e164: CUSTOMER,
      country: 'FR',
      type: 'MOBILE',
      mobileVerified: true,
      display: expect.any(String),
      authorized: true,
      code: null,
      optedOut: false,
      optedOutAt: null,
      optedOutHow: null,
      optedOutKeyword: null,
      contactName: null,
      slotFull: false,
      openInteractions: 0,
      maxInteractions: 3,
      providerConfigured: true,
    });
  });

  it('says the number opted out, since when, and its contact name, from this account only', async () => {
    await tdb.db.insertInto('opt_outs').values({ account_id: w.accountId, number: CUSTOMER_2, keyword: 'STOP', opted_out_at: new Date('2026-12-01T09:30:00Z') }).execute();
    await tdb.db.insertInto('contacts').values({ account_id: w.accountId, number: CUSTOMER_2, name: 'Ann Lee' }).execute();
    // The other account's opt-out and name for the first customer say nothing here.
    await tdb.db.insertInto('opt_outs').values({ account_id: w.otherAccountId, number: CUSTOMER, keyword: 'STOP' }).execute();
    await tdb.db.insertInto('contacts').values({ account_id: w.otherAccountId, number: CUSTOMER, name: 'Someone Else' }).execute();
    expect(await check(CUSTOMER_2)).toMatchObject({ valid: true, optedOut: true, optedOutAt: '2026-12-01T09:30:00.000Z', contactName: 'Ann Lee' });
    expect(await check(CUSTOMER)).toMatchObject({ optedOut: false, contactName: null });
  });

  it('says when the agent’s interaction slots are full, and when the account has no provider', async () => {
    const { profile_id } = await tdb.db.selectFrom('agents').select('profile_id').where('id', '=', w.agents.both).executeTakeFirstOrThrow();
    await tdb.db.updateTable('profiles').set({ max_interactions: 0 }).where('id', '=', profile_id!).execute();
    await srv.request('GET', '/api/me?fresh=1', { headers: agent });
    expect(await check(CUSTOMER)).toMatchObject({ slotFull: true, openInteractions: 0, maxInteractions: 0 });
    await tdb.db.updateTable('profiles').set({ max_interactions: 3 }).where('id', '=', profile_id!).execute();
    await srv.request('GET', '/api/me?fresh=1', { headers: agent });

    await tdb.db.updateTable('accounts').set({ provider_type: null }).where('id', '=', w.accountId).execute();
    expect(await check(CUSTOMER)).toMatchObject({ slotFull: false, providerConfigured: false });
    await tdb.db.updateTable('accounts').set({ provider_type: 'simulator' }).where('id', '=', w.accountId).execute();
  });

  it('adds nothing to a refusal', async () => {
    const bad = await check('+33 1 42 68 53 00');
    expect(Object.keys(bad).sort()).toEqual(['code', 'details', 'valid']);
    expect(bad).toMatchObject({ valid: false, code: 'INVALID_NUMBER', details: { reason: 'NOT_MOBILE' } });
  });
});

describe('sender labels', () => {
  it('are set by the administrator, listed, removed with null, and refused when too long', async () => {
    const created = await srv.request('POST', '/api/admin/numbers', { headers: admin, body: { address: '+33757000077', label: ' Support FR ' } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ address: '+33757000077', label: 'Support FR' });
    const id = (created.json as { id: string }).id;
    expect((await srv.request('POST', '/api/admin/numbers', { headers: admin, body: { address: 'ACME' } })).json).toMatchObject({ label: null });

    const long = await srv.request('PATCH', `/api/admin/numbers/${id}`, { headers: admin, body: { label: 'x'.repeat(61) } });
    expect(long.status).toBe(400);
    expect((long.json as { error: { code: string; details: { field?: string } } }).error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await srv.request('PATCH', `/api/admin/numbers/${id}`, { headers: admin, body: { sendRatePerSecond: 4 } })).json).toMatchObject({ label: 'Support FR', sendRatePerSecond: 4 });
    expect((await srv.request('PATCH', `/api/admin/numbers/${id}`, { headers: admin, body: { label: null } })).json).toMatchObject({ label: null });
    const list = (await srv.request('GET', '/api/admin/numbers', { headers: admin })).json as { numbers?: { id: string; label: string | null }[] } | { id: string; label: string | null }[];
    const rows = Array.isArray(list) ? list : (list.numbers ?? []);
    expect(rows.find((n) => n.id === id)).toMatchObject({ label: null });
  });

  it('reach the agent: on the Direct senders and on the queues', async () => {
    await srv.request('PATCH', `/api/admin/numbers/${w.numbers.direct}`, { headers: admin, body: { label: 'Direct line' } });
    await srv.request('PATCH', `/api/admin/numbers/${w.numbers.support}`, { headers: admin, body: { label: 'Support FR' } });
    const options = (await srv.request('GET', '/api/direct/options', { headers: agent })).json as { senders: { id: string; address: string; label: string | null }[] };
    expect(options.senders.find((s) => s.id === w.numbers.direct)).toMatchObject({ address: NUMBERS.direct, label: 'Direct line' });
    const { queues } = (await srv.request('GET', '/api/queues', { headers: agent })).json as { queues: { name: string; smsNumberLabel: string | null }[] };
    expect(queues.map((q) => [q.name, q.smsNumberLabel])).toEqual([
      ['Sales', null],
      ['Support', 'Support FR'],
      ['Unconfigured', null],
    ]);
  });

  it('come from the configuration file, are exported, and a file without them keeps them', async () => {
    const file = (label: string | null) => `
account:
  name: Labels
numbers:
  - address: "+33757000201"${label === null ? '' : `\n    label: ${label}`}
`;
    const r = await applyConfigFile(tdb.db, { accountId: 'acc-labels', text: file('Sales FR'), secretKey: 'k'.repeat(32) });
    expect(r.changes).toContain('create numbers "+33757000201"');
    const row = () => tdb.db.selectFrom('sms_numbers').select('label').where('account_id', '=', 'acc-labels').executeTakeFirstOrThrow();
    expect((await row()).label).toBe('Sales FR');
    expect(await exportConfigFile(tdb.db, 'acc-labels')).toMatch(/label: Sales FR/);
    const again = await applyConfigFile(tdb.db, { accountId: 'acc-labels', text: file(null), secretKey: 'k'.repeat(32) });
    expect(again.changes).toEqual([]);
    expect((await row()).label).toBe('Sales FR');
    const changed = await applyConfigFile(tdb.db, { accountId: 'acc-labels', text: file('"Ventes FR"'), secretKey: 'k'.repeat(32) });
    expect(changed.changes.join('\n')).toMatch(/update numbers "\+33757000201".*label/);
    expect((await row()).label).toBe('Ventes FR');
  });
});
