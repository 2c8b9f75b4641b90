// A picture-only reply (Twilio MMS: NumMedia=1, no Body) through the real server: the webhook stores the media's
// count, type and link with the message, and the conversation's thread gives them to the Banner. A sender the
// provider could not read as a number (SMPP) lands in the unassigned inbox, kept as it came.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveInbound } from '../../src/app/receive-inbound.js';
import { hashPassword } from '../../src/platform/password.js';
import { createProviderCache } from '../../src/main/provider-cache.js';
import { createProviderFactory } from '../../src/main/provider-factory.js';
import { createWebhookGateway } from '../../src/main/webhook-gateway.js';
import { buildWorld, CUSTOMER, NUMBERS, testDeps, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

const TWILIO_TOKEN = 'twilio-auth-token-0123456789abcdef';
const MEDIA_URL = 'https://api.twilio.com/2010-04-01/Accounts/ACaaaa/Messages/MMbbbb/Media/MEcccc';
let tdb: TestDatabase;
let w: World;
let srv: TestServer;
let token: string;

/** Twilio's scheme: HMAC-SHA1 over the full URL, then each POST parameter's name and value, sorted by name. */
function twilioSignature(url: string, form: URLSearchParams): string {
  const data = url + [...form].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => k + v).join('');
  return createHmac('sha1', TWILIO_TOKEN).update(data).digest('base64');
}

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  token = (await tdb.db.selectFrom('accounts').select('webhook_token').where('id', '=', w.accountId).executeTakeFirstOrThrow()).webhook_token;
  await tdb.db
    .updateTable('accounts')
    .set({
      provider_type: 'twilio',
      provider_config: JSON.stringify({
        accountSid: `AC${'a'.repeat(32)}`,
        authToken: TWILIO_TOKEN,
        baseUrl: 'http://127.0.0.1:9',
        statusCallbackUrl: `https://desk.example.com/webhooks/twilio/${w.accountId}/${token}/status`,
      }),
    })
    .where('id', '=', w.accountId)
    .execute();
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword('pw') }).where('id', 'in', [w.agents.smartOnly, w.agents.colleague]).execute();
  await tdb.db.updateTable('agents').set({ role: 'admin' }).where('id', '=', w.agents.colleague).execute();
  const deps = { ...testDeps(tdb.db), wake: () => tdb.wakeSource.wake() };
  srv = await startTestServer(tdb, { webhooks: createWebhookGateway(deps, createProviderCache(tdb.db, createProviderFactory(null))) });
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

async function login(agentId: string): Promise<string> {
  const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', agentId).executeTakeFirstOrThrow();
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password: 'pw' } });
  return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function postTwilioInbound(form: URLSearchParams) {
  const path = `/webhooks/twilio/${w.accountId}/${token}/inbound`;
  return srv.request('POST', path, {
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(srv.url + path, form) },
    rawBody: form.toString(),
  });
}

describe('inbound media', () => {
  it('keeps a picture-only Twilio reply’s media with the message and shows it in the thread', async () => {
    const sid = `MM${'1'.repeat(32)}`;
    const form = new URLSearchParams({
      MessageSid: sid,
      AccountSid: `AC${'a'.repeat(32)}`,
      From: CUSTOMER,
      To: NUMBERS.support,
      NumMedia: '1',
      MediaUrl0: MEDIA_URL,
      MediaContentType0: 'image/jpeg',
      NumSegments: '1',
      SmsStatus: 'received',
    });
    expect((await postTwilioInbound(form)).status).toBe(200);
    const row = await tdb.db
      .selectFrom('messages')
      .select(['body', 'media', 'interaction_id'])
      .where('provider_message_id', '=', sid)
      .executeTakeFirstOrThrow();
    expect(row.body).toBe('');
    expect(row.media).toEqual([{ url: MEDIA_URL, contentType: 'image/jpeg' }]);

    const cookie = await login(w.agents.smartOnly);
    const thread = await srv.request('GET', `/api/interactions/${row.interaction_id}/messages`, { headers: { cookie } });
    expect(thread.status).toBe(200);
    const messages = (thread.json as { messages: { body: string; media: unknown }[] }).messages;
    expect(messages).toEqual([expect.objectContaining({ body: '', media: [{ url: MEDIA_URL, contentType: 'image/jpeg' }] })]);
  });

  it('stores no media for a text message', async () => {
    const sid = `SM${'2'.repeat(32)}`;
    const form = new URLSearchParams({ MessageSid: sid, From: CUSTOMER, To: NUMBERS.support, Body: 'Thanks', NumMedia: '0' });
    expect((await postTwilioInbound(form)).status).toBe(200);
    const row = await tdb.db.selectFrom('messages').select(['media']).where('provider_message_id', '=', sid).executeTakeFirstOrThrow();
    expect(row.media).toBeNull();
  });
});

describe('a sender the provider could not read as a number', () => {
  it('goes to the unassigned inbox with the address kept as it came, even to a number a queue owns', async () => {
    const deps = { ...testDeps(tdb.db), wake: () => undefined };
    const r = await receiveInbound(deps, {
      accountId: w.accountId,
      provider: 'smpp',
      providerMessageId: 'smpp-mo-unresolved-1',
      from: '0612345678',
      to: NUMBERS.support,
      body: 'Hello?',
      receivedAt: new Date(),
      senderUnresolved: true,
    });
    expect(r).toMatchObject({ route: 'unassigned', interactionId: null, duplicate: false });
    const row = await tdb.db.selectFrom('messages').select(['from_address', 'interaction_id']).where('id', '=', r.messageId).executeTakeFirstOrThrow();
    expect(row).toEqual({ from_address: '0612345678', interaction_id: null });
  });

  it('is listed in the administrators’ unassigned inbox as it came, with its media counted', async () => {
    const sid = `MM${'3'.repeat(32)}`;
    const form = new URLSearchParams({ MessageSid: sid, From: CUSTOMER, To: NUMBERS.orphan, NumMedia: '2', MediaUrl0: MEDIA_URL, MediaUrl1: `${MEDIA_URL}2` });
    expect((await postTwilioInbound(form)).status).toBe(200);
    const inbox = await srv.request('GET', '/api/admin/inbox', { headers: { cookie: await login(w.agents.colleague) } });
    expect(inbox.status).toBe(200);
    const messages = (inbox.json as { messages: { from: string; body: string; mediaCount: number }[] }).messages;
    expect(messages).toEqual([
      expect.objectContaining({ from: CUSTOMER, to: NUMBERS.orphan, body: '', mediaCount: 2 }),
      expect.objectContaining({ from: '0612345678', body: 'Hello?', mediaCount: 0 }),
    ]);
  });
});
