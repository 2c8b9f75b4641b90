// Idempotency-Key reservations are leased and completed by the send's own transaction: a key
// left by a crashed request answers 409 with Retry-After until its lease ends, then a retry
// sends; a late request whose key was taken over writes nothing; a refusal frees the key.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/app/context.js';
import { KeyTakenOver, sealWith, type KeyHold } from '../../src/app/idempotency-seal.js';
import { sendDirect } from '../../src/app/send-direct.js';
import { sendInInteraction } from '../../src/app/send-in-interaction.js';
import { startSmart } from '../../src/app/start-smart.js';
import { creditBalance } from '../../src/db/credits.js';
import { ConfigError } from '../../src/config/load-config.js';
import { loadServerConfig } from '../../src/config/server-config.js';
import { hashPassword } from '../../src/platform/password.js';
import { purgeIdempotencyKeys, startRetention } from '../../src/main/retention.js';
import { buildWorld, CUSTOMER, CUSTOMER_2, testDeps, type World } from '../fixtures/world.js';
import { openTestDatabase, TEST_DB_KIND, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

const PASSWORD = 'correct horse battery staple';
let tdb: TestDatabase;
let w: World;
let srv: TestServer;
let headers: Record<string, string>;
let smartHeaders: Record<string, string>;

async function login(agentId: string): Promise<Record<string, string>> {
  const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', agentId).executeTakeFirstOrThrow();
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  expect(r.status).toBe(200);
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': (r.json as { csrfToken: string }).csrfToken };
}

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).execute();
  srv = await startTestServer(tdb);
  headers = await login(w.agents.both);
  smartHeaders = await login(w.agents.smartOnly);
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

const direct = (text: string) => ({ recipient: CUSTOMER, senderId: w.numbers.direct, text });
const send = (key: string, body: unknown, h = headers, path = '/api/direct/messages') => srv.request('POST', path, { headers: { ...h, 'idempotency-key': key }, body });
const messagesWith = async (text: string) => (await tdb.db.selectFrom('messages').select('id').where('body', '=', text).execute()).map((m) => m.id);

/** The row a request leaves when its process dies after reserving the key: pending, with a lease. */
async function crashedReservation(key: string, body: unknown, path: string, owner: string, leaseSeconds: number): Promise<void> {
  // The hash of a request is taken over its method, path and body, as the server takes it.
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256').update(`POST ${path}\n${JSON.stringify(body)}`).digest('base64url');
  await sql`insert into idempotency_keys (account_id, agent_id, key, request_hash, response, lease_until, attempt)
    values (${w.accountId}, ${owner}, ${key}, ${hash}, null, now() + ${leaseSeconds} * interval '1 second', 'crashed-request')`.execute(tdb.db);
}

