// Provider webhooks through the real server, with the HTTPS JSON contract: signature checked
// before anything, inbound routed and streamed live, duplicates harmless, reports applied.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/http/auth/password.js';
import { createProviderCache } from '../../src/main/provider-cache.js';
import { createProviderFactory } from '../../src/main/provider-factory.js';
import { createWebhookGateway } from '../../src/main/webhook-gateway.js';
import { sendDirect } from '../../src/app/send-direct.js';
import { buildWorld, CUSTOMER, NUMBERS, testDeps, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

const SECRET = 'whsec_integration_0123456789abcdef0123456789';
let tdb: TestDatabase;
let w: World;
let srv: TestServer;
let cookie: string;

function signed(body: string, at = Math.floor(Date.now() / 1000)) {
  const sig = createHmac('sha256', SECRET).update(`${at}.${body}`).digest('hex');
  return { 'content-type': 'application/json', 'x-webhook-timestamp': String(at), 'x-webhook-signature': `v1=${sig}` };
}

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  await tdb.db
    .updateTable('accounts')
    .set({ provider_type: 'http-json', provider_config: JSON.stringify({ url: 'http://127.0.0.1:9/unused', webhookSecret: SECRET }) })
    .where('id', '=', w.accountId)
    .execute();
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword('pw') }).where('id', '=', w.agents.smartOnly).execute();
  const deps = { ...testDeps(tdb.db), wake: () => tdb.wakeSource.wake() };
  const providers = createProviderCache(tdb.db, createProviderFactory(null));
  const webhooks = createWebhookGateway(deps, providers);
  srv = await startTestServer(tdb, { webhooks });
  const email = (await tdb.db.selectFrom('agents').select('email').where('id', '=', w.agents.smartOnly).executeTakeFirstOrThrow()).email;
  const login = await srv.request('POST', '/api/auth/login', { body: { email, password: 'pw' } });
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

const inboundPath = () => `/webhooks/http-json/${w.accountId}/inbound`;

describe('inbound webhook', () => {
  it('refuses a bad signature and a stale timestamp before storing anything', async () => {
    const body = JSON.stringify({ id: 'in-bad', from: CUSTOMER, to: NUMBERS.support, text: 'hello', receivedAt: null });
    const bad = await srv.request('POST', inboundPath(), { headers: { ...signed(body), 'x-webhook-signature': 'v1=' + '0'.repeat(64) }, rawBody: body });
    expect(bad.status).toBe(401);
    const stale = await srv.request('POST', inboundPath(), { headers: signed(body, Math.floor(Date.now() / 1000) - 3600), rawBody: body });
    expect(stale.status).toBe(401);
    expect(await tdb.db.selectFrom('messages').select('id').where('account_id', '=', w.accountId).execute()).toHaveLength(0);
  });

  it('routes a signed inbound message to a waiting conversation, live to the queue’s members, once', async () => {
    const stream = await srv.openEvents({ cookie });
    await stream.waitFor('ready');
    const body = JSON.stringify({ id: 'in-1', from: CUSTOMER, to: NUMBERS.support, text: 'Is my order ready?', receivedAt: new Date().toISOString() });
    const r = await srv.request('POST', inboundPath(), { headers: signed(body), rawBody: body });
    expect(r.status).toBeGreaterThanOrEqual(200);
    expect(r.status).toBeLessThan(300);
    const ev = await stream.waitFor('interaction.waiting');
    expect((ev.data.message as { body: string }).body).toBe('Is my order ready?');
    const again = await srv.request('POST', inboundPath(), { headers: signed(body), rawBody: body });
    expect(again.status).toBeLessThan(300);
    const stored = await tdb.db.selectFrom('messages').select('body').where('account_id', '=', w.accountId).where('direction', '=', 'in').execute();
    expect(stored).toHaveLength(1);
    stream.close();
  });

  it('answers 404 for an account that does not use that provider, and for an unknown account', async () => {
    const body = JSON.stringify({ id: 'in-x', from: CUSTOMER, to: NUMBERS.support, text: 'x', receivedAt: null });
    expect((await srv.request('POST', `/webhooks/twilio/${w.accountId}/inbound`, { headers: signed(body), rawBody: body })).status).toBe(404);
    expect((await srv.request('POST', `/webhooks/http-json/nope/inbound`, { headers: signed(body), rawBody: body })).status).toBe(404);
  });
});

describe('status webhook', () => {
  it('moves a sent message forward; duplicates and late reports change nothing', async () => {
    const sent = await sendDirect(testDeps(tdb.db), { accountId: w.accountId, agentId: w.agents.both }, { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'Tracked' });
    // As the dispatcher records an accepted submission.
    await tdb.db.updateTable('messages').set({ status: 'sent', provider: 'http-json', provider_message_id: 'gw-77' }).where('id', '=', sent.messageId).execute();
    const report = (status: string) => JSON.stringify({ retId: sent.messageId, id: 'gw-77', status, errorCode: null, errorMessage: null, submittedAt: null, statusAt: new Date().toISOString() });
    const post = (b: string) => srv.request('POST', `/webhooks/http-json/${w.accountId}/status`, { headers: signed(b), rawBody: b });
    expect((await post(report('delivered'))).status).toBeLessThan(300);
    expect((await post(report('delivered'))).status).toBeLessThan(300);
    expect((await post(report('accepted'))).status).toBeLessThan(300);
    expect((await post(report('failed'))).status).toBeLessThan(300);
    const m = await tdb.db.selectFrom('messages').select('status').where('id', '=', sent.messageId).executeTakeFirstOrThrow();
    expect(m.status).toBe('delivered');
  });
});
