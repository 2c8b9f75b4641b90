// The Sent view and Send again over real HTTP and a real database (run on PGlite and PostgreSQL):
// the agent's own Direct SMS newest first with the plain reason of a failure, paging, tenancy,
// and a resend that is a new message and a new debit, linked, checked again, and sent once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resendDirect } from '../../src/app/sent/resend-direct.js';
import { creditBalance } from '../../src/db/credits.js';
import { DomainError } from '../../src/domain/errors.js';
import { hashPassword } from '../../src/platform/password.js';
import { buildWorld, CUSTOMER, CUSTOMER_2, testDeps, UK_CUSTOMER, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

const PASSWORD = 'sent-view-password';
let tdb: TestDatabase;
let w: World;
let srv: TestServer;
interface Session {
  cookie: string;
  csrf: string;
}
let agent: Session;
let colleague: Session;
let other: Session;

interface SentRow {
  id: string;
  to: string;
  customerName: string | null;
  from: string;
  senderLabel: string | null;
  body: string;
  status: string;
  segments: number;
  credits: number;
  createdAt: string;
  updatedAt: string;
  errorCode: string | null;
  reason: string | null;
  resendOf: string | null;
  resentAs: string | null;
}
interface SentPage {
  messages: SentRow[];
  nextBefore: string | null;
}

const authed = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

async function login(agentId: string): Promise<Session> {
  const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', agentId).executeTakeFirstOrThrow();
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  expect(r.status).toBe(200);
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: (r.json as { csrfToken: string }).csrfToken };
}

async function send(s: Session, recipient: string, text: string, senderId = w.numbers.direct): Promise<string> {
  const r = await srv.request('POST', '/api/direct/messages', { headers: authed(s), body: { recipient, senderId, text } });
  expect(r.status, r.text).toBe(201);
  return (r.json as { messageId: string }).messageId;
}

async function page(s: Session, query = ''): Promise<SentPage> {
  const r = await srv.request('GET', `/api/direct/messages${query}`, { headers: { cookie: s.cookie } });
  expect(r.status, r.text).toBe(200);
  return r.json as SentPage;
}

/** What the dispatcher and a delivery report would leave on the row. */
async function fail(id: string, status: 'failed' | 'undelivered' | 'rejected', provider: string | null, errorCode: string | null): Promise<void> {
  await tdb.db.updateTable('messages').set({ status, provider, error_code: errorCode }).where('id', '=', id).execute();
}

const resend = (s: Session, id: string, headers: Record<string, string> = {}, lang = 'en') =>
  srv.request('POST', `/api/direct/messages/${encodeURIComponent(id)}/resend`, { headers: { ...authed(s), 'accept-language': lang, ...headers } });

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).execute();
  await tdb.db.updateTable('sms_numbers').set({ label: 'Support FR' }).where('id', '=', w.numbers.direct).execute();
  await tdb.db.insertInto('contacts').values({ account_id: w.accountId, number: CUSTOMER, name: 'Chloé Martin' }).execute();
  srv = await startTestServer(tdb);
  agent = await login(w.agents.both);
  colleague = await login(w.agents.colleague);
  other = await login(w.agents.other);
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

