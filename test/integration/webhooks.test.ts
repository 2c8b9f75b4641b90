// Provider webhooks through the real server. Every address carries the account's webhook token
// (/webhooks/{provider}/{accountId}/{token}/{kind}): without it nothing is accepted, whatever
// the provider, and a wrong token, an unknown account and a wrong provider answer alike. On
// top of it, the provider's own signature (HTTPS JSON, Twilio) is still required, computed
// over the full address with the token. Then the HTTPS JSON contract: inbound routed and
// streamed live, duplicates harmless, reports applied.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/platform/password.js';
import { createProviderCache } from '../../src/main/provider-cache.js';
import { createProviderFactory } from '../../src/main/provider-factory.js';
import { createWebhookGateway } from '../../src/main/webhook-gateway.js';
import { sendDirect } from '../../src/app/send-direct.js';
import { buildWorld, CUSTOMER, NUMBERS, testDeps, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestResponse, type TestServer } from './http-harness.js';

const SECRET = 'whsec_integration_0123456789abcdef0123456789';
const TWILIO_TOKEN = 'twilio-auth-token-0123456789abcdef';
const DAY_MS = 24 * 60 * 60 * 1000;
let tdb: TestDatabase;
let w: World;
let srv: TestServer;
let cookie: string;
/** The HTTPS JSON account's token (w.accountId). */
let token: string;
let admin: { cookie: string; csrf: string };
const vonage = { id: 'acme-vonage', token: '' };
const twilio = { id: 'acme-twilio', token: '' };
// The gateway's clock: moved forward to end a rotated token's grace.
let offsetMs = 0;

function signed(body: string, at = Math.floor(Date.now() / 1000)) {
  const sig = createHmac('sha256', SECRET).update(`${at}.${body}`).digest('hex');
  return { 'content-type': 'application/json', 'x-webhook-timestamp': String(at), 'x-webhook-signature': `v1=${sig}` };
}

/** Twilio's scheme: HMAC-SHA1 over the full URL, then each POST parameter's name and value, sorted by name. */
function twilioSignature(url: string, form: URLSearchParams): string {
  const data = url + [...form].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => k + v).join('');
  return createHmac('sha1', TWILIO_TOKEN).update(data).digest('base64');
}

const tokenOf = async (accountId: string) =>
  (await tdb.db.selectFrom('accounts').select('webhook_token').where('id', '=', accountId).executeTakeFirstOrThrow()).webhook_token;

async function login(agentId: string, password: string) {
  const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', agentId).executeTakeFirstOrThrow();
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password } });
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: (r.json as { csrfToken: string }).csrfToken };
}

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  await tdb.db
    .updateTable('accounts')
    .set({ provider_type: 'http-json', provider_config: JSON.stringify({ url: 'http://127.0.0.1:9/unused', webhookSecret: SECRET }) })
    .where('id', '=', w.accountId)
    .execute();
  // Guessable ids, as real accounts have; Vonage as most accounts run it, without a signature secret.
  await tdb.db
    .insertInto('accounts')
    .values([
      { id: vonage.id, name: 'Acme V', provider_type: 'vonage', provider_config: JSON.stringify({ apiKey: 'k', apiSecret: 'vonage-api-secret', baseUrl: 'http://127.0.0.1:9' }) },
      { id: twilio.id, name: 'Acme T', provider_type: 'twilio', provider_config: '{}' },
    ])
    .execute();
  token = await tokenOf(w.accountId);
  vonage.token = await tokenOf(vonage.id);
  twilio.token = await tokenOf(twilio.id);
  await tdb.db
    .updateTable('accounts')
    .set({
      provider_config: JSON.stringify({
        accountSid: `AC${'a'.repeat(32)}`,
        authToken: TWILIO_TOKEN,
        baseUrl: 'http://127.0.0.1:9',
        statusCallbackUrl: `https://desk.example.com/webhooks/twilio/${twilio.id}/${twilio.token}/status`,
      }),
    })
    .where('id', '=', twilio.id)
    .execute();
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword('pw') }).where('id', 'in', [w.agents.smartOnly, w.agents.colleague]).execute();
  await tdb.db.updateTable('agents').set({ role: 'admin' }).where('id', '=', w.agents.colleague).execute();
  const deps = { ...testDeps(tdb.db, { now: () => new Date(Date.now() + offsetMs) }), wake: () => tdb.wakeSource.wake() };
  const providers = createProviderCache(tdb.db, createProviderFactory(null));
  const webhooks = createWebhookGateway(deps, providers);
  srv = await startTestServer(tdb, { webhooks });
  cookie = (await login(w.agents.smartOnly, 'pw')).cookie;
  admin = await login(w.agents.colleague, 'pw');
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

