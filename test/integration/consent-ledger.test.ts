// The consent ledger on a real database (PGlite and PostgreSQL): every change with its source
// and evidence, append-only (the database refuses UPDATE and DELETE, but for a message's
// deletion and an erasure through smsdesk_consent_erase), imports and the API that try to undo
// a customer's opt-out, and the export.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLedger } from '../../src/app/consent/export-ledger.js';
import { adminAddOptOut, adminRemoveOptOut, agentOptOut, apiChangeOptOut, importOptOuts } from '../../src/app/consent/manage-opt-outs.js';
import { receiveInbound } from '../../src/app/receive-inbound.js';
import { DomainError } from '../../src/domain/errors.js';
import { buildWorld, CUSTOMER, CUSTOMER_2, NUMBERS, testDeps, UK_CUSTOMER, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

let tdb: TestDatabase;
let w: World;
let seq = 0;
const admin = () => ({ accountId: w.accountId, agentId: w.agents.colleague });
const inbound = (from: string, body: string) =>
  receiveInbound(testDeps(tdb.db), { accountId: w.accountId, provider: 'simulator', providerMessageId: `cl-${++seq}`, from, to: NUMBERS.support, body, receivedAt: new Date() });
const state = (number: string) => tdb.db.selectFrom('opt_outs').select(['source', 'by_customer', 'keyword']).where('account_id', '=', w.accountId).where('number', '=', number).executeTakeFirst();
const ledger = (number: string) =>
  tdb.db.selectFrom('consent_changes').selectAll().where('account_id', '=', w.accountId).where('number', '=', number).orderBy('id').execute();

async function refusal(p: Promise<unknown>): Promise<{ code: string; details: unknown }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, details: e.details };
    throw e;
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
});
afterAll(async () => {
  await tdb.close();
});

describe('the ledger’s evidence', () => {
  it('a keyword keeps the message, its text and that the customer made it', async () => {
    const r = await inbound(CUSTOMER, 'Arrêt SMS');
    expect(r.optOut).toBe('stop');
    const rows = await ledger(CUSTOMER);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'opt_out', source: 'keyword', message_id: r.messageId, by_customer: true });
    expect(rows[0]!.evidence).toMatchObject({ text: 'Arrêt SMS' });
    expect(await state(CUSTOMER)).toEqual({ source: 'keyword', by_customer: true, keyword: 'ARRÊT SMS' });
  });

  it('an agent’s opt-out needs a note and keeps the customer’s message', async () => {
    const m = await inbound(CUSTOMER_2, 'please stop texting me');
    expect(m.optOut).toBeNull();
    expect((await refusal(agentOptOut(testDeps(tdb.db), { accountId: w.accountId, agentId: w.agents.both }, { number: CUSTOMER_2, note: ' ', messageId: m.messageId }))).code).toBe('VALIDATION_FAILED');
    const r = await agentOptOut(testDeps(tdb.db), { accountId: w.accountId, agentId: w.agents.both }, { number: CUSTOMER_2, note: 'Asked in the thread', messageId: m.messageId });
    expect(r.outcome).toBe('opted_out');
    const rows = await ledger(CUSTOMER_2);
    expect(rows.at(-1)).toMatchObject({ source: 'agent', actor: w.agents.both, note: 'Asked in the thread', message_id: m.messageId, by_customer: true });
    expect(rows.at(-1)!.evidence).toMatchObject({ messageId: m.messageId, text: 'please stop texting me' });
  });

  it('an administrator’s removal needs a reason and is recorded with who did it', async () => {
    const n = '+33611000001';
    await adminAddOptOut(testDeps(tdb.db), admin(), { number: n, note: 'Complaint by phone' });
    expect((await refusal(adminRemoveOptOut(testDeps(tdb.db), admin(), n, { reason: '' }))).code).toBe('VALIDATION_FAILED');
    await adminRemoveOptOut(testDeps(tdb.db), admin(), n, { reason: 'Added by mistake' });
    expect(await state(n)).toBeUndefined();
    const rows = await ledger(n);
    expect(rows.map((r) => [r.action, r.source, r.actor, r.note])).toEqual([
      ['opt_out', 'admin', w.agents.colleague, 'Complaint by phone'],
      ['opt_in', 'admin', w.agents.colleague, 'Added by mistake'],
    ]);
  });
});