describe(`Idempotency-Key leases (${TEST_DB_KIND})`, () => {
  it('a key left by a crashed request answers 409 with the lease left in Retry-After, then is taken over and sends once', async () => {
    const body = direct('lease: taken over after the lease');
    await crashedReservation('crashed-1', body, '/api/direct/messages', w.agents.both, 2);
    const early = await send('crashed-1', body);
    expect(early.status).toBe(409);
    expect(early.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { reason: 'REQUEST_IN_PROGRESS' } } });
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(early.headers.get('retry-after'))).toBeLessThanOrEqual(2);
    expect(await messagesWith(body.text)).toEqual([]);

    await new Promise((r) => setTimeout(r, 2_100));
    const taken = await send('crashed-1', body);
    expect(taken.status).toBe(201);
    const ids = await messagesWith(body.text);
    expect(ids).toEqual([(taken.json as { messageId: string }).messageId]);
    const again = await send('crashed-1', body);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(taken.json);
    expect(await messagesWith(body.text)).toHaveLength(1);
  });

  it('an expired reservation is not taken over by another body (422), nor by two retries at once', async () => {
    const body = direct('lease: two retries at once');
    await crashedReservation('crashed-2', body, '/api/direct/messages', w.agents.both, -1);
    expect((await send('crashed-2', direct('another body'))).status).toBe(422);
    const answers = await Promise.all(Array.from({ length: 8 }, () => send('crashed-2', body)));
    const ids = await messagesWith(body.text);
    expect(ids).toHaveLength(1);
    // Each retry either got the one answer or was told the other retry is still running.
    for (const a of answers) {
      if (a.status === 201) expect((a.json as { messageId: string }).messageId).toBe(ids[0]);
      else expect(a.status).toBe(409);
    }
    expect(answers.some((a) => a.status === 201)).toBe(true);
  });

  it('a send stores its answer with the message: the key row holds the route’s answer, the lease cleared', async () => {
    const body = direct('lease: answer stored');
    const r = await send('stored-1', body);
    expect(r.status).toBe(201);
    const row = await tdb.db.selectFrom('idempotency_keys').selectAll().where('key', '=', 'stored-1').executeTakeFirstOrThrow();
    expect(row.response).toEqual({ status: 201, body: r.json });
    expect(row.lease_until).toBeNull();
  });

  it('a Smart start that reopens the agent’s own conversation (nothing written) still completes its key', async () => {
    const start = { recipient: '+33633333333', queueId: w.queues.support };
    const first = await send('open-1', start, smartHeaders, '/api/interactions');
    expect(first.json).toMatchObject({ reopened: false });
    const reopened = await send('reopen-1', start, smartHeaders, '/api/interactions');
    expect(reopened.status).toBe(201);
    expect(reopened.json).toMatchObject({ reopened: true, interactionId: (first.json as { interactionId: string }).interactionId });
    const row = await tdb.db.selectFrom('idempotency_keys').select(['response', 'lease_until']).where('key', '=', 'reopen-1').executeTakeFirstOrThrow();
    expect(row).toEqual({ response: { status: 201, body: reopened.json }, lease_until: null });
  });

  it('a refusal frees the key, including no credits (the answer is not stored when the debit fails)', async () => {
    const bad = await send('refused-1', { ...direct('lease: refused'), recipient: '0612' });
    expect(bad.status).toBe(422);
    const fixed = await send('refused-1', direct('lease: refused then fixed'));
    expect(fixed.status).toBe(201);

    const saved = await tdb.db.selectFrom('credit_buckets').select(['bucket', 'balance']).where('account_id', '=', w.accountId).execute();
    await tdb.db.updateTable('credit_buckets').set({ balance: '0' }).where('account_id', '=', w.accountId).execute();
    try {
      const poor = await send('poor-1', direct('lease: no credits'));
      expect(poor.status).toBe(402);
      expect(await tdb.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'poor-1').execute()).toEqual([]);
    } finally {
      for (const b of saved) await tdb.db.updateTable('credit_buckets').set({ balance: b.balance }).where('account_id', '=', w.accountId).where('bucket', '=', b.bucket).execute();
    }
    const paid = await send('poor-1', direct('lease: no credits'));
    expect(paid.status).toBe(201);
    expect(await messagesWith('lease: no credits')).toHaveLength(1);
  });

  it('a Smart start and a message in a conversation left by crashed requests are taken over after the lease', async () => {
    const start = { recipient: CUSTOMER_2, queueId: w.queues.support };
    await crashedReservation('crashed-start', start, '/api/interactions', w.agents.smartOnly, -1);
    const started = await send('crashed-start', start, smartHeaders, '/api/interactions');
    expect(started.status).toBe(201);
    const interactionId = (started.json as { interactionId: string }).interactionId;
    expect((await send('crashed-start', start, smartHeaders, '/api/interactions')).json).toEqual(started.json);

    const path = `/api/interactions/${interactionId}/messages`;
    const msg = { text: 'lease: in a conversation' };
    await crashedReservation('crashed-msg', msg, path, w.agents.smartOnly, 30);
    const early = await send('crashed-msg', msg, smartHeaders, path);
    expect(early.status).toBe(409);
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThan(25);
    await tdb.db.updateTable('idempotency_keys').set({ lease_until: new Date(Date.now() - 1000) }).where('key', '=', 'crashed-msg').execute();
    const sent = await send('crashed-msg', msg, smartHeaders, path);
    expect(sent.status).toBe(201);
    expect(await messagesWith(msg.text)).toEqual([(sent.json as { messageId: string }).messageId]);
  });
});

describe('IDEMPOTENCY_LEASE_SECONDS', () => {
  it('30 by default, in seconds, bad values refused', () => {
    expect(loadServerConfig({}).idempotencyLeaseMs).toBe(30_000);
    expect(loadServerConfig({ IDEMPOTENCY_LEASE_SECONDS: '2' }).idempotencyLeaseMs).toBe(2_000);
    expect(() => loadServerConfig({ IDEMPOTENCY_LEASE_SECONDS: '0' })).toThrow(ConfigError);
  });
});