const inboundPath = () => `/webhooks/http-json/${w.accountId}/${token}/inbound`;
const vonageInbound = (id: string) => new URLSearchParams({ msisdn: CUSTOMER.slice(1), to: '447700900123', messageId: id, text: 'STOP', type: 'text', 'message-timestamp': '2026-01-02 03:04:05' });
const storedInbound = async (accountId: string) => tdb.db.selectFrom('messages').select('provider_message_id').where('account_id', '=', accountId).where('direction', '=', 'in').execute();
const sameAnswer = (r: TestResponse) => ({ status: r.status, type: r.headers.get('content-type'), body: r.text });

describe('the webhook address token', () => {
  it('is drawn for every account: 64 hex characters, none alike', async () => {
    const rows = await tdb.db.selectFrom('accounts').select('webhook_token').execute();
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows) expect(r.webhook_token).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(rows.map((r) => r.webhook_token)).size).toBe(rows.length);
  });

  it('refuses an unsigned Vonage inbound message without the token, accepts it with the token', async () => {
    const form = vonageInbound('v-1').toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await srv.request('POST', `/webhooks/vonage/${vonage.id}/inbound`, { headers, rawBody: form })).status).toBe(404);
    expect((await srv.request('POST', `/webhooks/vonage/${vonage.id}/${'0'.repeat(64)}/inbound`, { headers, rawBody: form })).status).toBe(404);
    expect((await srv.request('GET', `/webhooks/vonage/${vonage.id}/x/inbound?${form}`)).status).toBe(404);
    expect(await storedInbound(vonage.id)).toHaveLength(0);
    expect(await tdb.db.selectFrom('opt_outs').selectAll().where('account_id', '=', vonage.id).execute()).toHaveLength(0);

    const ok = await srv.request('POST', `/webhooks/vonage/${vonage.id}/${vonage.token}/inbound`, { headers, rawBody: form });
    expect(ok.status).toBe(200);
    expect(await storedInbound(vonage.id)).toEqual([{ provider_message_id: 'v-1' }]);
  });

  it('answers a wrong token, an unknown account, a wrong provider and an old-style address identically', async () => {
    const form = vonageInbound('v-2').toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const wrongToken = await srv.request('POST', `/webhooks/vonage/${vonage.id}/${'1'.repeat(64)}/inbound`, { headers, rawBody: form });
    const unknown = await srv.request('POST', `/webhooks/vonage/acme/${vonage.token}/inbound`, { headers, rawBody: form });
    const wrongProvider = await srv.request('POST', `/webhooks/twilio/${vonage.id}/${vonage.token}/inbound`, { headers, rawBody: form });
    const anotherAccountsToken = await srv.request('POST', `/webhooks/vonage/${vonage.id}/${twilio.token}/inbound`, { headers, rawBody: form });
    const oldStyle = await srv.request('POST', `/webhooks/vonage/${vonage.id}/inbound`, { headers, rawBody: form });
    // An HTTPS JSON account used to answer 401 (a signature is expected), which told it exists.
    const existingHttpJson = await srv.request('POST', `/webhooks/http-json/${w.accountId}/${'2'.repeat(64)}/inbound`, { headers: signed('{}'), rawBody: '{}' });
    const reference = sameAnswer(unknown);
    expect(reference).toEqual({ status: 404, type: 'application/json; charset=utf-8', body: expect.stringContaining('"NOT_FOUND"') as unknown });
    for (const r of [wrongToken, wrongProvider, anotherAccountsToken, oldStyle, existingHttpJson]) expect(sameAnswer(r)).toEqual(reference);
    expect(await storedInbound(vonage.id)).toHaveLength(1);
  });

  it('takes about as long to refuse a wrong token as an unknown account', async () => {
    const form = vonageInbound('v-3').toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const time = async (path: string) => {
      const t0 = performance.now();
      await srv.request('POST', path, { headers, rawBody: form });
      return performance.now() - t0;
    };
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 10; i++) await time(`/webhooks/vonage/warm-${i}/${'3'.repeat(64)}/inbound`);
    for (let i = 0; i < 60; i++) {
      // Interleaved, each first in turn, so that a pause of the machine hits both alike.
      const w1 = () => time(`/webhooks/vonage/${vonage.id}/${'3'.repeat(64)}/inbound`);
      const u1 = () => time(`/webhooks/vonage/acme-${i}/${'3'.repeat(64)}/inbound`);
      if (i % 2 === 0) {
        wrong.push(await w1());
        unknown.push(await u1());
      } else {
        unknown.push(await u1());
        wrong.push(await w1());
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    const [mw, mu] = [median(wrong), median(unknown)];
    console.log(`webhook refusal median: wrong token ${mw.toFixed(2)} ms, unknown account ${mu.toFixed(2)} ms`);
    // Both are one primary-key read and two digest comparisons; a real gap would be the adapter
    // being built or a signature checked for an existing account (several ms).
    expect(Math.abs(mw - mu)).toBeLessThan(Math.max(3, 0.5 * Math.min(mw, mu)));
  });

  it('still requires Twilio’s signature, computed over the full address with the token', async () => {
    const form = new URLSearchParams({ MessageSid: `SM${'b'.repeat(32)}`, From: CUSTOMER, To: '+447700900124', Body: 'hi' });
    const path = `/webhooks/twilio/${twilio.id}/${twilio.token}/inbound`;
    const post = (signature: string | null) =>
      srv.request('POST', path, { headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature === null ? {} : { 'x-twilio-signature': signature }) }, rawBody: form.toString() });
    expect((await post(null)).status).toBe(400);
    // Signed over the address without the token (as before): refused.
    expect((await post(twilioSignature(`${srv.url}/webhooks/twilio/${twilio.id}/inbound`, form))).status).toBe(403);
    expect(await storedInbound(twilio.id)).toHaveLength(0);
    const ok = await post(twilioSignature(srv.url + path, form));
    expect(ok.status).toBe(200);
    expect(await storedInbound(twilio.id)).toHaveLength(1);
  });

  it('still requires the HTTPS JSON signature with the token', async () => {
    const body = JSON.stringify({ id: 'in-unsigned', from: CUSTOMER, to: NUMBERS.support, text: 'hello', receivedAt: null });
    const unsigned = await srv.request('POST', inboundPath(), { headers: { 'content-type': 'application/json' }, rawBody: body });
    expect(unsigned.status).toBe(401);
    expect(await tdb.db.selectFrom('messages').select('id').where('provider_message_id', '=', 'in-unsigned').execute()).toHaveLength(0);
  });
});

