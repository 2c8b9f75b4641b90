// Sending windows over real HTTP and a real database (run on PGlite and PostgreSQL): an
// administrator sets a profile's window, a Direct SMS outside it is refused with the next
// allowed time and the customer's zone (in the agent's language) and nothing is written or
// debited; a window of scope marketing lets notifications through and stops a MARKETING
// template's message; a message's category reaches the HTTPS JSON gateway as its `type`.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditBalance } from '../../src/db/credits.js';
import { createDispatcher, type Dispatcher } from '../../src/dispatcher/index.js';
import { localDateTime } from '../../src/domain/compliance/index.js';
import { ERROR_CATALOGUE } from '../../src/domain/errors.js';
import { createHttpApp, type HttpApp } from '../../src/main/http-app.js';
import { createProviderCache, type ProviderCache } from '../../src/main/provider-cache.js';
import { createProviderFactory } from '../../src/main/provider-factory.js';
import { hashPassword } from '../../src/platform/password.js';
import { HttpJsonFake } from '../fixtures/fakes/http-json-fake.js';
import { buildWorld, CUSTOMER, testDeps, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

const PASSWORD = 'sending-window-password';
const SECRET = 'w'.repeat(24) + '-window-test-secret';

let tdb: TestDatabase;
let w: World;
let http: HttpApp;
let base: string;
let fake: HttpJsonFake;
let providers: ProviderCache;
let dispatcher: Dispatcher | null = null;
let profileId: string;

interface Session {
  cookie: string;
  csrf: string;
}
interface Res {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string; details?: Record<string, unknown> } };
}
let admin: Session;
let agent: Session;

async function call(s: Session, method: string, path: string, body?: unknown, lang = 'en'): Promise<Res> {
  const headers: Record<string, string> = { cookie: s.cookie, 'x-csrf-token': s.csrf, 'accept-language': lang };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(base + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : {}) as Res['body'] };
}

async function login(agentId: string): Promise<Session> {
  const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', agentId).executeTakeFirstOrThrow();
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  expect(r.status).toBe(200);
  const json = (await r.json()) as { csrfToken: string };
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: json.csrfToken };
}

const sendDirect = (body: Record<string, unknown>, lang = 'en') => call(agent, 'POST', '/api/direct/messages', { recipient: CUSTOMER, senderId: w.numbers.direct, ...body }, lang);
const setWindow = (sendingWindow: unknown) => call(admin, 'PATCH', `/api/admin/profiles/${profileId}`, { sendingWindow });
const outCount = async () => (await tdb.db.selectFrom('messages').select('id').where('account_id', '=', w.accountId).where('direction', '=', 'out').execute()).length;

