// Health per SMS number: the administrator's settings through the real server (validation codes,
// a sealed and redacted secret), the evaluation's transitions fired once when two instances
// evaluate together, the gauge, and the operations webhook delivered to real local receivers:
// signed, retried with backoff after refusals, timed out, and taken over after a crashed claim.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { evaluateNumberHealth } from '../../src/app/number-health/evaluate.js';
import { deliverDueOpsWebhooks } from '../../src/app/number-health/ops-webhook.js';
import { verifyOpsSignature } from '../../src/app/number-health/ops-signature.js';
import { createMetrics } from '../../src/http/metrics.js';
import { hashPassword } from '../../src/platform/password.js';
import { buildWorld, type World } from '../fixtures/world.js';
import { openTestDatabase, TEST_DB_KIND, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

const PASSWORD = 'correct horse battery staple';
const SECRET = 'ops-secret-0123456789abcdef';
const KEY = 'a server passphrase long enough';
let tdb: TestDatabase;
let w: World;
let srv: TestServer;
let admin: Record<string, string>;

interface Received {
  body: string;
  signature: string;
  at: number;
}

/** A receiver that answers `status(n)` to its n-th call (1-based); 'hang' never answers. */
async function receiver(status: (n: number) => number | 'hang'): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
  const got: Received[] = [];
  const open = new Set<ServerResponse>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      got.push({ body, signature: String(req.headers['smsdesk-signature'] ?? ''), at: Date.now() });
      const s = status(got.length);
      if (s === 'hang') return void open.add(res);
      res.writeHead(s).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/smsdesk`,
    got,
    close: () => new Promise<void>((r) => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

async function login(agentId: string): Promise<Record<string, string>> {
  const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', agentId).executeTakeFirstOrThrow();
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  expect(r.status, r.text).toBe(200);
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': (r.json as { csrfToken: string }).csrfToken };
}

async function outcomes(smsNumberId: string, finals: number, failures: number): Promise<void> {
  await sql`delete from number_outcomes where sms_number_id = ${smsNumberId}`.execute(tdb.db);
  await sql`insert into number_outcomes (account_id, sms_number_id, minute, finals, failures)
    values (${w.accountId}, ${smsNumberId}, date_trunc('minute', now()) - interval '3 minutes', ${finals}, ${failures})`.execute(tdb.db);
}

async function outbox(): Promise<{ id: string; attempts: number; delivered: boolean; last_error: string | null; body: string }[]> {
  const r = await sql<{ id: string; attempts: number; delivered: boolean; last_error: string | null; body: string }>`
    select id::text as id, attempts, delivered_at is not null as delivered, last_error, body from ops_webhook_outbox order by id`.execute(tdb.db);
  return r.rows;
}

async function setUrl(url: string): Promise<void> {
  const r = await srv.request('PUT', '/api/admin/number-health/settings', { headers: admin, body: { webhookUrl: url } });
  expect(r.status, r.text).toBe(200);
}

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db, { credits: 100 });
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).execute();
  await tdb.db.updateTable('agents').set({ role: 'admin' }).where('id', '=', w.agents.colleague).execute();
  srv = await startTestServer(tdb, { app: { secretKey: KEY } });
  admin = await login(w.agents.colleague);
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});
beforeEach(async () => {
  await sql`delete from ops_webhook_outbox`.execute(tdb.db);
});

describe(`number health (${TEST_DB_KIND})`, () => {
  it('has defaults, refuses bad settings with stable codes, and refuses an agent', async () => {
    const r = await srv.request('GET', '/api/admin/number-health/settings', { headers: admin });
    expect(r.json).toEqual({ thresholdPercent: 20, minReports: 20, webhookUrl: null, webhookSecret: null, secretEncrypted: false });
    const bad = async (body: unknown) => {
      const x = await srv.request('PUT', '/api/admin/number-health/settings', { headers: admin, body });
      expect(x.status, x.text).toBe(400);
      return (x.json as { error: { code: string; details: { field: string; reason: string } } }).error;
    };
    expect(await bad({ webhookUrl: 'ftp://ops.example/hook', webhookSecret: SECRET })).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'webhookUrl', reason: 'URL_NOT_HTTP' } });
    expect(await bad({ webhookUrl: 'not a url', webhookSecret: SECRET })).toMatchObject({ details: { field: 'webhookUrl', reason: 'INVALID_URL' } });
    expect(await bad({ webhookUrl: 'https://u:p@ops.example/hook', webhookSecret: SECRET })).toMatchObject({ details: { field: 'webhookUrl', reason: 'URL_HAS_CREDENTIALS' } });
    expect(await bad({ webhookUrl: 'https://ops.example/hook' })).toMatchObject({ details: { field: 'webhookSecret', reason: 'REQUIRED' } });
    expect(await bad({ webhookUrl: 'https://ops.example/hook', webhookSecret: 'short' })).toMatchObject({ details: { field: 'webhookSecret', reason: 'TOO_SHORT' } });
    expect(await bad({ thresholdPercent: 0 })).toMatchObject({ details: { field: 'thresholdPercent' } });
    expect(await bad({ minReports: 1.5 })).toMatchObject({ details: { field: 'minReports' } });
    const n = await srv.request('PUT', `/api/admin/number-health/numbers/${w.numbers.sales}`, { headers: admin, body: { thresholdPercent: 101 } });
    expect(n.status).toBe(400);
    expect((await srv.request('PUT', '/api/admin/number-health/numbers/num_nope', { headers: admin, body: { thresholdPercent: 50 } })).status).toBe(404);
    const agent = await login(w.agents.directOnly);
    expect((await srv.request('GET', '/api/admin/number-health/settings', { headers: agent })).status).toBe(403);
    expect((await srv.request('GET', '/api/admin/number-health', { headers: agent })).status).toBe(403);
  });

  it('seals the secret, shows it redacted, keeps it when sent back redacted', async () => {
    const r = await srv.request('PUT', '/api/admin/number-health/settings', { headers: admin, body: { thresholdPercent: 20, minReports: 5, webhookUrl: 'https://ops.example/hook', webhookSecret: SECRET } });
    expect(r.status, r.text).toBe(200);
    const shown = r.json as { webhookSecret: string; secretEncrypted: boolean };
    expect(shown).toMatchObject({ webhookSecret: '••••cdef', secretEncrypted: true });
    const stored = await sql<{ webhook_secret: string }>`select webhook_secret from number_health_settings`.execute(tdb.db);
    expect(stored.rows[0]?.webhook_secret).toMatch(/^smsdesk:v1:scrypt:/);
    expect(JSON.stringify(stored.rows)).not.toContain(SECRET);
    const again = await srv.request('PUT', '/api/admin/number-health/settings', { headers: admin, body: { webhookSecret: shown.webhookSecret, minReports: 5 } });
    expect(again.status).toBe(200);
    expect((await sql<{ webhook_secret: string }>`select webhook_secret from number_health_settings`.execute(tdb.db)).rows[0]?.webhook_secret).toBe(stored.rows[0]?.webhook_secret);
    const trail = await srv.request('GET', '/api/admin/audit', { headers: admin });
    expect(trail.text).toContain('number_health.updated');
    expect(trail.text).not.toContain(SECRET);
  });

  it('fires a transition once when two instances evaluate together, signs the call, and shows the state', async () => {
    const rx = await receiver(() => 200);
    try {
      await setUrl(rx.url);
      await outcomes(w.numbers.direct, 10, 3);
      // 30 % over 10 reports, threshold 20 %, minimum 5.
      const [a, b] = await Promise.all([evaluateNumberHealth(tdb.db), evaluateNumberHealth(tdb.db)]);
      expect([...a, ...b]).toHaveLength(1);
      expect([...a, ...b][0]).toMatchObject({ smsNumberId: w.numbers.direct, unhealthy: true, failureRate: 0.3, reports: 10, threshold: 20 });
      expect(await evaluateNumberHealth(tdb.db)).toEqual([]);
      expect(await outbox()).toHaveLength(1);

      const view = await srv.request('GET', '/api/admin/number-health', { headers: admin });
      const numbers = (view.json as { numbers: { smsNumberId: string; unhealthy: boolean; failureRate: number; reports: number }[] }).numbers;
      expect(numbers[0]).toMatchObject({ smsNumberId: w.numbers.direct, unhealthy: true, failureRate: 0.3, reports: 10 });
      expect(numbers.filter((n) => n.unhealthy)).toHaveLength(1);
      const text = await createMetrics(tdb.db, () => 0).registry.metrics();
      const address = (await tdb.db.selectFrom('sms_numbers').select('address').where('id', '=', w.numbers.direct).executeTakeFirstOrThrow()).address;
      expect(text).toContain(`smsdesk_sms_number_unhealthy{account="${w.accountId}",number="${address}"} 1`);
      expect(text).toMatch(/smsdesk_sms_number_unhealthy\{[^}]*\} 0/);

      expect(await deliverDueOpsWebhooks(tdb.db, { secretKey: KEY })).toEqual({ delivered: 1, failed: 0 });
      expect(rx.got).toHaveLength(1);
      const call = rx.got[0]!;
      expect(verifyOpsSignature(SECRET, call.body, call.signature, Math.floor(Date.now() / 1000))).toBe(true);
      expect(verifyOpsSignature('another secret', call.body, call.signature, Math.floor(Date.now() / 1000))).toBe(false);
      expect(verifyOpsSignature(SECRET, call.body.replace('0.3', '0.2'), call.signature, Math.floor(Date.now() / 1000))).toBe(false);
      expect(JSON.parse(call.body)).toEqual({ type: 'sms_number.unhealthy', account: w.accountId, number: address, failureRate: 0.3, reports: 10, threshold: 20, at: expect.any(String) as string });
      expect((await outbox())[0]).toMatchObject({ attempts: 1, delivered: true });
      expect(await deliverDueOpsWebhooks(tdb.db, { secretKey: KEY })).toEqual({ delivered: 0, failed: 0 });
    } finally {
      await rx.close();
    }
  });

  it('retries a refused call with exponential backoff until the receiver takes it', async () => {
    const rx = await receiver((n) => (n <= 2 ? 503 : 204));
    try {
      await setUrl(rx.url);
      await outcomes(w.numbers.direct, 10, 0);
      const t = await evaluateNumberHealth(tdb.db);
      expect(t).toMatchObject([{ smsNumberId: w.numbers.direct, unhealthy: false, failureRate: 0 }]);
      const o = { secretKey: KEY, baseDelayMs: 300 };
      expect(await deliverDueOpsWebhooks(tdb.db, o)).toEqual({ delivered: 0, failed: 1 });
      // Not due yet: nothing is sent.
      expect(await deliverDueOpsWebhooks(tdb.db, o)).toEqual({ delivered: 0, failed: 0 });
      expect((await outbox())[0]).toMatchObject({ attempts: 1, delivered: false, last_error: 'HTTP 503' });
      const deadline = Date.now() + 10_000;
      while (!(await outbox())[0]?.delivered && Date.now() < deadline) {
        await deliverDueOpsWebhooks(tdb.db, o);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await outbox())[0]).toMatchObject({ attempts: 3, delivered: true, last_error: null });
      expect(rx.got).toHaveLength(3);
      // 300 ms then 600 ms (the database's clock decides; a little slack for the polling).
      expect(rx.got[1]!.at - rx.got[0]!.at).toBeGreaterThanOrEqual(250);
      expect(rx.got[2]!.at - rx.got[1]!.at).toBeGreaterThanOrEqual(550);
      expect(new Set(rx.got.map((g) => g.body)).size).toBe(1);
      expect(JSON.parse(rx.got[2]!.body)).toMatchObject({ type: 'sms_number.healthy', failureRate: 0, reports: 10 });
      for (const g of rx.got) expect(verifyOpsSignature(SECRET, g.body, g.signature, Math.floor(Date.now() / 1000))).toBe(true);
    } finally {
      await rx.close();
    }
  });

  it('gives up on a receiver that does not answer within the timeout, and another instance takes over a crashed claim', async () => {
    const hang = await receiver(() => 'hang');
    try {
      await setUrl(hang.url);
      await sql`insert into ops_webhook_outbox (account_id, body) values (${w.accountId}, '{"type":"sms_number.unhealthy"}')`.execute(tdb.db);
      const started = Date.now();
      expect(await deliverDueOpsWebhooks(tdb.db, { secretKey: KEY, timeoutMs: 300 })).toEqual({ delivered: 0, failed: 1 });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((await outbox())[0]?.last_error).toBe('no answer within 300 ms');
    } finally {
      await hang.close();
    }
    const rx = await receiver(() => 200);
    try {
      await setUrl(rx.url);
      // An instance claimed the row (attempts counted, lease set) and died before answering:
      // once the lease is over, another delivers it.
      await sql`update ops_webhook_outbox set attempts = attempts + 1, next_at = now() + interval '1 minute'`.execute(tdb.db);
      expect(await deliverDueOpsWebhooks(tdb.db, { secretKey: KEY })).toEqual({ delivered: 0, failed: 0 });
      await sql`update ops_webhook_outbox set next_at = now() - interval '1 second'`.execute(tdb.db);
      expect(await deliverDueOpsWebhooks(tdb.db, { secretKey: KEY })).toEqual({ delivered: 1, failed: 0 });
      expect((await outbox())[0]).toMatchObject({ attempts: 3, delivered: true });
    } finally {
      await rx.close();
    }
  });

  it('follows a number’s own threshold, and keeps the state on too few reports', async () => {
    await outcomes(w.numbers.sales, 10, 3);
    expect((await evaluateNumberHealth(tdb.db)).filter((t) => t.smsNumberId === w.numbers.sales)).toMatchObject([{ unhealthy: true, threshold: 20 }]);
    const r = await srv.request('PUT', `/api/admin/number-health/numbers/${w.numbers.sales}`, { headers: admin, body: { thresholdPercent: 50 } });
    expect(r.status, r.text).toBe(200);
    expect((r.json as { numbers: { smsNumberId: string; ownThreshold: number | null; threshold: number }[] }).numbers.find((n) => n.smsNumberId === w.numbers.sales)).toMatchObject({ ownThreshold: 50, threshold: 50 });
    expect((await evaluateNumberHealth(tdb.db)).filter((t) => t.smsNumberId === w.numbers.sales)).toMatchObject([{ unhealthy: false, threshold: 50 }]);
    // 2 reports, both failed: under the minimum of 5, the number stays healthy.
    await outcomes(w.numbers.sales, 2, 2);
    expect((await evaluateNumberHealth(tdb.db)).filter((t) => t.smsNumberId === w.numbers.sales)).toEqual([]);
  });
});
