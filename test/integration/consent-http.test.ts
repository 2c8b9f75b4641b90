// The consent routes through the real HTTP server: an administrator adds, removes (a reason is
// required) and imports opt-outs and exports the ledger; an integration's token with the consent
// scope records opt-outs but never lifts a customer's; an agent opts a customer out from the
// message that asked; a number's keyword settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveInbound } from '../../src/app/receive-inbound.js';
import { hashPassword } from '../../src/platform/password.js';
import { buildWorld, CUSTOMER, NUMBERS, testDeps, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

let tdb: TestDatabase;
let w: World;
let srv: TestServer;
let admin: Record<string, string>;
let agent: Record<string, string>;
const PASSWORD = 'correct horse battery staple';
let seq = 0;

async function login(agentId: string): Promise<Record<string, string>> {
  const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', agentId).executeTakeFirstOrThrow();
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  expect(r.status).toBe(200);
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': (r.json as { csrfToken: string }).csrfToken };
}
const inbound = (from: string, body: string) =>
  receiveInbound(testDeps(tdb.db), { accountId: w.accountId, provider: 'simulator', providerMessageId: `ch-${++seq}`, from, to: NUMBERS.support, body, receivedAt: new Date() });
const enc = encodeURIComponent;

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

describe('administrators', () => {
  it('add, remove with a reason, list with the source', async () => {
    const n = '+33622220001';
    const add = await srv.request('POST', '/api/admin/opt-outs', { headers: admin, body: { number: '06 22 22 00 01'.replace(/^0/, '+33 '), note: 'Called to complain' } });
    expect(add.status, add.text).toBe(200);
    expect(add.json).toEqual({ number: n, outcome: 'opted_out' });
    const noReason = await srv.request('POST', `/api/admin/opt-outs/${enc(n)}/removal`, { headers: admin, body: { reason: '' } });
    expect(noReason.status).toBe(400);
    expect((noReason.json as { error: { code: string; details: { field: string } } }).error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'reason' } });
    const del = await srv.request('POST', `/api/admin/opt-outs/${enc(n)}/removal`, { headers: admin, body: { reason: 'Entered by mistake' } });
    expect(del.json).toEqual({ number: n, outcome: 'opted_in' });
    const again = await srv.request('POST', `/api/admin/opt-outs/${enc(n)}/removal`, { headers: admin, body: { reason: 'Entered by mistake' } });
    expect(again.status).toBe(404);
    const ledger = await srv.request('GET', `/api/admin/consent-changes?number=${enc(n)}`, { headers: admin });
    const entries = (ledger.json as { entries: Array<{ action: string; source: string; actorName: string; note: string }> }).entries;
    expect(entries.map((e) => [e.action, e.source, e.note])).toEqual([['opt_in', 'admin', 'Entered by mistake'], ['opt_out', 'admin', 'Called to complain']]);
    expect(entries[0]!.actorName).toBeTruthy();
    const agentTries = await srv.request('POST', '/api/admin/opt-outs', { headers: agent, body: { number: n } });
    expect(agentTries.status).toBe(403);
  });

  it('import a CSV file: one result per row, a customer’s opt-out stands', async () => {
    await inbound(CUSTOMER, 'STOP');
    const r = await srv.request('POST', '/api/admin/opt-outs/import', { headers: admin, body: { fileName: 'crm.csv', csv: `number,action\n${CUSTOMER},opt_in\n+33622220002,stop\nbad,stop\n` } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ fileName: 'crm.csv', counts: { refused: 1, opted_out: 1, invalid: 1, opted_in: 0, unchanged: 0 } });
    const bad = await srv.request('POST', '/api/admin/opt-outs/import', { headers: admin, body: { csv: 'phone\n+33622220003\n' } });
    expect(bad.status).toBe(400);
    expect((bad.json as { error: { details: { reason: string } } }).error.details.reason).toBe('BAD_HEADER');
  });

  it('export the ledger as CSV and JSON lines', async () => {
    const csv = await srv.request('GET', '/api/admin/consent-changes/export?format=csv', { headers: admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="consent-.*\.csv"/);
    expect(csv.text.split('\r\n')[0]).toBe('id,at,number,action,source,byCustomer,keyword,messageId,actor,actorName,note,evidence');
    expect(csv.text).toContain('crm.csv');
    const jsonl = await srv.request('GET', `/api/admin/consent-changes/export?format=jsonl&number=${enc(CUSTOMER)}`, { headers: admin });
    const lines = jsonl.text.trim().split('\n').map((l) => JSON.parse(l) as { source: string; evidence: { text: string } });
    expect(lines).toEqual([expect.objectContaining({ source: 'keyword', evidence: expect.objectContaining({ text: 'STOP' }) })]);
  });

  it('set a number’s keyword settings; a bad one is refused', async () => {
    const put = await srv.request('PUT', `/api/admin/sms-numbers/${w.numbers.support}/keywords`, { headers: admin, body: { extra: { stop: ['BASTA'] }, autoAnswer: { help: true } } });
    expect(put.status, put.text).toBe(200);
    expect(put.json).toMatchObject({ language: 'fr', settings: { extra: { stop: ['BASTA'] }, autoAnswer: { help: true, stop: false } } });
    const bad = await srv.request('PUT', `/api/admin/sms-numbers/${w.numbers.support}/keywords`, { headers: admin, body: { enabled: { maybe: true } } });
    expect(bad.status).toBe(400);
    expect((await inbound('+33622220009', 'Basta')).optOut).toBe('stop');
  });
});