beforeAll(async () => {
  fake = await HttpJsonFake.start({ webhookSecrets: [SECRET], quiet: true });
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db, { credits: 100, provider: 'http-json' });
  await tdb.db.updateTable('accounts').set({ provider_config: JSON.stringify({ url: fake.url, webhookSecret: SECRET }) }).where('id', '=', w.accountId).execute();
  await tdb.db.updateTable('sms_numbers').set({ send_rate_per_second: 1000 }).where('account_id', '=', w.accountId).execute();
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).execute();
  await tdb.db.updateTable('agents').set({ role: 'admin' }).where('id', '=', w.agents.colleague).execute();
  profileId = (await tdb.db.selectFrom('agents').select('profile_id').where('id', '=', w.agents.both).executeTakeFirstOrThrow()).profile_id ?? '';
  const deps = { ...testDeps(tdb.db), wake: () => (tdb.wakeSource.wake(), tdb.outbox.wake()) };
  http = await createHttpApp({ deps, wakeSource: tdb.wakeSource, webhooks: { handle: async () => null, apply: async () => undefined }, migrationsCurrent: async () => true });
  await http.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(http.app.server.address() as AddressInfo).port}`;
  providers = createProviderCache(tdb.db, createProviderFactory(null));
  admin = await login(w.agents.colleague);
  agent = await login(w.agents.both);
});

afterAll(async () => {
  await dispatcher?.stop();
  await providers?.close();
  await http?.app.close();
  await tdb?.close();
  await fake?.close();
});

describe('a profile’s sending window', () => {
  it('refuses a Direct SMS outside it, with the next allowed time and the customer’s zone, writing and debiting nothing', async () => {
    // Every day but today in Paris: closed now, open from the next Paris midnight.
    const today = localDateTime('Europe/Paris', Date.now()).weekday;
    const days = [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== today);
    const set = await setWindow({ days, start: '00:00', end: '24:00', skipPublicHolidays: false, scope: 'all' });
    expect(set.status).toBe(200);
    expect(set.body.sendingWindow).toEqual({ days, start: '00:00', end: '24:00', skipPublicHolidays: false, scope: 'all' });

    const balance = await creditBalance(tdb.db, w.accountId);
    const before = await outCount();
    const r = await sendDirect({ text: 'Your parcel is ready' });
    expect(r.status).toBe(422);
    expect(r.body.error?.code).toBe('OUTSIDE_SENDING_WINDOW');
    const details = r.body.error?.details ?? {};
    expect(details).toMatchObject({ customerZone: 'Europe/Paris', customerZones: ['Europe/Paris'], country: 'FR', category: 'NOTIFICATION', scope: 'all' });
    const next = Date.parse(String(details.nextAllowedAt));
    expect(next).toBeGreaterThan(Date.now());
    expect(next - Date.now()).toBeLessThanOrEqual(25 * 3_600_000);
    expect(localDateTime('Europe/Paris', next)).toMatchObject({ hour: 0, minute: 0, weekday: (today % 7) + 1 });
    expect(await outCount()).toBe(before);
    expect(await creditBalance(tdb.db, w.accountId)).toBe(balance);

    const fr = await sendDirect({ text: 'Votre colis est prêt' }, 'fr');
    expect(fr.status).toBe(422);
    expect(fr.body.error?.message).toBe(ERROR_CATALOGUE.OUTSIDE_SENDING_WINDOW.fr);
  });

  it('names the field an administrator got wrong', async () => {
    const base = { days: [1, 2, 3, 4, 5], start: '08:00', end: '20:00' };
    const late = await setWindow({ ...base, end: '07:00' });
    expect(late.status).toBe(400);
    expect(late.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'sendingWindow.end', reason: 'NOT_AFTER_START' } });
    const noDay = await setWindow({ ...base, days: [] });
    expect(noDay.body.error?.details).toMatchObject({ field: 'sendingWindow.days', reason: 'NO_DAY' });
    const badTime = await setWindow({ ...base, start: '8h' });
    expect(badTime.body.error?.details).toMatchObject({ field: 'sendingWindow.start', reason: 'NOT_A_TIME' });
    const badScope = await setWindow({ ...base, scope: 'nightly' });
    expect(badScope.status).toBe(400);
    expect(badScope.body.error?.code).toBe('VALIDATION_FAILED');
  });

  it('with scope marketing, lets a notification go and stops a MARKETING template’s message', async () => {
    const today = localDateTime('Europe/Paris', Date.now()).weekday;
    const days = [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== today);
    expect((await setWindow({ days, start: '00:00', end: '24:00', skipPublicHolidays: false, scope: 'marketing' })).status).toBe(200);
    const tpl = await call(admin, 'PATCH', `/api/admin/templates/${w.templates.hello}`, { category: 'MARKETING' });
    expect(tpl.status).toBe(200);
    expect(tpl.body.category).toBe('MARKETING');

    const notification = await sendDirect({ text: 'Your parcel is ready' });
    expect(notification.status, JSON.stringify(notification.body)).toBe(201);
    const marketing = await sendDirect({ templateId: w.templates.hello, text: 'Hello Ann, your order 42 is ready.' });
    expect(marketing.status).toBe(422);
    expect(marketing.body.error).toMatchObject({ code: 'OUTSIDE_SENDING_WINDOW', details: { category: 'MARKETING', scope: 'marketing' } });
  });
});

describe('a queue’s sending window', () => {
  it('refuses a message of its Smart conversation outside it, and only marketing when its scope says so', async () => {
    const started = await call(agent, 'POST', '/api/interactions', { recipient: '+33 6 11 22 33 55', queueId: w.queues.support });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const id = String(started.body.interactionId);
    const today = localDateTime('Europe/Paris', Date.now()).weekday;
    const closed = { days: [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== today), start: '00:00', end: '24:00', skipPublicHolidays: false };
    const setQueue = (body: Record<string, unknown>) => call(admin, 'PATCH', `/api/admin/queues/${w.queues.support}`, body);

    expect((await setQueue({ sendingWindow: { ...closed, scope: 'all' } })).status).toBe(200);
    const refused = await call(agent, 'POST', `/api/interactions/${id}/messages`, { text: 'Hello from support' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'OUTSIDE_SENDING_WINDOW', details: { customerZone: 'Europe/Paris', category: 'NOTIFICATION', scope: 'all' } });

    // Marketing only: a notification goes; once the queue is MARKETING, every message of it waits.
    const marketingOnly = await setQueue({ sendingWindow: { ...closed, scope: 'marketing' } });
    expect(marketingOnly.body).toMatchObject({ category: 'NOTIFICATION', sendingWindow: { scope: 'marketing' } });
    expect((await call(agent, 'POST', `/api/interactions/${id}/messages`, { text: 'Hello again' })).status).toBe(201);
    expect((await setQueue({ category: 'MARKETING' })).body).toMatchObject({ category: 'MARKETING' });
    const marketing = await call(agent, 'POST', `/api/interactions/${id}/messages`, { text: 'Our sale starts today' });
    expect(marketing.body.error).toMatchObject({ code: 'OUTSIDE_SENDING_WINDOW', details: { category: 'MARKETING' } });

    // Removed, the queue's window binds nothing any more.
    expect((await setQueue({ sendingWindow: null, category: 'NOTIFICATION' })).body).toMatchObject({ sendingWindow: null });
    expect((await call(agent, 'POST', `/api/interactions/${id}/messages`, { text: 'Last one' })).status).toBe(201);
  });
});

describe('the message category', () => {
  it('is stored with the message and reaches the HTTPS JSON gateway as its type', async () => {
    expect((await setWindow(null)).status).toBe(200);
    const promo = await sendDirect({ templateId: w.templates.hello, text: 'Hello Ann, your order 43 is ready.' });
    const plain = await sendDirect({ text: 'Your parcel 44 is ready' });
    expect([promo.status, plain.status]).toEqual([201, 201]);
    const promoId = String(promo.body.messageId);
    const plainId = String(plain.body.messageId);
    const stored = await tdb.db.selectFrom('messages').select(['id', 'category']).where('id', 'in', [promoId, plainId]).execute();
    expect(Object.fromEntries(stored.map((m) => [m.id, m.category]))).toEqual({ [promoId]: 'MARKETING', [plainId]: 'NOTIFICATION' });

    dispatcher = createDispatcher({ db: tdb.db, providers: (id) => providers.get(id), wake: tdb.outbox, pollIntervalMs: 50, logger: { warn: () => undefined, error: () => undefined } });
    await dispatcher.start();
    const deadline = Date.now() + 15_000;
    const received = () => fake.messages.filter((m) => m.retId === promoId || m.retId === plainId);
    while (received().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(Object.fromEntries(received().map((m) => [m.retId, m.type]))).toEqual({ [promoId]: 'MARKETING', [plainId]: 'NOTIFICATION' });
  });
});
