// Who is this customer, through the real server: contact names (agents, administrators, CSV),
// a number's timeline across the account (conversations, Direct SMS, calls, opt-out changes,
// who holds it now, what each agent may read), the opt-out history written by the inbound
// path, and the Direct SMS a reply answers shown in the thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveInbound, type InboundInput } from '../../src/app/receive-inbound.js';
import { registerCall } from '../../src/app/voice-calls.js';
import { hashPassword } from '../../src/platform/password.js';
import { buildWorld, CUSTOMER, CUSTOMER_2, NUMBERS, testDeps, UK_CUSTOMER, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

let tdb: TestDatabase;
let w: World;
let srv: TestServer;
const PASSWORD = 'correct horse battery staple';
type Who = 'bea' | 'sam' | 'dan' | 'cole' | 'olga';
const h = {} as Record<Who, Record<string, string>>;
let seq = 0;

async function login(agentId: string): Promise<Record<string, string>> {
  const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', agentId).executeTakeFirstOrThrow();
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  expect(r.status).toBe(200);
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': (r.json as { csrfToken: string }).csrfToken };
}

const inbound = (from: string, body: string, o: Partial<InboundInput> = {}) =>
  receiveInbound(testDeps(tdb.db), { accountId: w.accountId, provider: 'simulator', providerMessageId: `ct-${++seq}`, from, to: NUMBERS.support, body, receivedAt: new Date(), ...o });

async function sendDirect(who: Who, to: string, text: string, senderId = w.numbers.support): Promise<string> {
  const r = await srv.request('POST', '/api/direct/messages', { headers: h[who], body: { recipient: to, senderId, text } });
  expect(r.status, r.text).toBe(201);
  return (r.json as { messageId: string }).messageId;
}

interface Timeline {
  number: string;
  name: string | null;
  optedOut: boolean;
  holder: Record<string, unknown> | null;
  entries: Array<Record<string, unknown> & { kind: string; id: string; at: string }>;
  nextBefore: string | null;
}
async function timeline(who: Who, number: string, query = ''): Promise<Timeline> {
  const r = await srv.request('GET', `/api/numbers/${encodeURIComponent(number)}/timeline${query}`, { headers: h[who] });
  expect(r.status, r.text).toBe(200);
  return r.json as Timeline;
}

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).execute();
  await tdb.db.updateTable('agents').set({ role: 'admin' }).where('id', '=', w.agents.colleague).execute();
  // Bea may send Direct SMS from the Support number too: replies to them land in the Support queue.
  const { profile_id } = await tdb.db.selectFrom('agents').select('profile_id').where('id', '=', w.agents.both).executeTakeFirstOrThrow();
  await tdb.db.insertInto('profile_numbers').values({ profile_id: profile_id!, number_id: w.numbers.support }).execute();
  srv = await startTestServer(tdb);
  h.bea = await login(w.agents.both);
  h.sam = await login(w.agents.smartOnly);
  h.dan = await login(w.agents.directOnly);
  h.cole = await login(w.agents.colleague);
  h.olga = await login(w.agents.other);
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

