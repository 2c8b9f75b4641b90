// The right to be forgotten through the real server: after an administrator erases a customer,
// no text column of any table holds the number (E.164, without +, national), the texts or the
// name; the opt-out still refuses a send; the erasure is audited with a hash; erasing again is
// harmless; other customers are untouched; the number can come back as a new customer.
import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseCustomer } from '../../src/app/compliance/erasure.js';
import { receiveInbound } from '../../src/app/receive-inbound.js';
import { applyConfigFile } from '../../src/config-file/apply.js';
import { exportConfigFile } from '../../src/config-file/export.js';
import { registerCall } from '../../src/app/voice-calls.js';
import { hashPassword } from '../../src/platform/password.js';
import { buildWorld, CUSTOMER, CUSTOMER_2, NUMBERS, testDeps, UK_CUSTOMER, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

let tdb: TestDatabase;
let w: World;
let srv: TestServer;
const PASSWORD = 'correct horse battery staple';
const h = {} as Record<'bea' | 'sam' | 'cole', Record<string, string>>;
let seq = 0;

// What must be gone: every way of writing the number, every text, the name.
const FORMS = [CUSTOMER, CUSTOMER.slice(1), '0612345678'];
const TEXTS = ['Direct body alpha-7781', 'Inbound body bravo-9923', 'Smart body charlie-4410', 'Scheduled body echo-3307'];
const NAME = 'Zelda Quixote';
// What must stay: the other customer's.
const OTHER_TEXT = 'Other body delta-5512';
const OTHER_NAME = 'Otto Untouched';

async function login(agentId: string): Promise<Record<string, string>> {
  const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', agentId).executeTakeFirstOrThrow();
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  expect(r.status).toBe(200);
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': (r.json as { csrfToken: string }).csrfToken };
}

const inbound = (from: string, body: string) =>
  receiveInbound(testDeps(tdb.db), { accountId: w.accountId, provider: 'simulator', providerMessageId: `er-${++seq}`, from, to: NUMBERS.support, body, receivedAt: new Date() });

const erase = (number: string, confirmation = number) => srv.request('POST', '/api/admin/erasures', { headers: h.cole, body: { number, confirmation } });

/** Every value of every text-like column of every table, as text, with where it was found. */
async function scanAll(): Promise<Array<{ where: string; value: string }>> {
  const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = current_schema() and c.data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')
    order by c.table_name, c.column_name`.execute(tdb.db);
  expect(columns.length).toBeGreaterThan(40);
  const found: Array<{ where: string; value: string }> = [];
  for (const c of columns) {
    const { rows } = await sql<{ v: string }>`select ${sql.ref(c.column_name)}::text as v from ${sql.table(c.table_name)} where ${sql.ref(c.column_name)} is not null`.execute(tdb.db);
    for (const r of rows) found.push({ where: `${c.table_name}.${c.column_name}`, value: r.v });
  }
  return found;
}

function holding(values: Array<{ where: string; value: string }>, needles: readonly string[]): string[] {
  return values.filter((v) => needles.some((n) => v.value.toLowerCase().includes(n.toLowerCase()))).map((v) => `${v.where}: ${v.value.slice(0, 120)}`);
}

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).execute();
  await tdb.db.updateTable('agents').set({ role: 'admin' }).where('id', '=', w.agents.colleague).execute();
  const { profile_id } = await tdb.db.selectFrom('agents').select('profile_id').where('id', '=', w.agents.both).executeTakeFirstOrThrow();
  await tdb.db.insertInto('profile_numbers').values({ profile_id: profile_id!, number_id: w.numbers.support }).execute();
  srv = await startTestServer(tdb);
  h.bea = await login(w.agents.both);
  h.sam = await login(w.agents.smartOnly);
  h.cole = await login(w.agents.colleague);
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

describe('erasing a customer', () => {
  it('refuses a confirmation that is not the same number, and an invalid number, erasing nothing', async () => {
    const mismatch = await erase(CUSTOMER, CUSTOMER_2);
    expect(mismatch.status, mismatch.text).toBe(422);
    expect(mismatch.json).toMatchObject({ error: { code: 'ERASURE_CONFIRMATION_MISMATCH' } });
    const invalid = await erase('not a number');
    expect(invalid.status, invalid.text).toBe(422);
    expect(invalid.json).toMatchObject({ error: { code: 'INVALID_NUMBER' } });
    const agent = await srv.request('POST', '/api/admin/erasures', { headers: h.bea, body: { number: CUSTOMER, confirmation: CUSTOMER } });
    expect(agent.status).toBe(403);
  });

  it('leaves nothing of the person but the hash, keeps the opt-out working, and is audited', async () => {
    // The person, everywhere the product keeps something: names (agent and administrator,
    // audited), a keyed Direct SMS, a conversation both ways, a call, STOP.
    expect((await srv.request('PUT', `/api/contacts/${encodeURIComponent(CUSTOMER)}`, { headers: h.bea, body: { name: 'Zelda Q.' } })).status).toBe(200);
    const named = await srv.request('PUT', `/api/admin/contacts/${encodeURIComponent(CUSTOMER)}`, { headers: h.cole, body: { name: NAME } });
    expect(named.status, named.text).toBe(200);
    const direct = await srv.request('POST', '/api/direct/messages', { headers: { ...h.bea, 'idempotency-key': 'erasure-key-1' }, body: { recipient: CUSTOMER, senderId: w.numbers.support, text: TEXTS[0] } });
    expect(direct.status, direct.text).toBe(201);
    const reply = await inbound(CUSTOMER, TEXTS[1]!);
    const conv = await tdb.db.selectFrom('interactions').select('id').where('account_id', '=', w.accountId).where('customer_number', '=', CUSTOMER).where('kind', '=', 'sms').executeTakeFirstOrThrow();
    expect((await srv.request('POST', `/api/interactions/${conv.id}/take`, { headers: h.sam })).status).toBe(200);
    const smart = await srv.request('POST', `/api/interactions/${conv.id}/messages`, { headers: h.sam, body: { text: TEXTS[2] } });
    expect(smart.status, smart.text).toBe(201);
    await registerCall(testDeps(tdb.db), { accountId: w.accountId, agentId: w.agents.both, externalCallId: 'call-erase-1', customerNumber: CUSTOMER });
    const sendAt = new Date(Date.now() + 86_400_000).toISOString();
    const later = await srv.request('POST', '/api/direct/messages', { headers: h.bea, body: { recipient: CUSTOMER, senderId: w.numbers.support, text: TEXTS[3], sendAt } });
    expect(later.status, later.text).toBe(201);
    const scheduledId = (later.json as { messageId: string }).messageId;
    // The other customer, who must stay whole.
    expect((await srv.request('PUT', `/api/contacts/${encodeURIComponent(CUSTOMER_2)}`, { headers: h.bea, body: { name: OTHER_NAME } })).status).toBe(200);
    expect((await srv.request('POST', '/api/direct/messages', { headers: h.bea, body: { recipient: CUSTOMER_2, senderId: w.numbers.support, text: OTHER_TEXT } })).status).toBe(201);
    expect(reply).toBeTruthy();

    const before = await scanAll();
    expect(holding(before, [CUSTOMER]).length).toBeGreaterThan(0);
    for (const text of TEXTS) expect(holding(before, [text]).length, text).toBeGreaterThan(0);
    expect(holding(before, [NAME]).length).toBeGreaterThan(0);

    // Messages still waiting to go need the number: nothing is erased until they have gone.
    const pending = await erase(CUSTOMER);
    expect(pending.status, pending.text).toBe(409);
    expect(pending.json).toMatchObject({ error: { code: 'ERASURE_MESSAGES_PENDING', details: { queued: 2, scheduled: 1 } } });
    expect(holding(await scanAll(), [NAME]).length).toBeGreaterThan(0);
    // The agent cancels the scheduled one; the provider has taken and delivered the others (the
    // dispatcher's outcome, written as it writes it).
    const cancelled = await srv.request('DELETE', `/api/scheduled-messages/${scheduledId}`, { headers: h.bea });
    expect(cancelled.status, cancelled.text).toBe(200);
    await tdb.db.updateTable('messages').set({ status: 'delivered', delivered_at: new Date() }).where('account_id', '=', w.accountId).where('direction', '=', 'out').execute();
    // STOP after the conversation: the opt-out and its ledger entry quote the number and the message.
    await inbound(CUSTOMER, 'STOP');

    const done = await erase(CUSTOMER);
    expect(done.status, done.text).toBe(200);
    const result = done.json as Record<string, number | string>;
    expect(result).toMatchObject({ messages: 4, conversations: 1, calls: 1, contacts: 1, optOuts: 1, consentChanges: 1, scheduledMessages: 1, idempotencyKeys: 1 });
    expect(result.events).toEqual(expect.any(Number));
    expect(Number(result.events)).toBeGreaterThan(0);

    // The hash is the HMAC-SHA-256 of the number under the account's own key.
    const { number_hash_key } = await sql<{ number_hash_key: Buffer | Uint8Array }>`select number_hash_key from accounts where id = ${w.accountId}`.execute(tdb.db).then((r) => r.rows[0]!);
    const expected = `erased:${createHmac('sha256', Buffer.from(number_hash_key)).update(CUSTOMER).digest('hex')}`;
    expect(result.numberHash).toBe(expected);

    const after = await scanAll();
    expect(holding(after, FORMS)).toEqual([]);
    expect(holding(after, TEXTS)).toEqual([]);
    expect(holding(after, [NAME, 'Zelda'])).toEqual([]);
    // The hash stands in the opt-out list and the ledger, and nowhere is more than that kept.
    expect(holding(after, [expected]).map((s) => s.split(':')[0]).sort()).toEqual(expect.arrayContaining(['consent_changes.number', 'opt_outs.number']));

    // The other customer is whole.
    expect(holding(after, [OTHER_TEXT]).some((s) => s.startsWith('messages.body'))).toBe(true);
    expect(holding(after, [OTHER_NAME]).some((s) => s.startsWith('contacts.name'))).toBe(true);
    expect(holding(after, [CUSTOMER_2]).length).toBeGreaterThan(0);

    // The opt-out still refuses a send, and the number check still says so.
    const refused = await srv.request('POST', '/api/direct/messages', { headers: h.bea, body: { recipient: CUSTOMER, senderId: w.numbers.support, text: 'Hello again' } });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.json).toMatchObject({ error: { code: 'RECIPIENT_OPTED_OUT' } });
    const check = await srv.request('GET', `/api/numbers/check?number=${encodeURIComponent(CUSTOMER)}`, { headers: h.bea });
    expect(check.json).toMatchObject({ optedOut: true, contactName: null });

    // Audited: who, when, the hash, the counts.
    const trail = await srv.request('GET', '/api/admin/audit?limit=5', { headers: h.cole });
    const entry = (trail.json as { entries: Array<Record<string, unknown>> }).entries.find((e) => e.what === 'customer.erased');
    expect(entry).toMatchObject({ actorId: w.agents.colleague, targetId: expected, after: { messages: 4 } });
    expect(typeof entry?.at).toBe('string');
  });

  it('erasing again is harmless, and the number can come back as a new customer', async () => {
    const again = await erase(`${CUSTOMER.slice(1)}`);
    expect(again.status, again.text).toBe(200);
    expect(again.json).toMatchObject({ messages: 0, conversations: 0, calls: 0, contacts: 0, optOuts: 0, consentChanges: 0, idempotencyKeys: 0 });
    expect(holding(await scanAll(), FORMS)).toEqual([]);

    // The customer writes START: their hashed opt-out is lifted, and they are a customer anew.
    await inbound(CUSTOMER, 'START');
    expect(await tdb.db.selectFrom('opt_outs').select('number').where('account_id', '=', w.accountId).execute()).toEqual([]);
    const sent = await srv.request('POST', '/api/direct/messages', { headers: h.bea, body: { recipient: CUSTOMER, senderId: w.numbers.support, text: 'Welcome back' } });
    expect(sent.status, sent.text).toBe(201);
    const check = await srv.request('GET', `/api/numbers/check?number=${encodeURIComponent(CUSTOMER)}`, { headers: h.bea });
    expect(check.json).toMatchObject({ optedOut: false });
  });

  it('an administrator can still lift an erased customer’s opt-out by their number, with a reason', async () => {
    await inbound(UK_CUSTOMER, 'STOP');
    const erased = await erase(UK_CUSTOMER);
    expect(erased.json).toMatchObject({ optOuts: 1 });
    const refused = await srv.request('POST', '/api/direct/messages', { headers: h.bea, body: { recipient: UK_CUSTOMER, senderId: w.numbers.support, text: 'Hello' } });
    expect(refused.json).toMatchObject({ error: { code: 'RECIPIENT_OPTED_OUT' } });

    const lifted = await srv.request('POST', `/api/admin/opt-outs/${encodeURIComponent(UK_CUSTOMER)}/removal`, { headers: h.cole, body: { reason: 'Asked us by phone to receive texts again' } });
    expect(lifted.status, lifted.text).toBe(200);
    const hash = (erased.json as { numberHash: string }).numberHash;
    expect(await tdb.db.selectFrom('opt_outs').select('number').where('account_id', '=', w.accountId).where('number', 'in', [hash, UK_CUSTOMER]).execute()).toEqual([]);
    const sent = await srv.request('POST', '/api/direct/messages', { headers: h.bea, body: { recipient: UK_CUSTOMER, senderId: w.numbers.support, text: 'Hello' } });
    expect(sent.status, sent.text).toBe(201);
  });

  it('an opt-out from the configuration file, once erased, is neither exported nor a reason to refuse the file again', async () => {
    const account = 'erase-cfg';
    const file = `account:\n  name: Erasure\noptOuts:\n  - number: "+33611112222"\n`;
    await applyConfigFile(tdb.db, { accountId: account, text: file, secretKey: null, dryRun: false });
    const r = await eraseCustomer(testDeps(tdb.db), { accountId: account, agentId: 'cli' }, { number: '+33611112222', confirmation: '+33611112222' });
    expect(r).toMatchObject({ optOuts: 1, consentChanges: 1 });
    const exported = await exportConfigFile(tdb.db, account);
    expect(exported).not.toContain('erased:');
    expect(exported).not.toContain('611112222');
    // Applying the export again changes nothing and the hashed opt-out stands.
    expect((await applyConfigFile(tdb.db, { accountId: account, text: exported, secretKey: null, dryRun: false })).changes).toEqual([]);
    expect(await tdb.db.selectFrom('opt_outs').select('number').where('account_id', '=', account).execute()).toEqual([{ number: r.numberHash }]);
  });
});
