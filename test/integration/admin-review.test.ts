// The review of uncertain submissions through the real HTTP server: administrators list the
// flagged messages and decide; refunds happen exactly once, two deciders get one winner and a
// 409, every decision is audited and reaches the agent's live stream, resend asks the provider
// first, and /metrics shows how many wait and for how long.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditBalance } from '../../src/db/credits.js';
import { applyStatusReport, claimDue, flagForReview } from '../../src/db/outbox.js';
import { hashPassword } from '../../src/platform/password.js';
import { FakeProvider } from '../fixtures/outbox/fake-provider.js';
import { buildWorld, CUSTOMER, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

const PASSWORD = 'correct horse battery staple';

let tdb: TestDatabase;
let w: World;
let server: TestServer;
const fake = new FakeProvider('fake');

interface Session {
  readonly headers: Record<string, string>;
}
let admin: Session;
let admin2: Session;
let agent: Session;
let otherAdmin: Session;

async function login(agentId: string): Promise<Session> {
  const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', agentId).executeTakeFirstOrThrow();
  const r = await server.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  expect(r.status).toBe(200);
  return { headers: { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': (r.json as { csrfToken: string }).csrfToken } };
}

type Json = Record<string, unknown> & { error?: { code: string; message?: string; details?: Record<string, unknown> } };
async function call(s: Session, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const r = await server.request(method, path, { headers: s.headers, ...(body !== undefined ? { body } : {}) });
  return { status: r.status, json: r.json as Json };
}

/** A Direct SMS the agent sends (debited through the real route), then flagged exactly as the dispatcher does. */
async function flagged(text = 'Your parcel is on its way'): Promise<string> {
  const r = await call(agent, 'POST', '/api/direct/messages', { recipient: CUSTOMER, senderId: w.numbers.direct, text });
  expect(r.status).toBe(201);
  const id = r.json.messageId as string;
  await tdb.db.updateTable('messages').set({ run_at: new Date(0) }).where('id', '=', id).execute();
  const claimed = await claimDue(tdb.db, { workerId: 'review-test', limit: 50, leaseMs: 60_000, horizonMs: 60_000 });
  expect(claimed.map((m) => m.id)).toContain(id);
  await tdb.db.updateTable('messages').set({ submitted_at: new Date() }).where('id', '=', id).execute();
  expect(await flagForReview(tdb.db, 'review-test', id, `connection reset before an answer (to ${CUSTOMER})`)).toBe(true);
  return id;
}

const message = (id: string) => tdb.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const refunds = (id: string) => tdb.db.selectFrom('credit_ledger').select('delta').where('message_id', '=', id).where('reason', '=', 'refund:review').execute();
const audits = (type: string, targetId: string) =>
  tdb.db.selectFrom('events').select(['payload']).where('account_id', '=', w.accountId).where('type', '=', type).where(({ eb }) => eb.ref('payload', '->>').key('targetId' as never), '=', targetId).execute();

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db, { credits: 100 });
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).execute();
  await tdb.db.updateTable('agents').set({ role: 'admin' }).where('id', 'in', [w.agents.colleague, w.agents.none, w.agents.other]).execute();
  server = await startTestServer(tdb, { eventPollMs: 100, app: { providers: async () => fake } });
  [admin, admin2, agent, otherAdmin] = [await login(w.agents.colleague), await login(w.agents.none), await login(w.agents.both), await login(w.agents.other)];
}, 60_000);

afterAll(async () => {
  await server?.close();
  await tdb?.close();
});