describe('contact names (agents)', () => {
  it('are set trimmed, read back with who set them, and removed by an empty name', async () => {
    const put = await srv.request('PUT', `/api/contacts/${encodeURIComponent('+33 6 12 34 56 78')}`, { headers: h.bea, body: { name: '  Jane Doe  ' } });
    expect(put.status, put.text).toBe(200);
    expect(put.json).toMatchObject({ number: CUSTOMER, name: 'Jane Doe', updatedBy: 'Bea Both' });
    const row = await tdb.db.selectFrom('contacts').selectAll().where('number', '=', CUSTOMER).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ account_id: w.accountId, name: 'Jane Doe', updated_by: w.agents.both });

    // Sam renames: the last writer is kept.
    await srv.request('PUT', `/api/contacts/${encodeURIComponent(CUSTOMER)}`, { headers: h.sam, body: { name: 'Jane D.' } });
    const got = await srv.request('GET', `/api/contacts/${encodeURIComponent(CUSTOMER)}`, { headers: h.dan });
    expect(got.json).toMatchObject({ number: CUSTOMER, name: 'Jane D.', updatedBy: 'Sam Smart' });

    // Another account never sees it.
    const other = await srv.request('GET', `/api/contacts/${encodeURIComponent(CUSTOMER)}`, { headers: h.olga });
    expect(other.json).toMatchObject({ number: CUSTOMER, name: null });

    await srv.request('PUT', `/api/contacts/${encodeURIComponent(CUSTOMER_2)}`, { headers: h.bea, body: { name: 'Temp' } });
    const cleared = await srv.request('PUT', `/api/contacts/${encodeURIComponent(CUSTOMER_2)}`, { headers: h.bea, body: { name: '   ' } });
    expect(cleared.json).toMatchObject({ number: CUSTOMER_2, name: null });
    expect(await tdb.db.selectFrom('contacts').select('name').where('number', '=', CUSTOMER_2).executeTakeFirst()).toBeUndefined();
    await srv.request('PUT', `/api/contacts/${encodeURIComponent(CUSTOMER_2)}`, { headers: h.bea, body: { name: 'Temp' } });
    const del = await srv.request('DELETE', `/api/contacts/${encodeURIComponent(CUSTOMER_2)}`, { headers: h.bea });
    expect(del.status).toBe(200);
    expect(await tdb.db.selectFrom('contacts').select('name').where('number', '=', CUSTOMER_2).executeTakeFirst()).toBeUndefined();
  });

  it('refuse a bad name or number with a stable code, never a 500', async () => {
    const long = await srv.request('PUT', `/api/contacts/${encodeURIComponent(CUSTOMER)}`, { headers: h.bea, body: { name: 'x'.repeat(121) } });
    expect(long.status).toBe(400);
    expect(long.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'name', reason: 'NAME_TOO_LONG' } } });
    const ctl = await srv.request('PUT', `/api/contacts/${encodeURIComponent(CUSTOMER)}`, { headers: h.bea, body: { name: 'Jane\nDoe' } });
    expect(ctl.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'name', reason: 'NAME_CONTROL_CHARACTER' } } });
    for (const bad of ['0612345678', 'Support', '%2B1']) {
      const r = await srv.request('GET', `/api/contacts/${bad}`, { headers: h.bea });
      expect(r.status).toBe(422);
      expect(r.json).toMatchObject({ error: { code: 'INVALID_NUMBER' } });
    }
    const noBody = await srv.request('PUT', `/api/contacts/${encodeURIComponent(CUSTOMER)}`, { headers: h.bea, body: { nom: 'x' } });
    expect(noBody.status).toBe(400);
    const anonymous = await srv.request('GET', `/api/contacts/${encodeURIComponent(CUSTOMER)}`);
    expect(anonymous.status).toBe(401);
  });
});