describe('integrations and agents', () => {
  it('a token with the consent scope records opt-outs, never lifts a customer’s; a telephony token may not', async () => {
    const created = await srv.request('POST', '/api/admin/api-tokens', { headers: admin, body: { name: 'CRM sync', scopes: ['consent'] } });
    expect(created.status, created.text).toBe(201);
    const bearer = { authorization: `Bearer ${(created.json as { token: string }).token}` };
    const lift = await srv.request('POST', '/api/consent/opt-outs', { headers: bearer, body: { number: CUSTOMER, action: 'opt_in' } });
    expect(lift.status).toBe(409);
    expect((lift.json as { error: { code: string } }).error.code).toBe('OPT_OUT_BY_CUSTOMER');
    const add = await srv.request('POST', '/api/consent/opt-outs', { headers: bearer, body: { number: '+33622220004', action: 'opt_out' } });
    expect(add.json).toEqual({ number: '+33622220004', outcome: 'opted_out' });
    const row = await tdb.db.selectFrom('consent_changes').select(['source', 'evidence']).where('number', '=', '+33622220004').executeTakeFirstOrThrow();
    expect(row).toEqual({ source: 'api', evidence: { tokenName: 'CRM sync' } });
    const tel = await srv.request('POST', '/api/admin/api-tokens', { headers: admin, body: { name: 'PBX', scopes: ['telephony'] } });
    const refused = await srv.request('POST', '/api/consent/opt-outs', { headers: { authorization: `Bearer ${(tel.json as { token: string }).token}` }, body: { number: '+33622220005', action: 'opt_out' } });
    expect(refused.status).toBe(403);
  });

  it('an agent opts a customer out from the message that asked, with a note', async () => {
    const c = '+33622220006';
    const m = await inbound(c, 'ne plus m’envoyer de SMS svp');
    const path = `/api/numbers/${enc(c)}/opt-out`;
    expect((await srv.request('POST', path, { headers: agent, body: { note: '', messageId: m.messageId } })).status).toBe(400);
    const other = await inbound('+33622220007', 'hello');
    expect((await srv.request('POST', path, { headers: agent, body: { note: 'Asked by SMS', messageId: other.messageId } })).status).toBe(404);
    const ok = await srv.request('POST', path, { headers: agent, body: { note: 'Asked by SMS', messageId: m.messageId } });
    expect(ok.json).toEqual({ number: c, outcome: 'opted_out' });
    const facts = await tdb.db.selectFrom('opt_outs').select(['source', 'by_customer']).where('number', '=', c).executeTakeFirstOrThrow();
    expect(facts).toEqual({ source: 'agent', by_customer: true });
  });
});