describe(`review of uncertain submissions (${process.env.SMSDESK_TEST_DB ?? 'pglite'})`, () => {
  it('abandoning a message a late report marked sent refunds nothing: the provider took it', async () => {
    const id = await flagged();
    await tdb.db.updateTable('messages').set({ status: 'sent' }).where('id', '=', id).execute();
    const before = await creditBalance(tdb.db, w.accountId);
    expect((await call(admin, 'POST', `/api/admin/review/${id}/decision`, { action: 'abandon' })).json).toMatchObject({ refunded: 0 });
    expect(await creditBalance(tdb.db, w.accountId)).toBe(before);
    expect(await refunds(id)).toEqual([]);
  });

  it('confirming with the provider id takes the delivery reports parked for it and lets later ones match', async () => {
    const provider = (await tdb.db.selectFrom('accounts').select('provider_type').where('id', '=', w.accountId).executeTakeFirstOrThrow()).provider_type ?? 'none';
    const early = await flagged();
    // The carrier's report came before anyone decided: it waits for a message with that id.
    expect(await applyStatusReport(tdb.db, { accountId: w.accountId, provider, providerMessageId: 'PRV-EARLY', status: 'delivered', at: new Date() })).toMatchObject({ kind: 'pending' });
    expect((await call(admin, 'POST', `/api/admin/review/${early}/decision`, { action: 'confirm-sent', providerMessageId: 'PRV-EARLY' })).status).toBe(200);
    expect(await message(early)).toMatchObject({ status: 'delivered', provider, provider_message_id: 'PRV-EARLY', needs_review: false });

    const later = await flagged();
    expect((await call(admin, 'POST', `/api/admin/review/${later}/decision`, { action: 'confirm-sent', providerMessageId: 'PRV-LATER' })).status).toBe(200);
    expect(await applyStatusReport(tdb.db, { accountId: w.accountId, provider, providerMessageId: 'PRV-LATER', status: 'undelivered', at: new Date() })).not.toMatchObject({ kind: 'pending' });
    expect(await message(later)).toMatchObject({ status: 'undelivered', provider });
  });

  it('lists what waits, longest first, with what is known and the recipient masked; agents are refused', async () => {
    const a = await flagged();
    const b = await flagged();
    const r = await call(admin, 'GET', '/api/admin/review');
    expect(r.status).toBe(200);
    const items = r.json.items as Record<string, unknown>[];
    const ids = items.map((i) => i.messageId);
    expect(ids.indexOf(a)).toBeLessThan(ids.indexOf(b));
    const first = items.find((i) => i.messageId === a)!;
    expect(first).toMatchObject({ status: 'sending', provider: 'simulator', agentId: w.agents.both, credits: 1, from: expect.any(String) });
    expect(first.agentName).toEqual(expect.any(String));
    expect(first.ageSeconds).toEqual(expect.any(Number));
    expect(String(first.to)).not.toContain(CUSTOMER.slice(3));
    expect(String(first.to)).toMatch(/^\+33•+78$/);
    expect(String(first.lastError)).toContain('connection reset');
    expect(String(first.lastError)).not.toContain(CUSTOMER);
    expect(r.json.total).toBeGreaterThanOrEqual(2);
    expect((await call(agent, 'GET', '/api/admin/review')).status).toBe(403);
    expect((await call(agent, 'POST', `/api/admin/review/${a}/decision`, { action: 'abandon' })).status).toBe(403);
    // Another account's administrator neither sees nor decides them.
    expect((await call(otherAdmin, 'GET', '/api/admin/review')).json).toEqual({ items: [], total: 0 });
    const foreign = await call(otherAdmin, 'POST', `/api/admin/review/${a}/decision`, { action: 'abandon' });
    expect(foreign.status).toBe(404);
    expect(foreign.json.error).toMatchObject({ code: 'NOT_FOUND', details: { field: 'messageId' } });
    // Clean up for the other tests' counts.
    for (const id of [a, b]) expect((await call(admin, 'POST', `/api/admin/review/${id}/decision`, { action: 'confirm-sent' })).status).toBe(200);
  });

  it('abandon fails the message and refunds it exactly once; a second decision is a 409; audited', async () => {
    const id = await flagged();
    const before = await creditBalance(tdb.db, w.accountId);
    const r = await call(admin, 'POST', `/api/admin/review/${id}/decision`, { action: 'abandon', note: 'customer called back' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ messageId: id, action: 'abandon', status: 'failed', refunded: 1 });
    expect(await message(id)).toMatchObject({ status: 'failed', needs_review: false, review_since: null });
    expect(await creditBalance(tdb.db, w.accountId)).toBe(before + 1);
    const again = await call(admin, 'POST', `/api/admin/review/${id}/decision`, { action: 'abandon' });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'REVIEW_ALREADY_DECIDED', details: { messageId: id, status: 'failed' } });
    expect(await creditBalance(tdb.db, w.accountId)).toBe(before + 1);
    expect(await refunds(id)).toHaveLength(1);
    const trail = await audits('admin.review.abandoned', id);
    expect(trail).toHaveLength(1);
    expect(trail[0]!.payload).toMatchObject({ actorId: w.agents.colleague, before: { status: 'sending' }, after: { status: 'failed', refunded: 1, note: 'customer called back' } });
  });

  it('two administrators deciding at once: one wins, the other gets a 409, one refund at most', async () => {
    for (let round = 0; round < 5; round++) {
      const id = await flagged();
      const [x, y] = await Promise.all([
        call(admin, 'POST', `/api/admin/review/${id}/decision`, { action: 'abandon' }),
        call(admin2, 'POST', `/api/admin/review/${id}/decision`, { action: round % 2 === 0 ? 'abandon' : 'confirm-sent' }),
      ]);
      expect([x.status, y.status].sort()).toEqual([200, 409]);
      const loser = x.status === 409 ? x : y;
      expect(loser.json.error?.code).toBe('REVIEW_ALREADY_DECIDED');
      const winnerAbandoned = (x.status === 200 ? x : y).json.action === 'abandon';
      expect(await refunds(id)).toHaveLength(winnerAbandoned ? 1 : 0);
      const decided = (await audits('admin.review.abandoned', id)).length + (await audits('admin.review.confirmed_sent', id)).length;
      expect(decided).toBe(1);
    }
  });

  it('resend only after the provider says it has no trace; otherwise refused with the reason, still under review', async () => {
    const id = await flagged();
    fake.reconcileAnswer = 'unknown';
    let r = await call(admin, 'POST', `/api/admin/review/${id}/decision`, { action: 'resend' });
    expect(r.status).toBe(409);
    expect(r.json.error).toMatchObject({ code: 'RESEND_NOT_SAFE', details: { reason: 'PROVIDER_CANNOT_TELL' } });
    expect(r.json.error?.message).toContain('twice');
    fake.reconcileAnswer = 'error';
    r = await call(admin, 'POST', `/api/admin/review/${id}/decision`, { action: 'resend' });
    expect(r.json.error).toMatchObject({ code: 'RESEND_NOT_SAFE', details: { reason: 'RECONCILIATION_FAILED' } });
    fake.reconcileAnswer = 'records';
    // The provider took it after all: the answer names its id so that it can be confirmed.
    const m = await message(id);
    await fake.submit({ messageId: id, accountId: w.accountId, from: m.from_address, to: m.to_address, body: m.body ?? '', encoding: m.encoding, segments: m.segments, attempt: 0 }, new AbortController().signal);
    r = await call(admin, 'POST', `/api/admin/review/${id}/decision`, { action: 'resend' });
    expect(r.json.error).toMatchObject({ code: 'RESEND_NOT_SAFE', details: { reason: 'PROVIDER_HAS_IT', providerMessageId: expect.any(String) } });
    expect(await message(id)).toMatchObject({ status: 'sending', needs_review: true });
    expect(await audits('admin.review.resent', id)).toHaveLength(0);
    const confirmed = await call(admin, 'POST', `/api/admin/review/${id}/decision`, { action: 'confirm-sent', providerMessageId: (r.json.error?.details as { providerMessageId: string }).providerMessageId });
    expect(confirmed.json).toMatchObject({ status: 'sent', refunded: 0 });

    // A delivery report that came in while it waited: the provider had it after all.
    const reported = await flagged();
    await tdb.db.updateTable('messages').set({ status: 'delivered' }).where('id', '=', reported).execute();
    r = await call(admin, 'POST', `/api/admin/review/${reported}/decision`, { action: 'resend' });
    expect(r.json.error).toMatchObject({ code: 'RESEND_NOT_SAFE', details: { reason: 'ALREADY_REPORTED', status: 'delivered' } });
    expect(await message(reported)).toMatchObject({ status: 'delivered', needs_review: true });
    expect((await call(admin, 'POST', `/api/admin/review/${reported}/decision`, { action: 'confirm-sent' })).json).toMatchObject({ status: 'delivered', refunded: 0 });

    const lost = await flagged();
    r = await call(admin, 'POST', `/api/admin/review/${lost}/decision`, { action: 'resend' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ action: 'resend', status: 'queued', refunded: 0 });
    expect(await message(lost)).toMatchObject({ status: 'queued', needs_review: false });
    const trail = await audits('admin.review.resent', lost);
    expect(trail[0]!.payload).toMatchObject({ after: { status: 'queued', reconciliation: expect.stringContaining('no trace') } });
  });

  it('the agent sees the message under review live, then the outcome', async () => {
    const stream = await server.openEvents(agent.headers);
    try {
      const id = await flagged();
      await stream.waitFor('message.status', (d) => d.messageId === id && d.needsReview === true && d.status === 'sending');
      expect((await call(admin, 'POST', `/api/admin/review/${id}/decision`, { action: 'confirm-sent' })).status).toBe(200);
      await stream.waitFor('message.status', (d) => d.messageId === id && d.needsReview === false && d.status === 'sent');
    } finally {
      stream.close();
    }
  });

  it('decides in bulk, each message answered on its own', async () => {
    const [a, b] = [await flagged(), await flagged()];
    const r = await call(admin, 'POST', '/api/admin/review/decisions', { action: 'abandon', messageIds: [a, b, 'no-such-message'] });
    expect(r.status).toBe(200);
    const results = r.json.results as Record<string, unknown>[];
    expect(results).toEqual([
      { messageId: a, action: 'abandon', status: 'failed', refunded: 1 },
      { messageId: b, action: 'abandon', status: 'failed', refunded: 1 },
      { messageId: 'no-such-message', error: { code: 'NOT_FOUND', details: { field: 'messageId' } } },
    ]);
    const bad = await call(admin, 'POST', '/api/admin/review/decisions', { action: 'forget', messageIds: [a] });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'action' } });
  });

  it('/metrics shows how many wait and for how long', async () => {
    const id = await flagged();
    await tdb.db.updateTable('messages').set({ review_since: new Date(Date.now() - 120_000) }).where('id', '=', id).execute();
    const text = (await server.request('GET', '/metrics')).text;
    const waiting = Number(/^smsdesk_review_waiting (\d+)/m.exec(text)?.[1]);
    const oldest = Number(/^smsdesk_review_oldest_seconds ([\d.e+]+)/m.exec(text)?.[1]);
    const actual = await tdb.db.selectFrom('messages').select(({ fn }) => fn.countAll<string>().as('n')).where('needs_review', '=', true).executeTakeFirstOrThrow();
    expect(waiting).toBe(Number(actual.n));
    expect(waiting).toBeGreaterThanOrEqual(1);
    expect(oldest).toBeGreaterThanOrEqual(119);
    await call(admin, 'POST', `/api/admin/review/${id}/decision`, { action: 'abandon' });
  });
});