describe('contact names (administrators)', () => {
  it('imports CSV: a report of accepted and refused lines, audited; then a paged search', async () => {
    const csv = ['number,name', '+447400123456,"Smith, John"', '0612345678,No country', '+33698765432,Zoe', '+33698765432,Zoe again', `+33612345678,${'y'.repeat(200)}`].join('\n');
    const r = await srv.request('POST', '/api/admin/contacts/import', { headers: h.cole, body: { csv } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({
      accepted: 2,
      created: 2,
      updated: 0,
      unchanged: 0,
      refused: [
        { line: 3, text: '0612345678,No country', reason: 'INVALID_NUMBER' },
        { line: 5, text: '+33698765432,Zoe again', reason: 'DUPLICATE_NUMBER' },
        { line: 6, text: `+33612345678,${'y'.repeat(200)}`.slice(0, 200), reason: 'NAME_TOO_LONG' },
      ],
    });
    const again = await srv.request('POST', '/api/admin/contacts/import', { headers: h.cole, body: { csv: 'number,name\n+447400123456,"Smith, John"\n+33698765432,Zoé' } });
    expect(again.json).toMatchObject({ accepted: 2, created: 0, updated: 1, unchanged: 1, refused: [] });
    const audit = await srv.request('GET', '/api/admin/audit', { headers: h.cole });
    expect((audit.json as { entries: { what: string }[] }).entries.filter((e) => e.what === 'contacts.imported')).toHaveLength(2);

    const bad = await srv.request('POST', '/api/admin/contacts/import', { headers: h.cole, body: { csv: 'phone,who\n+447400123456,x' } });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'csv', reason: 'BAD_HEADER' } } });
    const agentTries = await srv.request('POST', '/api/admin/contacts/import', { headers: h.bea, body: { csv } });
    expect(agentTries.status).toBe(403);

    const all = await srv.request('GET', '/api/admin/contacts?limit=2', { headers: h.cole });
    expect(all.json).toMatchObject({ total: 3, contacts: [{ name: 'Jane D.' }, { name: 'Smith, John', number: UK_CUSTOMER, updatedBy: 'Cole Colleague' }] });
    const page2 = await srv.request('GET', '/api/admin/contacts?limit=2&offset=2', { headers: h.cole });
    expect(page2.json).toMatchObject({ total: 3, contacts: [{ name: 'Zoé', number: CUSTOMER_2 }] });
    const byName = await srv.request('GET', '/api/admin/contacts?q=smi', { headers: h.cole });
    expect((byName.json as { contacts: { number: string }[] }).contacts.map((c) => c.number)).toEqual([UK_CUSTOMER]);
    const byNumber = await srv.request('GET', `/api/admin/contacts?q=${encodeURIComponent('+33 6 98')}`, { headers: h.cole });
    expect((byNumber.json as { contacts: { number: string }[] }).contacts.map((c) => c.number)).toEqual([CUSTOMER_2]);
    const wildcard = await srv.request('GET', '/api/admin/contacts?q=%25', { headers: h.cole });
    expect(wildcard.json).toMatchObject({ total: 0 });

    const put = await srv.request('PUT', `/api/admin/contacts/${encodeURIComponent(UK_CUSTOMER)}`, { headers: h.cole, body: { name: 'John Smith' } });
    expect(put.json).toMatchObject({ name: 'John Smith' });
    const trail = await srv.request('GET', '/api/admin/audit', { headers: h.cole });
    expect((trail.json as { entries: { what: string; before: unknown; after: unknown }[] }).entries[0]).toMatchObject({ what: 'contact.updated', before: { name: 'Smith, John' }, after: { name: 'John Smith' } });
  });
});