describe('rotating the webhook token', () => {
  it('switches to a new token at once, keeps the previous one for the grace period only, and audits it', async () => {
    const before = token;
    const body = (id: string) => JSON.stringify({ id, from: CUSTOMER, to: NUMBERS.sales, text: 'rotation', receivedAt: null });
    const post = (token: string, id: string) => srv.request('POST', `/webhooks/http-json/${w.accountId}/${token}/inbound`, { headers: signed(body(id)), rawBody: body(id) });

    const refusedCsrf = await srv.request('POST', '/api/admin/provider/webhook-token/rotate', { headers: { cookie: admin.cookie } });
    expect(refusedCsrf.status).toBe(403);
    const agentTry = await srv.request('POST', '/api/admin/provider/webhook-token/rotate', { headers: { cookie } });
    expect(agentTry.status).toBe(403);
    expect(await tokenOf(w.accountId)).toBe(before);

    const r = await srv.request('POST', '/api/admin/provider/webhook-token/rotate', { headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    expect(r.status).toBe(200);
    const after = await tokenOf(w.accountId);
    expect(after).toMatch(/^[0-9a-f]{64}$/);
    expect(after).not.toBe(before);
    const view = r.json as { webhooks: { status: string; inbound: string; previousAcceptedUntil: string } };
    expect(view.webhooks.inbound).toBe(`${srv.url}/webhooks/http-json/${w.accountId}/${after}/inbound`);
    expect(view.webhooks.status).toBe(`${srv.url}/webhooks/http-json/${w.accountId}/${after}/status`);
    expect(Date.parse(view.webhooks.previousAcceptedUntil) - Date.now()).toBeGreaterThan(DAY_MS - 60_000);
    expect(Date.parse(view.webhooks.previousAcceptedUntil) - Date.now()).toBeLessThanOrEqual(DAY_MS);

    expect((await post(after, 'rot-new')).status).toBe(204);
    expect((await post(before, 'rot-old')).status).toBe(204);
    offsetMs = DAY_MS + 1000;
    try {
      expect((await post(before, 'rot-old-late')).status).toBe(404);
      expect((await post(after, 'rot-new-late')).status).toBe(204);
    } finally {
      offsetMs = 0;
    }
    const ids = (await storedInbound(w.accountId)).map((m) => m.provider_message_id);
    expect(ids).toEqual(expect.arrayContaining(['rot-new', 'rot-old', 'rot-new-late']));
    expect(ids).not.toContain('rot-old-late');

    const audit = await tdb.db.selectFrom('events').select(['payload', 'agent_id']).where('account_id', '=', w.accountId).where('type', '=', 'admin.provider.webhook_token_rotated').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ agent_id: null, payload: { actorId: w.agents.colleague, targetId: w.accountId, after: { previousAcceptedUntil: view.webhooks.previousAcceptedUntil } } });
    expect(JSON.stringify(audit)).not.toContain(before);
    expect(JSON.stringify(audit)).not.toContain(after);
    token = after;
  });

  it('moves the status callback address stored in the settings to the new token, even when a stale form saves the old one', async () => {
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    const original = await tdb.db.selectFrom('accounts').select('provider_config').where('id', '=', w.accountId).executeTakeFirstOrThrow();
    const callback = (t: string) => `https://desk.example.com/webhooks/twilio/${w.accountId}/${t}/status`;
    const settings = (t: string) => ({ accountSid: `AC${'c'.repeat(32)}`, authToken: TWILIO_TOKEN, statusCallbackUrl: callback(t) });
    // Twilio cannot send the world's Turkish table: a change to it is refused while a number keeps one.
    await tdb.db.updateTable('sms_numbers').set({ national_language: null }).where('id', '=', w.numbers.sales).execute();
    try {
      expect((await srv.request('PUT', '/api/admin/provider', { headers, body: { type: 'twilio', settings: settings(token) } })).status).toBe(200);
      const rotated = await srv.request('POST', '/api/admin/provider/webhook-token/rotate', { headers });
      expect(rotated.status).toBe(200);
      const next = await tokenOf(w.accountId);
      const storedUrl = async () => ((await tdb.db.selectFrom('accounts').select('provider_config').where('id', '=', w.accountId).executeTakeFirstOrThrow()).provider_config as { statusCallbackUrl: string }).statusCallbackUrl;
      expect(await storedUrl()).toBe(callback(next));
      expect((rotated.json as { settings: { statusCallbackUrl: string } }).settings.statusCallbackUrl).toBe(callback(next));
      const audit = await tdb.db.selectFrom('events').select('payload').where('account_id', '=', w.accountId).where('type', '=', 'admin.provider.webhook_token_rotated').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(audit.payload).toMatchObject({ after: { settingsUpdated: ['statusCallbackUrl'] } });
      // A form loaded before the change still holds the previous token's address.
      expect((await srv.request('PUT', '/api/admin/provider', { headers, body: { type: 'twilio', settings: settings(token) } })).status).toBe(200);
      expect(await storedUrl()).toBe(callback(next));
      token = next;
    } finally {
      await tdb.db.updateTable('accounts').set({ provider_type: 'http-json', provider_config: JSON.stringify(original.provider_config) }).where('id', '=', w.accountId).execute();
    }
  });
});