describe(`a request whose reservation was taken over writes nothing (${TEST_DB_KIND})`, () => {
  // A request that ran past its lease while a retry took the key over: its attempt no longer
  // matches the key's row, so its send must not commit (the retry is the one that sends).
  const lateHold = async (key: string, owner: string): Promise<KeyHold> => {
    await sql`insert into idempotency_keys (account_id, agent_id, key, request_hash, response, lease_until, attempt)
      values (${w.accountId}, ${owner}, ${key}, 'h', null, now() + interval '30 seconds', 'the-retry')`.execute(tdb.db);
    return { accountId: w.accountId, owner, key, attempt: 'the-late-request', status: 201 };
  };
  const as = (agentId: string): Actor => ({ accountId: w.accountId, agentId });

  it('Direct, Smart start and message in a conversation: KeyTakenOver, no message, no debit, no conversation', async () => {
    const deps = testDeps(tdb.db);
    const before = await creditBalance(tdb.db, w.accountId);
    const messagesBefore = Number((await tdb.db.selectFrom('messages').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    const h1 = await lateHold('late-direct', w.agents.both);
    await expect(sendDirect(deps, as(w.agents.both), direct('late: direct'), sealWith(h1, (r) => r.messageId))).rejects.toBeInstanceOf(KeyTakenOver);

    const h2 = await lateHold('late-start', w.agents.both);
    await expect(startSmart(deps, as(w.agents.both), { recipient: '+33611111111', queueId: w.queues.support }, sealWith(h2, (r) => r.interactionId))).rejects.toBeInstanceOf(KeyTakenOver);
    expect(await tdb.db.selectFrom('interactions').select('id').where('customer_number', '=', '+33611111111').execute()).toEqual([]);

    const open = await startSmart(deps, as(w.agents.both), { recipient: '+33622222222', queueId: w.queues.sales });
    const h3 = await lateHold('late-msg', w.agents.both);
    await expect(sendInInteraction(deps, as(w.agents.both), { interactionId: open.interactionId, text: 'late: in conversation' }, sealWith(h3, (r) => r.messageId))).rejects.toBeInstanceOf(
      KeyTakenOver,
    );

    expect(await creditBalance(tdb.db, w.accountId)).toBe(before);
    expect(Number((await tdb.db.selectFrom('messages').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(messagesBefore);
    const rows = await tdb.db.selectFrom('idempotency_keys').select(['attempt', 'response']).where('key', 'in', ['late-direct', 'late-start', 'late-msg']).execute();
    expect(rows).toEqual([
      { attempt: 'the-retry', response: null },
      { attempt: 'the-retry', response: null },
      { attempt: 'the-retry', response: null },
    ]);
  });
});

describe(`old Idempotency-Keys are purged by the retention pass (${TEST_DB_KIND})`, () => {
  const row = async (key: string, ageHours: number, state: 'answered' | 'expired' | 'live') =>
    sql`insert into idempotency_keys (account_id, agent_id, key, request_hash, response, lease_until, attempt, created_at)
      values (${w.accountId}, 'purge-owner', ${key}, 'h', ${state === 'answered' ? '{"status":201,"body":{}}' : null}::jsonb,
        ${state === 'answered' ? null : sql`now() + ${state === 'live' ? 30 : -30} * interval '1 second'`}, 'a', now() - ${ageHours} * interval '1 hour')`.execute(tdb.db);
  const left = async () => (await tdb.db.selectFrom('idempotency_keys').select('key').where('agent_id', '=', 'purge-owner').orderBy('key').execute()).map((r) => r.key);

  it('keys older than 24 h with an answer or an expired lease go, in batches; recent or held ones stay', async () => {
    await row('old-answered-1', 25, 'answered');
    await row('old-answered-2', 48, 'answered');
    await row('old-expired', 30, 'expired');
    await row('old-but-held', 25, 'live');
    await row('recent-answered', 1, 'answered');
    expect(await purgeIdempotencyKeys(tdb.db, { hours: 24, batchSize: 2 })).toBe(3);
    expect(await left()).toEqual(['old-but-held', 'recent-answered']);
  });

  it('the hourly job purges keys even when message texts are kept for ever', async () => {
    await row('old-answered-3', 25, 'answered');
    const job = startRetention(tdb.db, { days: 0 });
    try {
      // The job's first pass starts at once.
      for (let i = 0; i < 100 && (await left()).includes('old-answered-3'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(await left()).not.toContain('old-answered-3');
    } finally {
      await job.stop();
    }
  });
});
