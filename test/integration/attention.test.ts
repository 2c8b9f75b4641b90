// What needs the agent now, through the real server: each conversation in the lists with its
// unread count, last message and contact name, sorted by last activity; the read state per agent
// (forward only, capped, refused when out of reach) and its event, which reaches only that agent.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interactionListQuery, myInteractions, PREVIEW_CHARS, UNREAD_CAP } from '../../src/app/agent-views.js';
import { receiveInbound } from '../../src/app/receive-inbound.js';
import { applyStatusReport } from '../../src/db/outbox.js';
import { hashPassword } from '../../src/platform/password.js';
import { buildWorld, NUMBERS, testDeps, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

let tdb: TestDatabase;
let w: World;
let srv: TestServer;
const PASSWORD = 'correct horse battery staple';
type Headers = Record<string, string>;
const h = {} as Record<'sam' | 'cole' | 'dan' | 'olga', Headers>;
let n = 0;

interface Row {
  id: string;
  customerNumber: string;
  customerName: string | null;
  unread: number;
  lastActivityAt: string;
  lastMessage: { seq: number; direction: 'in' | 'out'; preview: string; at: string } | null;
}

async function login(agentId: string): Promise<Headers> {
  const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', agentId).executeTakeFirstOrThrow();
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  expect(r.status).toBe(200);
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': (r.json as { csrfToken: string }).csrfToken };
}

function customerWrites(from: string, body: string, to = NUMBERS.support) {
  return receiveInbound(testDeps(tdb.db), { accountId: w.accountId, provider: 'simulator', providerMessageId: `att-${++n}`, from, to, body, receivedAt: new Date() });
}

async function list(who: Headers, filter: 'open' | 'waiting' | 'closed'): Promise<Row[]> {
  const r = await srv.request('GET', `/api/interactions?filter=${filter}`, { headers: who });
  expect(r.status).toBe(200);
  return (r.json as { interactions: Row[] }).interactions;
}

const row = async (who: Headers, filter: 'open' | 'waiting' | 'closed', id: string) => (await list(who, filter)).find((r) => r.id === id);
const read = (who: Headers, id: string, body: unknown) => srv.request('POST', `/api/interactions/${encodeURIComponent(id)}/read`, { headers: who, body });

/** Sam takes a waiting conversation a customer opened. */
async function samHolds(from: string, body = 'Hello?'): Promise<string> {
  const r = await customerWrites(from, body);
  expect(r.route).toBe('waiting');
  const take = await srv.request('POST', `/api/interactions/${r.interactionId}/take`, { headers: h.sam });
  expect(take.status).toBe(200);
  return r.interactionId!;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).execute();
  // Sam holds many conversations here: his profile's limit is raised out of the way.
  const { profile_id } = await tdb.db.selectFrom('agents').select('profile_id').where('id', '=', w.agents.smartOnly).executeTakeFirstOrThrow();
  await tdb.db.updateTable('profiles').set({ max_interactions: 100 }).where('id', '=', profile_id!).execute();
  srv = await startTestServer(tdb, { eventPollMs: 200 });
  h.sam = await login(w.agents.smartOnly);
  h.cole = await login(w.agents.colleague);
  h.dan = await login(w.agents.directOnly);
  h.olga = await login(w.agents.other);
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

describe('the lists', () => {
  it('show the unread count, the last message (80 characters, its direction and time) and the contact name', async () => {
    const id = await samHolds('+33611000001', 'First question');
    await customerWrites('+33611000001', 'Second');
    await tdb.db.insertInto('contacts').values({ account_id: w.accountId, number: '+33611000001', name: 'Alice Martin' }).execute();
    let r = (await row(h.sam, 'open', id))!;
    expect(r.unread).toBe(2);
    expect(r.customerName).toBe('Alice Martin');
    expect(r.lastMessage).toMatchObject({ direction: 'in', preview: 'Second' });

    const long = `${'é'.repeat(PREVIEW_CHARS)}😀 and the rest`;
    await customerWrites('+33611000001', long);
    r = (await row(h.sam, 'open', id))!;
    expect(r.unread).toBe(3);
    expect(r.lastMessage!.preview).toBe(`${'é'.repeat(PREVIEW_CHARS)}…`);

    const sent = await srv.request('POST', `/api/interactions/${id}/messages`, { headers: h.sam, body: { text: 'We are on it.' } });
    expect(sent.status).toBe(201);
    r = (await row(h.sam, 'open', id))!;
    expect(r.lastMessage).toMatchObject({ direction: 'out', preview: 'We are on it.' });
    // Answering is not reading: the customer's three messages are still unread until the agent marks them.
    expect(r.unread).toBe(3);
    expect(Date.parse(r.lastMessage!.at)).toBeLessThanOrEqual(Date.parse(r.lastActivityAt));
  });

  it('sort by last activity: a reply or a send moves a conversation up, a delivery report does not', async () => {
    const a = await samHolds('+33611000002');
    await pause(5);
    const b = await samHolds('+33611000003');
    const order = async () => (await list(h.sam, 'open')).map((r) => r.id).filter((id) => id === a || id === b);
    expect(await order()).toEqual([b, a]);

    await pause(5);
    await customerWrites('+33611000002', 'Me again');
    expect(await order()).toEqual([a, b]);

    await pause(5);
    const sent = await srv.request('POST', `/api/interactions/${b}/messages`, { headers: h.sam, body: { text: 'Any news?' } });
    expect(sent.status).toBe(201);
    expect(await order()).toEqual([b, a]);

    // A's earlier outbound message is reported delivered: its conversation stays where it is.
    const out = await srv.request('POST', `/api/interactions/${a}/messages`, { headers: h.sam, body: { text: 'Noted.' } });
    const messageId = (out.json as { messageId: string }).messageId;
    await pause(5);
    await srv.request('POST', `/api/interactions/${b}/messages`, { headers: h.sam, body: { text: 'And again.' } });
    expect(await order()).toEqual([b, a]);
    const before = await tdb.db.selectFrom('interactions').select('updated_at').where('id', '=', a).executeTakeFirstOrThrow();
    await tdb.db.updateTable('messages').set({ status: 'sent', provider: 'simulator', provider_message_id: `sim-${messageId}` }).where('id', '=', messageId).execute();
    await pause(5);
    const outcome = await applyStatusReport(tdb.db, { accountId: w.accountId, provider: 'simulator', providerMessageId: `sim-${messageId}`, status: 'delivered', at: new Date() });
    expect(outcome.kind).toBe('applied');
    const after = await tdb.db.selectFrom('interactions').select('updated_at').where('id', '=', a).executeTakeFirstOrThrow();
    expect(after.updated_at.getTime()).toBe(before.updated_at.getTime());
    expect(await order()).toEqual([b, a]);
  });

  it('cap the unread count, so a long unread thread is not counted whole', async () => {
    const id = await samHolds('+33611000004');
    const top = await tdb.db.selectFrom('messages').select('seq').where('interaction_id', '=', id).executeTakeFirstOrThrow();
    const rows = Array.from({ length: UNREAD_CAP + 5 }, (_, i) => ({
      id: `flood-${i}-${id}`,
      account_id: w.accountId,
      interaction_id: id,
      direction: 'in' as const,
      status: 'received' as const,
      from_address: '+33611000004',
      to_address: NUMBERS.support,
      body: `flood ${i}`,
      encoding: 'GSM-7' as const,
      units: 7,
      segments: 1,
      credits: 0,
    }));
    await tdb.db.insertInto('messages').values(rows).execute();
    expect((await row(h.sam, 'open', id))!.unread).toBe(UNREAD_CAP);
    // Reading up to the first message leaves the flood unread, still capped.
    expect((await read(h.sam, id, { seq: Number(top.seq) })).status).toBe(200);
    expect((await row(h.sam, 'open', id))!.unread).toBe(UNREAD_CAP);
  });

  it('show a waiting conversation to every member of its queue, with its own unread count per agent', async () => {
    const r = await customerWrites('+33611000005', 'Anyone?');
    const id = r.interactionId!;
    expect((await row(h.sam, 'waiting', id))!.unread).toBe(1);
    expect((await row(h.cole, 'waiting', id))!.unread).toBe(1);
    const seq = (await row(h.cole, 'waiting', id))!.lastMessage!.seq;
    expect((await read(h.cole, id, { seq })).status).toBe(200);
    expect((await row(h.cole, 'waiting', id))!.unread).toBe(0);
    expect((await row(h.sam, 'waiting', id))!.unread).toBe(1);
    expect(await row(h.dan, 'waiting', id)).toBeUndefined();
  });

  it('choose the page from interactions in the order of an index (0014), then read the messages of its rows only (0013)', async () => {
    const actor = { accountId: w.accountId, agentId: w.agents.smartOnly };
    // More conversations in each list than the page holds: the per-row reads must run for the page alone.
    for (const from of ['+33611000020', '+33611000021', '+33611000022']) await samHolds(from);
    for (const from of ['+33611000023', '+33611000024', '+33611000025']) expect((await customerWrites(from, 'Waiting here')).route).toBe('waiting');
    const PAGE = 2;
    const planOf = (filter: 'open' | 'waiting' | 'closed') =>
      tdb.db.transaction().execute(async (trx) => {
        // Tables this small are cheaper to scan: forbid it, so the plan shows which indexes the query can use.
        await sql`set local enable_seqscan = off`.execute(trx);
        const compiled = interactionListQuery(trx, actor, filter, PAGE).compile();
        const r = await trx.executeQuery<{ 'QUERY PLAN': string }>({ ...compiled, sql: `explain (analyze, costs off, timing off) ${compiled.sql}` });
        return r.rows.map((x) => x['QUERY PLAN']).join('\n');
      });
    const loops = (plan: string, index: string) => Number(new RegExp(String.raw`${index}.*loops=(\d+)`).exec(plan)?.[1]);
    for (const filter of ['open', 'waiting'] as const) {
      expect((await myInteractions(testDeps(tdb.db), actor, filter, 50)).length).toBeGreaterThan(PAGE);
      const plan = await planOf(filter);
      expect(plan).toMatch(filter === 'open' ? /interactions_agent_list/ : /interactions_waiting_list/);
      expect(plan).not.toMatch(/Seq Scan on (messages|interactions)/);
      // The last message and the unread count are read once per row of the page, not per conversation of the list.
      expect(loops(plan, 'messages_by_interaction_seq')).toBe(PAGE);
      expect(loops(plan, 'messages_inbound_by_interaction')).toBe(PAGE);
    }
    expect(await planOf('closed')).toMatch(/interactions_agent_list/);
    // The function the benchmark measures answers the same rows as the API.
    expect((await myInteractions(testDeps(tdb.db), actor, 'open')).map((r) => r.id)).toEqual((await list(h.sam, 'open')).map((r) => r.id));
  });
});

describe('POST /api/interactions/{id}/read', () => {
  it('keeps the furthest mark, caps it at the last message, and repeats without effect', async () => {
    const id = await samHolds('+33611000010', 'one');
    await customerWrites('+33611000010', 'two');
    const last = (await row(h.sam, 'open', id))!.lastMessage!.seq;

    let r = await read(h.sam, id, { seq: last - 1 });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ interactionId: id, lastReadSeq: last - 1, changed: true });
    expect((await row(h.sam, 'open', id))!.unread).toBe(1);

    r = await read(h.sam, id, { seq: last + 1_000 });
    expect(r.json).toEqual({ interactionId: id, lastReadSeq: last, changed: true });
    expect((await row(h.sam, 'open', id))!.unread).toBe(0);

    r = await read(h.sam, id, { seq: last });
    expect(r.json).toEqual({ interactionId: id, lastReadSeq: last, changed: false });
    r = await read(h.sam, id, { seq: 0 });
    expect(r.json).toEqual({ interactionId: id, lastReadSeq: last, changed: false });

    // A new message is unread again; the stored mark survives (another device reads the same list).
    await customerWrites('+33611000010', 'three');
    const again = await login(w.agents.smartOnly);
    expect((await row(again, 'open', id))!.unread).toBe(1);
  });

  it('tells the agent’s other tabs, once, and nobody else', async () => {
    const id = await samHolds('+33611000011');
    const seq = (await row(h.sam, 'open', id))!.lastMessage!.seq;
    const tab2 = await srv.openEvents(h.sam);
    const cole = await srv.openEvents(h.cole);
    try {
      await Promise.all([read(h.sam, id, { seq }), read(h.sam, id, { seq })]);
      const e = await tab2.waitFor('interaction.read', (d) => d.interactionId === id);
      expect(e.data).toMatchObject({ interactionId: id, seq });
      // A marker event after it: once it arrives, anything the reads wrote has arrived too.
      await customerWrites('+33611000011', 'marker');
      await tab2.waitFor('message.received', (d) => d.interactionId === id);
      expect(tab2.received.filter((x) => x.type === 'interaction.read' && x.data.interactionId === id)).toHaveLength(1);
      await pause(400);
      expect(cole.received.some((x) => x.type === 'interaction.read')).toBe(false);
    } finally {
      tab2.close();
      cole.close();
    }
  });

  it('answers NOT_FOUND for a conversation the agent may not see, and VALIDATION_FAILED for a bad mark', async () => {
    const id = await samHolds('+33611000012');
    for (const who of [h.cole, h.dan, h.olga]) {
      const r = await read(who, id, { seq: 1 });
      expect(r.status).toBe(404);
      expect((r.json as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
    expect((await read(h.sam, 'no-such-conversation', { seq: 1 })).status).toBe(404);
    for (const body of [{}, { seq: -1 }, { seq: 1.5 }, { seq: '12' }, { seq: null }, { seq: 1, extra: true }, { seq: 2 ** 60 }, []]) {
      const r = await read(h.sam, id, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect((r.json as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    }
    const anonymous = await read({}, id, { seq: 1 });
    expect(anonymous.status).toBe(401);
    // Nothing was stored by the refusals.
    const stored = await tdb.db.selectFrom('interaction_reads').select('agent_id').where('interaction_id', '=', id).execute();
    expect(stored).toEqual([]);
  });

  it('still reads a conversation the agent held once it is closed', async () => {
    const id = await samHolds('+33611000013');
    expect((await srv.request('POST', `/api/interactions/${id}/close`, { headers: h.sam })).status).toBe(200);
    const r = (await row(h.sam, 'closed', id))!;
    expect(r.unread).toBe(1);
    expect((await read(h.sam, id, { seq: r.lastMessage!.seq })).status).toBe(200);
    expect((await row(h.sam, 'closed', id))!.unread).toBe(0);
  });
});