describe('inbound webhook', () => {
  it('refuses a bad signature and a stale timestamp before storing anything', async () => {
    const body = JSON.stringify({ id: 'in-bad', from: CUSTOMER, to: NUMBERS.support, text: 'hello', receivedAt: null });
    const bad = await srv.request('POST', inboundPath(), { headers: { ...signed(body), 'x-webhook-signature': 'v1=' + '0'.repeat(64) }, rawBody: body });
    expect(bad.status).toBe(401);
    const stale = await srv.request('POST', inboundPath(), { headers: signed(body, Math.floor(Date.now() / 1000) - 3600), rawBody: body });
    expect(stale.status).toBe(401);
    expect(await tdb.db.selectFrom('messages').select('id').where('provider_message_id', '=', 'in-bad').execute()).toHaveLength(0);
  });

  it('routes a signed inbound message to a waiting conversation, live to the queue’s members, once', async () => {
    const stream = await srv.openEvents({ cookie });
    await stream.waitFor('ready');
    const body = JSON.stringify({ id: 'in-1', from: CUSTOMER, to: NUMBERS.support, text: 'Is my order ready?', receivedAt: new Date().toISOString() });
    const r = await srv.request('POST', inboundPath(), { headers: signed(body), rawBody: body });
    expect(r.status).toBeGreaterThanOrEqual(200);
    expect(r.status).toBeLessThan(300);
    const ev = await stream.waitFor('interaction.waiting', (d) => (d.message as { body: string }).body === 'Is my order ready?');
    expect((ev.data.message as { body: string }).body).toBe('Is my order ready?');
    const again = await srv.request('POST', inboundPath(), { headers: signed(body), rawBody: body });
    expect(again.status).toBeLessThan(300);
    const stored = await tdb.db.selectFrom('messages').select('body').where('provider_message_id', '=', 'in-1').where('direction', '=', 'in').execute();
    expect(stored).toHaveLength(1);
    stream.close();
  });
});

describe('status webhook', () => {
  it('moves a sent message forward; duplicates and late reports change nothing', async () => {
    const sent = await sendDirect(testDeps(tdb.db), { accountId: w.accountId, agentId: w.agents.both }, { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'Tracked' });
    // As the dispatcher records an accepted submission.
    await tdb.db.updateTable('messages').set({ status: 'sent', provider: 'http-json', provider_message_id: 'gw-77' }).where('id', '=', sent.messageId).execute();
    const report = (status: string) => JSON.stringify({ retId: sent.messageId, id: 'gw-77', status, errorCode: null, errorMessage: null, submittedAt: null, statusAt: new Date().toISOString() });
    const post = (b: string) => srv.request('POST', `/webhooks/http-json/${w.accountId}/${token}/status`, { headers: signed(b), rawBody: b });
    expect((await post(report('delivered'))).status).toBeLessThan(300);
    expect((await post(report('delivered'))).status).toBeLessThan(300);
    expect((await post(report('accepted'))).status).toBeLessThan(300);
    expect((await post(report('failed'))).status).toBeLessThan(300);
    const m = await tdb.db.selectFrom('messages').select('status').where('id', '=', sent.messageId).executeTakeFirstOrThrow();
    expect(m.status).toBe('delivered');
  });
});