describe('precedence', () => {
  it('an import never lifts a customer’s opt-out, but lifts its own; each row has its result', async () => {
    await inbound(UK_CUSTOMER, 'STOP');
    const first = await importOptOuts(testDeps(tdb.db), admin(), { fileName: 'crm.csv', csv: 'number,action\n+33622000001,stop\n' });
    expect(first.counts.opted_out).toBe(1);
    const r = await importOptOuts(testDeps(tdb.db), admin(), { fileName: 'crm-2.csv', csv: `number,action,note\n${UK_CUSTOMER},start,resubscribed in CRM\n+33622000001,start,\nnot a number,start,\n` });
    expect(r.rows).toEqual([
      { line: 2, number: UK_CUSTOMER, outcome: 'refused', reason: 'OPT_OUT_BY_CUSTOMER' },
      { line: 3, number: '+33622000001', outcome: 'opted_in' },
      { line: 4, number: null, outcome: 'invalid', reason: 'INVALID_NUMBER' },
    ]);
    expect(await state(UK_CUSTOMER)).toMatchObject({ source: 'keyword', by_customer: true });
    const imported = await ledger('+33622000001');
    expect(imported.map((x) => [x.action, x.source])).toEqual([['opt_out', 'import'], ['opt_in', 'import']]);
    expect(imported[1]!.evidence).toEqual({ importId: r.importId, fileName: 'crm-2.csv', line: 3 });
  });

  it('the API never lifts a customer’s opt-out; the customer’s START does', async () => {
    const token = { accountId: w.accountId, tokenId: 'tok-1', tokenName: 'CRM sync' };
    const refused = await refusal(apiChangeOptOut(testDeps(tdb.db), token, { number: UK_CUSTOMER, action: 'opt_in' }));
    expect(refused).toEqual({ code: 'OPT_OUT_BY_CUSTOMER', details: { number: UK_CUSTOMER } });
    expect(await state(UK_CUSTOMER)).toBeDefined();
    await inbound(UK_CUSTOMER, 'start');
    expect(await state(UK_CUSTOMER)).toBeUndefined();
    const viaApi = await apiChangeOptOut(testDeps(tdb.db), token, { number: '+33633000001', action: 'opt_out' });
    expect(viaApi.outcome).toBe('opted_out');
    expect((await ledger('+33633000001'))[0]).toMatchObject({ source: 'api', actor: 'tok-1', evidence: { tokenName: 'CRM sync' }, by_customer: false });
  });

  it('a keyword STOP over an imported opt-out makes it the customer’s', async () => {
    await importOptOuts(testDeps(tdb.db), admin(), { csv: 'number\n+33644000001\n' });
    const n = '+33644000001';
    expect(await state(n)).toMatchObject({ source: 'import', by_customer: false });
    await receiveInbound(testDeps(tdb.db), { accountId: w.accountId, provider: 'simulator', providerMessageId: `cl-${++seq}`, from: n, to: NUMBERS.support, body: 'STOP', receivedAt: new Date() });
    expect(await state(n)).toMatchObject({ source: 'keyword', by_customer: true });
    const r = await importOptOuts(testDeps(tdb.db), admin(), { csv: 'number,action\n+33644000001,opt_in\n' });
    expect(r.rows[0]).toMatchObject({ outcome: 'refused' });
  });
});

describe('append-only', () => {
  it('the database refuses to change or delete a ledger row', async () => {
    const [row] = await ledger(CUSTOMER);
    await expect(sql`update consent_changes set note = 'edited' where id = ${row!.id}`.execute(tdb.db)).rejects.toThrow(/append-only/);
    await expect(sql`update consent_changes set action = 'opt_in' where id = ${row!.id}`.execute(tdb.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from consent_changes where id = ${row!.id}`.execute(tdb.db)).rejects.toThrow(/append-only/);
    expect(await ledger(CUSTOMER)).toEqual([row]);
  });

  it('a deleted message leaves the row, with the text kept in its evidence', async () => {
    const n = '+33655000001';
    const r = await receiveInbound(testDeps(tdb.db), { accountId: w.accountId, provider: 'simulator', providerMessageId: `cl-${++seq}`, from: n, to: NUMBERS.support, body: 'STOP', receivedAt: new Date() });
    await tdb.db.deleteFrom('events').where('account_id', '=', w.accountId).execute();
    await tdb.db.deleteFrom('messages').where('id', '=', r.messageId).execute();
    const [row] = await ledger(n);
    expect(row).toMatchObject({ message_id: null, evidence: { text: 'STOP' } });
  });

  it('an erasure replaces the number by its hash and drops the evidence, through its function only', async () => {
    const n = CUSTOMER_2;
    const before = await ledger(n);
    const { rows } = await sql<{ n: number }>`select smsdesk_consent_erase(${w.accountId}, ${n}, 'sha256:abc') as n`.execute(tdb.db);
    expect(Number(rows[0]!.n)).toBe(before.length);
    const after = await ledger('sha256:abc');
    expect(after.map((r) => [r.id, r.action, r.source, r.actor, r.evidence, r.message_id, r.note])).toEqual(before.map((r) => [r.id, r.action, r.source, r.actor, null, null, null]));
    // Even an erasure cannot rewrite what happened.
    await expect(
      tdb.db.transaction().execute(async (tx) => {
        await sql`select set_config('smsdesk.consent_erasure', 'on', true)`.execute(tx);
        await sql`update consent_changes set action = 'opt_in' where number = 'sha256:abc'`.execute(tx);
      }),
    ).rejects.toThrow(/an erasure may only/);
    // The flag does not outlive the function: a later update in the same transaction is refused.
    await expect(
      tdb.db.transaction().execute(async (tx) => {
        await sql`select smsdesk_consent_erase(${w.accountId}, 'sha256:abc', 'sha256:def')`.execute(tx);
        await sql`update consent_changes set note = 'x' where number = 'sha256:def'`.execute(tx);
      }),
    ).rejects.toThrow(/append-only/);
  });
});

describe('export', () => {
  it('streams the ledger as CSV and JSON lines, oldest first', async () => {
    const chunks: string[] = [];
    for await (const c of exportLedger(testDeps(tdb.db), admin(), 'csv')) chunks.push(c);
    const lines = chunks.join('').trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,number,action,source,byCustomer,keyword,messageId,actor,actorName,note,evidence');
    const total = await tdb.db.selectFrom('consent_changes').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', w.accountId).executeTakeFirstOrThrow();
    expect(lines).toHaveLength(Number(total.n) + 1);
    const jsonl: string[] = [];
    for await (const c of exportLedger(testDeps(tdb.db), admin(), 'jsonl', { number: '+33611000001' })) jsonl.push(c);
    const entries = jsonl.join('').trimEnd().split('\n').map((l) => JSON.parse(l) as { action: string; actorName: string | null; note: string });
    expect(entries.map((e) => e.action)).toEqual(['opt_out', 'opt_in']);
    expect(entries[1]!.note).toBe('Added by mistake');
  });
});