describe('contact import at its documented size', () => {
  it('takes 10,000 lines in one request (more than the default body limit), and refuses line 10,001', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `+3361${String(i).padStart(7, '0')},Κωνσταντίνος Παπαδόπουλος ${i}`);
    const csv = ['number,name', ...lines].join('\n');
    expect(Buffer.byteLength(JSON.stringify({ csv }))).toBeGreaterThan(64 * 1024);
    const r = await srv.request('POST', '/api/admin/contacts/import', { headers: h.cole, body: { csv } });
    expect(r.status, r.text.slice(0, 300)).toBe(200);
    expect(r.json).toMatchObject({ accepted: 10_000, refused: [] });
    const tooMany = await srv.request('POST', '/api/admin/contacts/import', { headers: h.cole, body: { csv: `${csv}\n+33699999999,One more` } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'csv', reason: 'TOO_MANY_LINES' } } });
    // Other routes keep the small default.
    const big = await srv.request('PUT', `/api/contacts/${encodeURIComponent(CUSTOMER)}`, { headers: h.bea, body: { name: 'x'.repeat(100_000) } });
    expect(big.status).toBe(413);
    expect(big.json).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('a number’s timeline', () => {
  const NUMBER = '+33611223344';
  let directId: string;
  let conversationId: string;

  it('shows a Direct SMS to every agent of the account, its text only to its sender', async () => {
    directId = await sendDirect('bea', NUMBER, 'Your parcel is ready');
    const mine = await timeline('bea', NUMBER);
    expect(mine).toMatchObject({ number: NUMBER, name: null, optedOut: false, holder: null, nextBefore: null });
    expect(mine.entries).toEqual([expect.objectContaining({ kind: 'direct', id: directId, status: 'queued', agentName: 'Bea Both', from: NUMBERS.support, mine: true, body: 'Your parcel is ready' })]);
    const dans = await timeline('dan', NUMBER);
    expect(dans.entries).toEqual([expect.objectContaining({ kind: 'direct', id: directId, status: 'queued', agentName: 'Bea Both', mine: false, body: null })]);
    // Another account: nothing.
    expect((await timeline('olga', NUMBER)).entries).toEqual([]);
  });

  it('a reply to it carries the Direct SMS in the thread; the waiting conversation is the holder', async () => {
    const reply = await inbound(NUMBER, 'Thanks, I will pick it up');
    expect(reply.route).toBe('waiting');
    conversationId = reply.interactionId!;
    const stored = await tdb.db.selectFrom('messages').select('in_reply_to').where('id', '=', reply.messageId).executeTakeFirstOrThrow();
    expect(stored.in_reply_to).toBe(directId);

    // Sam (a member of Support) may read the waiting thread: the Direct SMS is above the reply, text included.
    const t = await srv.request('GET', `/api/interactions/${conversationId}/messages`, { headers: h.sam });
    expect(t.status).toBe(200);
    const [first] = (t.json as { messages: Array<{ id: string; inReplyTo: unknown }> }).messages;
    expect(first).toMatchObject({ id: reply.messageId, inReplyTo: { id: directId, body: 'Your parcel is ready', status: 'queued', agentName: 'Bea Both' } });

    // A second message joins the conversation: the conversation is now the latest exchange.
    const second = await inbound(NUMBER, 'See you');
    const s2 = await tdb.db.selectFrom('messages').select('in_reply_to').where('id', '=', second.messageId).executeTakeFirstOrThrow();
    expect(s2.in_reply_to).toBeNull();

    const tl = await timeline('sam', NUMBER);
    expect(tl.holder).toEqual({ state: 'waiting', interactionId: conversationId, queueName: 'Support' });
    expect(tl.entries[0]).toMatchObject({ kind: 'conversation', id: conversationId, status: 'waiting', queueName: 'Support', agentName: null, messageCount: 2, canOpen: true });
    expect((await timeline('dan', NUMBER)).entries[0]).toMatchObject({ kind: 'conversation', canOpen: false });

    const take = await srv.request('POST', `/api/interactions/${conversationId}/take`, { headers: h.sam });
    expect(take.status).toBe(200);
    const held = await timeline('bea', NUMBER);
    expect(held.holder).toEqual({ state: 'agent', interactionId: conversationId, agentId: w.agents.smartOnly, agentName: 'Sam Smart', queueName: 'Support', mine: false });
    expect(held.entries[0]).toMatchObject({ kind: 'conversation', status: 'progressing', agentName: 'Sam Smart', canOpen: false });
    expect((await timeline('sam', NUMBER)).holder).toMatchObject({ mine: true });
  });

  it('a reply after the window, or after a conversation moved, answers no Direct SMS', async () => {
    const other = '+33611223355';
    await sendDirect('bea', other, 'Old news');
    const late = await inbound(other, 'Hello?', { receivedAt: new Date(Date.now() + 8 * 86_400_000) });
    expect((await tdb.db.selectFrom('messages').select('in_reply_to').where('id', '=', late.messageId).executeTakeFirstOrThrow()).in_reply_to).toBeNull();
    // From a number no queue owns (the Direct number): it lands in the inbox, still linked.
    const third = '+33611223366';
    const d = await sendDirect('bea', third, 'From the direct line', w.numbers.direct);
    const r = await inbound(third, 'ok', { to: NUMBERS.direct });
    expect(r.route).toBe('unassigned');
    expect((await tdb.db.selectFrom('messages').select('in_reply_to').where('id', '=', r.messageId).executeTakeFirstOrThrow()).in_reply_to).toBe(d);
  });

  it('records opt-outs and opt-ins as they happen, and shows them with calls', async () => {
    const stop = await inbound(NUMBER, 'STOP');
    expect(stop.optOut).toBe('stop');
    const tl = await timeline('bea', NUMBER);
    expect(tl.optedOut).toBe(true);
    expect(tl.entries.find((e) => e.kind === 'consent')).toMatchObject({ action: 'opt_out', source: 'keyword', keyword: 'STOP' });
    await inbound(NUMBER, 'START');
    await inbound(NUMBER, 'START'); // not opted out any more: no change to record
    const rows = await tdb.db.selectFrom('consent_changes').selectAll().where('number', '=', NUMBER).orderBy('id').execute();
    expect(rows.map((r) => [r.action, r.source, r.keyword, r.account_id])).toEqual([
      ['opt_out', 'keyword', 'STOP', w.accountId],
      ['opt_in', 'keyword', 'START', w.accountId],
    ]);
    expect(rows[0]!.message_id).toBe(stop.messageId);

    await registerCall(testDeps(tdb.db), { accountId: w.accountId, agentId: w.agents.directOnly, externalCallId: 'call-tl-1', customerNumber: NUMBER });
    const after = await timeline('bea', NUMBER);
    expect(after.optedOut).toBe(false);
    expect(after.entries[0]).toMatchObject({ kind: 'call', status: 'active', agentName: 'Dan Direct' });
    expect(after.entries.map((e) => e.kind).sort()).toEqual(['call', 'consent', 'consent', 'conversation', 'direct']);
  });

  it('pages newest first without repeating or skipping, and the contact name comes with it', async () => {
    await srv.request('PUT', `/api/contacts/${encodeURIComponent(NUMBER)}`, { headers: h.dan, body: { name: 'Parcel customer' } });
    const full = await timeline('bea', NUMBER, '?limit=100');
    expect(full.name).toBe('Parcel customer');
    const seen: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const page: Timeline = await timeline('bea', NUMBER, `?limit=2${before ? `&before=${encodeURIComponent(before)}` : ''}`);
      seen.push(...page.entries.map((e) => `${e.kind}:${e.id}`));
      before = page.nextBefore;
      pages++;
    } while (before && pages < 10);
    expect(seen).toEqual(full.entries.map((e) => `${e.kind}:${e.id}`));
    expect(pages).toBe(3);
    const ats = full.entries.map((e) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);

    const bad = await srv.request('GET', `/api/numbers/not-a-number/timeline`, { headers: h.bea });
    expect(bad.json).toMatchObject({ error: { code: 'INVALID_NUMBER' } });
    const badLimit = await srv.request('GET', `/api/numbers/${encodeURIComponent(NUMBER)}/timeline?limit=1000`, { headers: h.bea });
    expect(badLimit.status).toBe(400);
    const junkCursor = await timeline('bea', NUMBER, '?before=junk|consent|x');
    expect(junkCursor.entries.length).toBe(full.entries.length);
  });

  it('names the caller in the agent’s calls in progress, from this account’s contacts only', async () => {
    // Dan's call with NUMBER (started above) is still in progress; NUMBER is 'Parcel customer'.
    const calls = await srv.request('GET', '/api/calls', { headers: h.dan });
    expect(calls.json, calls.text).toMatchObject({ calls: [{ customerNumber: NUMBER, customerName: 'Parcel customer' }] });
    await srv.request('PUT', `/api/contacts/${encodeURIComponent(NUMBER)}`, { headers: h.olga, body: { name: 'Another account’s name' } });
    const again = await srv.request('GET', '/api/calls', { headers: h.dan });
    expect(again.json).toMatchObject({ calls: [{ customerNumber: NUMBER, customerName: 'Parcel customer' }] });
  });

  it('tells the whole account when a name changes (contact.changed, naming no agent or queue), nothing for a name already gone, one event per import', async () => {
    const eventsOf = async () =>
      (await tdb.db.selectFrom('events').select(['id', 'account_id', 'agent_id', 'queue_id', 'payload']).where('type', '=', 'contact.changed').orderBy('id').execute()).map((e) => ({
        account: e.account_id,
        agent: e.agent_id,
        queue: e.queue_id,
        payload: typeof e.payload === 'string' ? (JSON.parse(e.payload) as unknown) : e.payload,
      }));
    const before = (await eventsOf()).length;
    await srv.request('PUT', `/api/contacts/${encodeURIComponent(NUMBER)}`, { headers: h.bea, body: { name: 'Parcel customer (Lyon)' } });
    await srv.request('DELETE', `/api/contacts/${encodeURIComponent(NUMBER)}`, { headers: h.bea });
    await srv.request('DELETE', `/api/contacts/${encodeURIComponent(NUMBER)}`, { headers: h.bea });
    await srv.request('POST', '/api/admin/contacts/import', { headers: h.cole, body: { csv: 'number,name\n+33611223355,One\n+33611223366,Two' } });
    const added = (await eventsOf()).slice(before);
    expect(added).toEqual([
      { account: w.accountId, agent: null, queue: null, payload: { number: NUMBER, name: 'Parcel customer (Lyon)' } },
      { account: w.accountId, agent: null, queue: null, payload: { number: NUMBER, name: null } },
      { account: w.accountId, agent: null, queue: null, payload: { number: null, name: null } },
    ]);
  });
});