describe('GET /api/direct/messages', () => {
  it('lists the agent’s own Direct SMS newest first, with contact name, sender label, credits and the plain reason of a failure', async () => {
    const a = await send(agent, CUSTOMER, 'first');
    const b = await send(agent, CUSTOMER_2, 'second');
    const c = await send(agent, UK_CUSTOMER, 'third');
    await send(colleague, CUSTOMER, 'the colleague’s');
    await fail(b, 'undelivered', 'twilio', '30003');
    await fail(c, 'rejected', null, '0x0B ESME_RINVDSTADR');
    await tdb.db.updateTable('accounts').set({ provider_type: 'smpp' }).where('id', '=', w.accountId).execute();
    try {
      const { messages } = await page(agent);
      expect(messages.map((m) => m.id)).toEqual([c, b, a]);
      const [third, second, first] = messages;
      expect(first).toMatchObject({ to: CUSTOMER, customerName: 'Chloé Martin', senderLabel: 'Support FR', body: 'first', status: 'queued', segments: 1, credits: 1, errorCode: null, reason: null, resendOf: null, resentAs: null });
      expect(Date.parse(first!.createdAt)).not.toBeNaN();
      expect(second).toMatchObject({ customerName: null, status: 'undelivered', errorCode: '30003', reason: 'unreachable' });
      // Refused at submission: the row names no provider, the account's (SMPP here) reads the code.
      expect(third).toMatchObject({ status: 'rejected', errorCode: '0x0B ESME_RINVDSTADR', reason: 'invalid_number' });
    } finally {
      await tdb.db.updateTable('accounts').set({ provider_type: 'simulator' }).where('id', '=', w.accountId).execute();
    }
  });

  it('reads the report’s word when the code is empty (SMPP EXPIRED err:000)', async () => {
    const id = await send(agent, CUSTOMER, 'expires');
    await fail(id, 'undelivered', 'smpp', null);
    await tdb.db.insertInto('message_parts').values({ message_id: id, part_index: 0, account_id: w.accountId, provider: 'smpp', part_id: 'p-1', status: 'undelivered', word: 'EXPIRED', error_code: null, reported_at: new Date() }).execute();
    const row = (await page(agent)).messages.find((m) => m.id === id);
    expect(row).toMatchObject({ status: 'undelivered', errorCode: null, reason: 'expired' });
  });

  it('pages by cursor without gaps or repeats, and shows nothing of another agent or account', async () => {
    const all = (await page(agent, '?limit=200')).messages.map((m) => m.id);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const seen: string[] = [];
    let before: string | null = null;
    for (let i = 0; i < 10; i++) {
      const p: SentPage = await page(agent, `?limit=2${before ? `&before=${before}` : ''}`);
      seen.push(...p.messages.map((m) => m.id));
      before = p.nextBefore;
      if (!before) break;
    }
    expect(seen).toEqual(all);
    expect((await page(colleague)).messages.map((m) => m.body)).toEqual(['the colleague’s']);
    expect((await page(other)).messages).toEqual([]);
    // Another agent's id as a cursor reads nothing of theirs.
    const theirs = (await page(colleague)).messages[0]!.id;
    expect((await page(agent, `?before=${theirs}`)).messages).toEqual([]);
  });

  it('refuses a bad limit with a stable code', async () => {
    const r = await srv.request('GET', '/api/direct/messages?limit=0', { headers: { cookie: agent.cookie } });
    expect(r.status).toBe(400);
    expect((r.json as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    expect((await srv.request('GET', '/api/direct/messages')).status).toBe(401);
  });
});

describe('POST /api/direct/messages/:id/resend', () => {
  it('sends a failed message again: a new message, a new debit, linked both ways', async () => {
    const first = await send(agent, CUSTOMER, 'please arrive');
    await fail(first, 'failed', 'simulator', 'SIM_UNDELIVERABLE');
    const before = await creditBalance(tdb.db, w.accountId);
    const r = await resend(agent, first);
    expect(r.status, r.text).toBe(201);
    const again = r.json as { messageId: string; status: string; credits: number; resendOf: string; to: string };
    expect(again).toMatchObject({ status: 'queued', credits: 1, resendOf: first, to: CUSTOMER });
    expect(await creditBalance(tdb.db, w.accountId)).toBe(before - 1);
    const row = await tdb.db.selectFrom('messages').selectAll().where('id', '=', again.messageId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ resend_of: first, body: 'please arrive', to_address: CUSTOMER, sms_number_id: w.numbers.direct, agent_id: w.agents.both, interaction_id: null });
    const { messages } = await page(agent);
    expect(messages[0]).toMatchObject({ id: again.messageId, resendOf: first, resentAs: null });
    expect(messages.find((m) => m.id === first)).toMatchObject({ resentAs: again.messageId, reason: 'blocked_by_carrier' });

    // Once: a second press (another tab) is refused and names the resend.
    const twice = await resend(agent, first, {}, 'fr');
    expect(twice.status).toBe(409);
    expect(twice.json).toMatchObject({ error: { code: 'ALREADY_RESENT', details: { messageId: first, resentAs: again.messageId } } });
    expect((twice.json as { error: { message: string } }).error.message).toMatch(/déjà été renvoyé/);
  });

  it('sends it once when two presses race', async () => {
    const first = await send(agent, CUSTOMER_2, 'race');
    await fail(first, 'undelivered', 'vonage', '2');
    const answers = await Promise.all([resend(agent, first), resend(agent, first), resend(agent, first)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    const copies = await tdb.db.selectFrom('messages').select('id').where('resend_of', '=', first).execute();
    expect(copies).toHaveLength(1);
  });

  it('replays its answer for the same Idempotency-Key', async () => {
    const first = await send(agent, CUSTOMER, 'keyed');
    await fail(first, 'rejected', 'twilio', '21211');
    const a = await resend(agent, first, { 'idempotency-key': `resend-${first}` });
    const b = await resend(agent, first, { 'idempotency-key': `resend-${first}` });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.json).toEqual(a.json);
  });

  it('refuses what is not the agent’s, what did not fail, and what the rules now refuse', async () => {
    const theirs = await send(colleague, CUSTOMER, 'not yours');
    await fail(theirs, 'failed', 'simulator', 'SIM_UNDELIVERABLE');
    const notYours = await resend(agent, theirs);
    expect(notYours.status).toBe(404);
    expect((notYours.json as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect((await resend(other, theirs)).status).toBe(404);
    expect((await resend(agent, 'no-such-message')).status).toBe(404);

    const queued = await send(agent, CUSTOMER, 'still queued');
    const notFailed = await resend(agent, queued, {}, 'fr');
    expect(notFailed.status).toBe(409);
    expect(notFailed.json).toMatchObject({ error: { code: 'RESEND_NOT_FAILED', details: { messageId: queued, status: 'queued' } } });
    expect((notFailed.json as { error: { message: string } }).error.message).toMatch(/envoyé à nouveau/);
    await tdb.db.updateTable('messages').set({ status: 'delivered' }).where('id', '=', queued).execute();
    expect((await resend(agent, queued)).status).toBe(409);

    // The customer opted out since: the Direct send's own rule refuses it, nothing is debited.
    const optedOut = await send(agent, '+33611111111', 'before STOP');
    await fail(optedOut, 'undelivered', 'twilio', '30003');
    await tdb.db.insertInto('opt_outs').values({ account_id: w.accountId, number: '+33611111111', keyword: 'STOP' }).execute();
    const balance = await creditBalance(tdb.db, w.accountId);
    const refused = await resend(agent, optedOut);
    expect(refused.status).toBe(422);
    expect((refused.json as { error: { code: string } }).error.code).toBe('RECIPIENT_OPTED_OUT');
    expect(await creditBalance(tdb.db, w.accountId)).toBe(balance);
    expect(await tdb.db.selectFrom('messages').select('id').where('resend_of', '=', optedOut).execute()).toEqual([]);
  });

  it('refuses when credits ran out, and a later top-up lets it through', async () => {
    const first = await send(agent, CUSTOMER, 'no credits');
    await fail(first, 'failed', 'simulator', 'SIM_UNDELIVERABLE');
    const balance = await creditBalance(tdb.db, w.accountId);
    await tdb.db.updateTable('credit_buckets').set({ balance: '0' }).where('account_id', '=', w.accountId).execute();
    const r = await resend(agent, first);
    expect(r.status).toBe(402);
    expect((r.json as { error: { code: string } }).error.code).toBe('INSUFFICIENT_CREDITS');
    await tdb.db.updateTable('credit_buckets').set({ balance: String(balance) }).where('account_id', '=', w.accountId).where('bucket', '=', 0).execute();
    expect((await resend(agent, first)).status).toBe(201);
  });
});

describe('the resend use case checks the profile as it is now', () => {
  // Straight through the use case (no profile cache): the agent's profile changed since the first send.
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      if (e instanceof DomainError) return { code: e.code, details: e.details };
      throw e;
    }
    throw new Error('sent, but a refusal was expected');
  };

  it('refuses a sender no longer in the profile, then a country no longer authorized', async () => {
    const deps = testDeps(tdb.db);
    const actor = { accountId: w.accountId, agentId: w.agents.directOnly };
    const dan = await login(w.agents.directOnly);
    const toUk = await send(dan, UK_CUSTOMER, 'to the UK');
    await fail(toUk, 'undelivered', 'twilio', '30003');
    const { profile_id } = await tdb.db.selectFrom('agents').select('profile_id').where('id', '=', w.agents.directOnly).executeTakeFirstOrThrow();

    await tdb.db.updateTable('profiles').set({ authorized_countries: ['FR'] }).where('id', '=', profile_id!).execute();
    expect(await refusal(resendDirect(deps, actor, toUk))).toMatchObject({ code: 'COUNTRY_NOT_AUTHORIZED' });

    await tdb.db.updateTable('profiles').set({ authorized_countries: ['FR', 'GB'] }).where('id', '=', profile_id!).execute();
    await tdb.db.deleteFrom('profile_numbers').where('profile_id', '=', profile_id!).execute();
    await tdb.db.insertInto('profile_numbers').values({ profile_id: profile_id!, number_id: w.numbers.orphan }).execute();
    expect(await refusal(resendDirect(deps, actor, toUk))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'senderId', reason: 'NOT_ASSIGNED' } });
    expect(await tdb.db.selectFrom('messages').select('id').where('resend_of', '=', toUk).execute()).toEqual([]);

    // The sender back in the profile: it goes, as a new message from the same sender.
    await tdb.db.insertInto('profile_numbers').values({ profile_id: profile_id!, number_id: w.numbers.direct }).execute();
    const again = await resendDirect(deps, actor, toUk);
    expect(again.plan.sender.id).toBe(w.numbers.direct);
    expect(deps.wakes).toBeGreaterThan(0);
  });
});
