import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/platform/password.js';
import { createHttpApp, type HttpApp } from '../../src/main/http-app.js';
import { webhookUrls } from '../../src/app/admin/provider-settings.js';
import { createProviderFactory } from '../../src/main/provider-factory.js';
import { secretContext } from '../../src/providers/secrets-config.js';
import { isConnectionTester } from '../../src/providers/webhook.js';
import { decryptSecret, isEncryptedSecret } from '../../src/providers/secrets.js';
import { isSecretSetting } from '../../src/providers/secrets-redact.js';
import { defaultProviderRegistry } from '../../src/providers/registry-entries.js';
import { ProviderView } from '../../src/api/admin-schemas.js';
import { HttpJsonFake } from '../fixtures/fakes/http-json-fake.js';
import { buildWorld, testDeps, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

const PASSWORD = 'correct horse battery staple';
const SECRET_KEY = 'admin-test-passphrase-0123456789';
const WEBHOOK_SECRET = 'w'.repeat(24) + 'webhook-secret-tail';

let tdb: TestDatabase;
let w: World;
let http: HttpApp;
let base: string;
let fake: HttpJsonFake;

interface Session {
  cookie: string;
  csrf: string;
}
let admin: Session;
let agent: Session;
let otherAdmin: Session;

interface Res {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; details?: Record<string, unknown> } };
}

async function call(s: Session | null, method: string, path: string, body?: unknown): Promise<Res> {
  const headers: Record<string, string> = s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {};
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

const adminEvents = async (type: string) =>
  tdb.db.selectFrom('events').select(['type', 'payload', 'agent_id', 'queue_id']).where('account_id', '=', w.accountId).where('type', '=', type).orderBy('id').execute();

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db, { credits: 100 });
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).execute();
  await tdb.db.updateTable('agents').set({ role: 'admin' }).where('id', 'in', [w.agents.colleague, w.agents.other]).execute();
  const deps = { ...testDeps(tdb.db), wake: () => (tdb.wakeSource.wake(), tdb.outbox.wake()) };
  http = await createHttpApp({ deps, wakeSource: tdb.wakeSource, webhooks: { handle: async () => null, apply: async () => undefined }, migrationsCurrent: async () => true, secretKey: SECRET_KEY });
  await http.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(http.app.server.address() as AddressInfo).port}`;
  fake = await HttpJsonFake.start({ username: 'gw-user', password: 'gw-password-1234', webhookSecrets: [WEBHOOK_SECRET] });
  admin = await login(w.agents.colleague);
  agent = await login(w.agents.both);
  otherAdmin = await login(w.agents.other);
}, 60_000);

afterAll(async () => {
  await fake?.close();
  await http?.close();
  await tdb?.close();
});

describe('access', () => {
  it('refuses agents with FORBIDDEN and anonymous callers with UNAUTHENTICATED', async () => {
    for (const [m, p] of [
      ['GET', '/api/admin/provider'],
      ['GET', '/api/admin/credits'],
      ['GET', '/api/admin/profiles'],
      ['GET', '/api/admin/agents'],
      ['GET', '/api/admin/inbox'],
      ['GET', '/api/admin/opt-outs'],
    ] as const) {
      expect((await call(agent, m, p)).body.error?.code).toBe('FORBIDDEN');
      expect((await call(null, m, p)).status).toBe(401);
    }
    const r = await call(agent, 'POST', '/api/admin/credits/top-ups', { amount: 5 });
    expect(r.status).toBe(403);
  });

  it('answers NOT_FOUND for another account’s ids', async () => {
    expect((await call(otherAdmin, 'PATCH', `/api/admin/templates/${w.templates.hello}`, { name: 'x' })).status).toBe(404);
    expect((await call(otherAdmin, 'GET', `/api/admin/templates/${w.templates.hello}`)).status).toBe(404);
    expect((await call(otherAdmin, 'PATCH', `/api/admin/numbers/${w.numbers.direct}`, { sendRatePerSecond: 1 })).status).toBe(404);
    expect((await call(otherAdmin, 'PATCH', `/api/admin/queues/${w.queues.support}`, { name: 'x' })).status).toBe(404);
    expect((await call(otherAdmin, 'PATCH', `/api/admin/agents/${w.agents.both}`, { disabled: true })).status).toBe(404);
    expect((await call(otherAdmin, 'POST', `/api/admin/agents/${w.agents.both}/password`)).status).toBe(404);
    const queue = await call(otherAdmin, 'POST', '/api/admin/queues', { name: 'Steal', smsNumberId: w.numbers.direct });
    expect(queue.status).toBe(404);
    expect(queue.body.error?.details).toMatchObject({ field: 'smsNumberId' });
    const prof = await call(otherAdmin, 'POST', '/api/admin/profiles', { name: 'Steal', templateIds: [w.templates.hello] });
    expect(prof.body.error).toMatchObject({ code: 'NOT_FOUND', details: { field: 'templateIds' } });
    const mine = (await call(otherAdmin, 'GET', '/api/admin/profiles')).body.profiles as { name: string }[];
    expect(mine.map((p) => p.name)).toEqual(['Other']);
  });
});

describe('SMS provider', () => {
  it('stores sealed secrets, shows them redacted, keeps them when sent back redacted or empty', async () => {
    const settings = { url: fake.url, username: 'gw-user', password: 'gw-password-1234', webhookSecret: WEBHOOK_SECRET };
    // The world's sales number uses the Turkish table, which HTTPS JSON cannot send: cleared here (national tables: national-tables.test.ts).
    await tdb.db.updateTable('sms_numbers').set({ national_language: null }).where('id', '=', w.numbers.sales).execute();
    const put = await call(admin, 'PUT', '/api/admin/provider', { type: 'http-json', settings });
    expect(put.status).toBe(200);
    const { webhook_token: token } = await tdb.db.selectFrom('accounts').select('webhook_token').where('id', '=', w.accountId).executeTakeFirstOrThrow();
    expect(put.body).toMatchObject({ type: 'http-json', secretsEncrypted: true, webhooks: { status: `${base}/webhooks/http-json/${w.accountId}/${token}/status`, inbound: `${base}/webhooks/http-json/${w.accountId}/${token}/inbound` } });
    const shown = JSON.stringify(put.body);
    expect(shown).not.toContain('gw-password-1234');
    expect(shown).not.toContain(WEBHOOK_SECRET);
    const s = put.body.settings as Record<string, string>;
    expect(s.webhookSecret).toBe('••••tail');

    const row = await tdb.db.selectFrom('accounts').select('provider_config').where('id', '=', w.accountId).executeTakeFirstOrThrow();
    const stored = row.provider_config as Record<string, string>;
    expect(isEncryptedSecret(stored.password)).toBe(true);
    expect(decryptSecret(stored.password!, SECRET_KEY, `${secretContext(w.accountId)}/password`)).toBe('gw-password-1234');
    expect(stored.username).toBe('gw-user');

    const again = await call(admin, 'PUT', '/api/admin/provider', { type: 'http-json', settings: { ...s, password: '', timeoutMs: 9000 } });
    expect(again.status).toBe(200);
    const row2 = (await tdb.db.selectFrom('accounts').select('provider_config').where('id', '=', w.accountId).executeTakeFirstOrThrow()).provider_config as Record<string, unknown>;
    expect(decryptSecret(row2.password as string, SECRET_KEY, `${secretContext(w.accountId)}/password`)).toBe('gw-password-1234');
    expect(decryptSecret(row2.webhookSecret as string, SECRET_KEY, `${secretContext(w.accountId)}/webhookSecret`)).toBe(WEBHOOK_SECRET);
    expect(row2.timeoutMs).toBe(9000);

    // The running server's factory opens what the administration API sealed.
    const built = await createProviderFactory(SECRET_KEY)(w.accountId, 'http-json', row2);
    expect(isConnectionTester(built) && (await built.testConnection())).toEqual({ ok: true });
    await built.close?.();
    await expect(Promise.resolve().then(() => createProviderFactory('another-passphrase-0000')(w.accountId, 'http-json', row2))).rejects.toThrow();

    const get = await call(admin, 'GET', '/api/admin/provider');
    expect(JSON.stringify(get.body)).not.toContain('gw-password-1234');

    const audit = await adminEvents('admin.provider.updated');
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ agent_id: null, queue_id: null, payload: { actorId: w.agents.colleague, targetId: w.accountId, before: { type: 'simulator' }, after: { type: 'http-json' } } });
    expect(JSON.stringify(audit)).not.toContain('gw-password-1234');
    expect(JSON.stringify(audit)).not.toContain('tail');
  });

  it('gives webhook addresses from PUBLIC_URL when set, none for SMPP', () => {
    const token = { webhook_token: 'f'.repeat(64), webhook_token_previous_until: null };
    const at = new Date();
    expect(webhookUrls('twilio', 'acc_1', token, 'https://sms.example.com/', at)).toEqual({
      status: `https://sms.example.com/webhooks/twilio/acc_1/${'f'.repeat(64)}/status`,
      inbound: `https://sms.example.com/webhooks/twilio/acc_1/${'f'.repeat(64)}/inbound`,
      previousAcceptedUntil: null,
    });
    expect(webhookUrls('smpp', 'acc_1', token, 'https://sms.example.com', at)).toBeNull();
  });

  it('describes each registered type’s settings from the registry’s own schemas, secrets flagged', async () => {
    const get = await call(admin, 'GET', '/api/admin/provider');
    const view = ProviderView.parse(get.body);
    expect(Object.keys(view.typeSettings).sort()).toEqual([...defaultProviderRegistry.types].sort());
    for (const type of view.types) {
      const described = view.typeSettings[type] ?? [];
      expect(described.length, type).toBeGreaterThan(0);
      for (const s of described) expect(s.secret, `${type}.${s.name}`).toBe(isSecretSetting(s.name));
      // Every setting described is one the type accepts: a form built from them is not refused for their names.
      const accepts = defaultProviderRegistry.validate({ type, config: Object.fromEntries(described.map((s) => [s.name, null])) });
      const unknownKeys = accepts.ok ? [] : accepts.issues.filter((i) => /unrecognized/i.test(i.message));
      expect(unknownKeys, type).toEqual([]);
    }
    const http = new Map((view.typeSettings['http-json'] ?? []).map((s) => [s.name, s]));
    expect(http.get('webhookSecret')).toEqual({ name: 'webhookSecret', kind: 'text', required: true, secret: true });
    expect(http.get('url')).toMatchObject({ kind: 'url', required: true, secret: false });
    expect(http.get('trafficType')).toMatchObject({ kind: 'choice', choices: ['NOTIFICATION', 'MARKETING'], default: 'NOTIFICATION' });
    expect(view.typeSettings.twilio?.find((s) => s.name === 'authToken')).toMatchObject({ required: true, secret: true });
    expect(view.typeSettings.smpp?.find((s) => s.name === 'password')).toMatchObject({ secret: true });
  });

  it('refuses invalid settings with the field, and an unknown type', async () => {
    const bad = await call(admin, 'PUT', '/api/admin/provider', { type: 'http-json', settings: { url: fake.url, webhookSecret: 'short' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'settings.webhookSecret', reason: 'INVALID_SETTING' } });
    const unknown = await call(admin, 'PUT', '/api/admin/provider', { type: 'carrier-pigeon', settings: {} });
    expect(unknown.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'type', reason: 'UNKNOWN_PROVIDER_TYPE' } });
    const redactedNew = await call(admin, 'PUT', '/api/admin/provider', { type: 'twilio', settings: { authToken: '••••abcd' } });
    expect(redactedNew.body.error?.details).toMatchObject({ field: 'settings.authToken', reason: 'REDACTED_WITHOUT_STORED_VALUE' });
    const shape = await call(admin, 'PUT', '/api/admin/provider', { type: 'http-json', settings: {}, extra: 1 });
    expect(shape.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'extra', reason: 'UNRECOGNIZED_KEYS' } });
  });

  it('tests the stored connection and submitted settings against a local gateway, never with a 500', async () => {
    expect((await call(admin, 'POST', '/api/admin/provider/test-connection')).body).toEqual({ ok: true });
    const stored = (await call(admin, 'GET', '/api/admin/provider')).body.settings as Record<string, unknown>;
    const wrong = await call(admin, 'POST', '/api/admin/provider/test-connection', { type: 'http-json', settings: { ...stored, password: 'not-the-password' } });
    expect(wrong.status).toBe(200);
    expect(wrong.body).toMatchObject({ ok: false, problem: 'credentials' });
    const down = await call(admin, 'POST', '/api/admin/provider/test-connection', { type: 'http-json', settings: { ...stored, url: 'http://127.0.0.1:9/v1/sms' } });
    expect(down.body).toMatchObject({ ok: false, problem: 'unreachable' });
    const invalid = await call(admin, 'POST', '/api/admin/provider/test-connection', { type: 'http-json', settings: { url: 'ftp://x' } });
    expect(invalid.body).toMatchObject({ ok: false, problem: 'invalid_settings' });
    const sim = await call(admin, 'POST', '/api/admin/provider/test-connection', { type: 'simulator', settings: {} });
    expect(sim.body).toEqual({ ok: true });
    // The stored settings are untouched by tests.
    expect((await call(admin, 'GET', '/api/admin/provider')).body.type).toBe('http-json');
  });
});

describe('credits', () => {
  it('tops up, adjusts both ways, refuses going below zero, and lists the ledger with who and why', async () => {
    expect((await call(admin, 'GET', '/api/admin/credits')).body).toEqual({ balance: 100 });
    expect((await call(admin, 'POST', '/api/admin/credits/top-ups', { amount: 50, note: 'invoice 42' })).body).toEqual({ balance: 150 });
    expect((await call(admin, 'POST', '/api/admin/credits/adjustments', { amount: -30, reason: 'test sends' })).body).toEqual({ balance: 120 });
    const over = await call(admin, 'POST', '/api/admin/credits/adjustments', { amount: -121, reason: 'too much' });
    expect(over.status).toBe(400);
    expect(over.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'amount', reason: 'EXCEEDS_BALANCE', balance: 120 } });
    expect((await call(admin, 'POST', '/api/admin/credits/adjustments', { amount: 5 })).body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'reason' } });
    expect((await call(admin, 'POST', '/api/admin/credits/adjustments', { amount: 0, reason: 'x' })).body.error?.details).toMatchObject({ field: 'amount' });
    expect((await call(admin, 'POST', '/api/admin/credits/adjustments', { amount: -120, reason: 'all of it' })).body).toEqual({ balance: 0 });
    expect((await call(admin, 'POST', '/api/admin/credits/adjustments', { amount: 10, reason: 'goodwill' })).body).toEqual({ balance: 10 });

    const page1 = await call(admin, 'GET', '/api/admin/credits/ledger?limit=2');
    const entries = page1.body.entries as { delta: number; reason: string; actor: string; actorName: string | null }[];
    expect(entries).toEqual([
      expect.objectContaining({ delta: 10, reason: 'adjustment: goodwill', actor: w.agents.colleague, actorName: 'Cole Colleague' }),
      expect.objectContaining({ delta: -120, reason: 'adjustment: all of it' }),
    ]);
    const page2 = await call(admin, 'GET', `/api/admin/credits/ledger?limit=10&before=${String(page1.body.nextBefore)}`);
    expect((page2.body.entries as { reason: string }[]).map((e) => e.reason)).toEqual(['adjustment: test sends', 'top-up: invoice 42', 'test:seed']);
    expect(page2.body.nextBefore).toBeNull();
    expect(await adminEvents('admin.credits.adjusted')).toHaveLength(3);
    expect(await adminEvents('admin.credits.topped_up')).toHaveLength(1);
    // Each change told every agent of the account the new balance (the refused one told nobody).
    const announced = await adminEvents('credits.changed');
    expect(announced.map((e) => (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload))).toEqual([{ balance: 150 }, { balance: 120 }, { balance: 0 }, { balance: 10 }]);
    expect(announced.every((e) => e.agent_id === null && e.queue_id === null)).toBe(true);
  });

  it('concurrent negative adjustments never take the balance below zero', async () => {
    const start = (await call(admin, 'GET', '/api/admin/credits')).body.balance as number;
    const tries = await Promise.all(Array.from({ length: 8 }, () => call(admin, 'POST', '/api/admin/credits/adjustments', { amount: -3, reason: 'race' })));
    const ok = tries.filter((r) => r.status === 201).length;
    expect(ok).toBe(Math.floor(start / 3));
    expect(tries.filter((r) => r.status === 400).every((r) => r.body.error?.details?.reason === 'EXCEEDS_BALANCE')).toBe(true);
    expect((await call(admin, 'GET', '/api/admin/credits')).body.balance).toBe(start - 3 * ok);
  });
});

describe('numbers, templates, profiles, queues', () => {
  it('numbers: E.164 normalised, alphanumeric ids, refusals with field and reason', async () => {
    // A national table needs a provider that can send it (the simulator does; HTTPS JSON, set above, does not).
    await tdb.db.updateTable('accounts').set({ provider_type: 'simulator', provider_config: JSON.stringify({}) }).where('id', '=', w.accountId).execute();
    const n = await call(admin, 'POST', '/api/admin/numbers', { address: '+33 7 57 00 00 42', sendRatePerSecond: 5, nationalLanguage: 'spanish' });
    expect(n.status).toBe(201);
    expect(n.body).toMatchObject({ address: '+33757000042', sendRatePerSecond: 5, nationalLanguage: 'spanish' });
    expect((await call(admin, 'POST', '/api/admin/numbers', { address: 'ACME Shop' })).body).toMatchObject({ address: 'ACME Shop', sendRatePerSecond: 10, nationalLanguage: null });
    for (const [address, reason] of [
      ['+1 23', 'INVALID_E164'],
      ['0612345678', 'MISSING_COUNTRY_CODE'],
      ['AB', 'INVALID_SENDER_ID'],
      ['ACME-SHOP', 'INVALID_SENDER_ID'],
      ['TWELVECHARSX', 'INVALID_SENDER_ID'],
      ['+33757000042', 'ALREADY_EXISTS'],
    ]) {
      const r = await call(admin, 'POST', '/api/admin/numbers', { address });
      expect(r.body.error, address).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'address', reason } });
    }
    const up = await call(admin, 'PATCH', `/api/admin/numbers/${String(n.body.id)}`, { nationalLanguage: null, sendRatePerSecond: 2.5 });
    expect(up.body).toMatchObject({ nationalLanguage: null, sendRatePerSecond: 2.5 });
    expect((await call(admin, 'GET', '/api/admin/numbers')).body.numbers).toHaveLength(6);
    expect(await adminEvents('admin.number.updated')).toEqual([expect.objectContaining({ payload: expect.objectContaining({ before: expect.objectContaining({ nationalLanguage: 'spanish' }), after: expect.objectContaining({ nationalLanguage: null }) }) })]);
  });

  it('templates: variables, credit analysis, who uses them; empty bodies refused', async () => {
    const t = await call(admin, 'POST', '/api/admin/templates', { name: 'Promo', body: 'Hi $name, 20€ off with code $code — today only' });
    expect(t.status).toBe(201);
    expect(t.body).toMatchObject({ variables: ['name', 'code'], analysis: { encoding: 'UCS-2', segments: 1, overLimit: false, nonGsm: ['—'] }, usedBy: { queues: [], profiles: [] } });
    expect((await call(admin, 'POST', '/api/admin/templates', { name: 'Blank', body: '   ' })).body.error).toMatchObject({ details: { field: 'body', reason: 'EMPTY' } });
    const hello = await call(admin, 'GET', `/api/admin/templates/${w.templates.hello}`);
    expect(hello.body).toMatchObject({ variables: ['firstname', 'order'], analysis: { encoding: 'GSM-7' }, usedBy: { profiles: [{ name: 'Both' }, { name: 'Direct' }, { name: 'No messaging' }] } });
    const qt = await call(admin, 'GET', `/api/admin/templates/${w.templates.queueTpl}`);
    expect(qt.body.usedBy).toEqual({ queues: [{ id: w.queues.support, name: 'Support' }], profiles: [] });
    const up = await call(admin, 'PATCH', `/api/admin/templates/${String(t.body.id)}`, { body: 'Hi $name' });
    expect(up.body).toMatchObject({ name: 'Promo', variables: ['name'], analysis: { encoding: 'GSM-7' } });
    expect(await adminEvents('admin.template.updated')).toHaveLength(1);
  });

  it('profiles: create and update with countries, numbers and templates of the account only', async () => {
    const p = await call(admin, 'POST', '/api/admin/profiles', {
      name: 'Night shift',
      permissions: { messaging: true, smart: true },
      maxInteractions: 4,
      authorizedCountries: ['fr', 'BE', 'FR'],
      numberIds: [w.numbers.direct],
      templateIds: [w.templates.hello],
    });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ permissions: { messaging: true, direct: false, smart: true }, maxInteractions: 4, authorizedCountries: ['BE', 'FR'], numberIds: [w.numbers.direct], templateIds: [w.templates.hello] });
    const bad = await call(admin, 'POST', '/api/admin/profiles', { name: 'X', authorizedCountries: ['FR', 'XX'] });
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'authorizedCountries', reason: 'UNKNOWN_COUNTRY', country: 'XX' } });
    const id = String(p.body.id);
    const up = await call(admin, 'PATCH', `/api/admin/profiles/${id}`, { permissions: { direct: true }, templateIds: [] });
    expect(up.body).toMatchObject({ name: 'Night shift', permissions: { messaging: true, direct: true, smart: true }, templateIds: [], numberIds: [w.numbers.direct] });
    expect((await call(admin, 'PATCH', `/api/admin/profiles/${id}`, { maxInteractions: -1 })).body.error).toMatchObject({ details: { field: 'maxInteractions' } });
    expect((await call(admin, 'GET', '/api/admin/profiles')).body.profiles).toHaveLength(6);
    expect(await adminEvents('admin.profile.created')).toHaveLength(1);
  });

  it('queues: number, templates and members', async () => {
    const q = await call(admin, 'POST', '/api/admin/queues', { name: 'VIP', smsNumberId: w.numbers.orphan, templateIds: [w.templates.queueTpl], memberIds: [w.agents.both] });
    expect(q.status).toBe(201);
    expect(q.body).toMatchObject({ name: 'VIP', smsNumberId: w.numbers.orphan, templateIds: [w.templates.queueTpl], memberIds: [w.agents.both] });
    const foreign = await call(admin, 'PATCH', `/api/admin/queues/${String(q.body.id)}`, { memberIds: [w.agents.other] });
    expect(foreign.body.error).toMatchObject({ code: 'NOT_FOUND', details: { field: 'memberIds' } });
    const up = await call(admin, 'PATCH', `/api/admin/queues/${String(q.body.id)}`, { smsNumberId: null, memberIds: [w.agents.both, w.agents.colleague] });
    expect(up.body).toMatchObject({ smsNumberId: null, memberIds: [w.agents.both, w.agents.colleague].sort() });
    // The agent sees the new queue at once.
    const mine = (await call(agent, 'GET', '/api/queues')).body.queues as { name: string }[];
    expect(mine.map((x) => x.name)).toContain('VIP');
  });
});

describe('agents', () => {
  it('creates with a one-time password that signs in once given, changes role and profile, disables', async () => {
    const c = await call(admin, 'POST', '/api/admin/agents', { email: 'New.Agent@Example.test', name: 'New Agent', profileId: null });
    expect(c.status).toBe(201);
    const otp = c.body.oneTimePassword as string;
    expect(otp.length).toBeGreaterThanOrEqual(20);
    const created = c.body.agent as { id: string; email: string };
    expect(created.email).toBe('new.agent@example.test');
    const stored = await tdb.db.selectFrom('agents').select('password_hash').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^scrypt\$/);
    expect(stored.password_hash).not.toContain(otp);
    const signIn = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: created.email, password: otp }) });
    expect(signIn.status).toBe(200);
    expect((await call(admin, 'GET', '/api/admin/agents')).body.agents).toContainEqual(expect.not.objectContaining({ oneTimePassword: expect.anything() }));
    expect(JSON.stringify((await call(admin, 'GET', '/api/admin/agents')).body)).not.toContain('scrypt');

    const dup = await call(admin, 'POST', '/api/admin/agents', { email: 'new.agent@example.test', name: 'Again' });
    expect(dup.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'email', reason: 'ALREADY_EXISTS' } });
    const foreignProfile = await call(admin, 'POST', '/api/admin/agents', { email: 'x@example.test', name: 'X', profileId: 'prof_nope' });
    expect(foreignProfile.status).toBe(404);

    const up = await call(admin, 'PATCH', `/api/admin/agents/${created.id}`, { role: 'admin', lang: 'fr' });
    expect(up.body).toMatchObject({ role: 'admin', lang: 'fr', disabled: false });
    expect((await call(admin, 'PATCH', `/api/admin/agents/${w.agents.colleague}`, { disabled: true })).body.error).toMatchObject({ details: { field: 'disabled', reason: 'SELF' } });

    const victim = await login(w.agents.directOnly);
    expect((await call(victim, 'GET', '/api/me')).status).toBe(200);
    expect((await call(admin, 'PATCH', `/api/admin/agents/${w.agents.directOnly}`, { disabled: true })).body).toMatchObject({ disabled: true });
    expect((await call(victim, 'GET', '/api/me')).status).toBe(401);

    const reset = await call(admin, 'POST', `/api/admin/agents/${w.agents.smartOnly}/password`);
    expect(typeof reset.body.oneTimePassword).toBe('string');
    expect(JSON.stringify(await adminEvents('admin.agent.created'))).not.toContain(otp);
    expect(await adminEvents('admin.agent.password_reset')).toHaveLength(1);
  });
});

describe('unassigned inbox and opt-outs', () => {
  it('lists inbound messages without interaction and the opt-out list, of the account only', async () => {
    const msg = (id: string, account: string, interaction: string | null) => ({
      id,
      account_id: account,
      interaction_id: interaction,
      direction: 'in' as const,
      status: 'received' as const,
      from_address: '+33612345678',
      to_address: '+33757000009',
      body: `hello ${id}`,
      encoding: 'GSM-7' as const,
      units: 5,
      segments: 1,
      credits: 0,
    });
    await tdb.db.insertInto('messages').values([msg('in_1', w.accountId, null), msg('in_2', w.accountId, null), msg('in_x', w.otherAccountId, null)]).execute();
    await tdb.db.insertInto('opt_outs').values([{ account_id: w.accountId, number: '+33698765432', keyword: 'STOP' }, { account_id: w.otherAccountId, number: '+33600000000', keyword: 'ARRET' }]).execute();
    const inbox = await call(admin, 'GET', '/api/admin/inbox?limit=1');
    expect(inbox.body.messages).toEqual([expect.objectContaining({ id: 'in_2', body: 'hello in_2', from: '+33612345678' })]);
    const next = await call(admin, 'GET', `/api/admin/inbox?before=${String(inbox.body.nextBefore)}`);
    expect((next.body.messages as { id: string }[]).map((m) => m.id)).toEqual(['in_1']);
    expect((await call(admin, 'GET', '/api/admin/opt-outs')).body.optOuts).toEqual([expect.objectContaining({ number: '+33698765432', keyword: 'STOP' })]);
    expect((await call(admin, 'GET', '/api/admin/inbox?limit=0')).body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'limit' } });
  });
});

describe('audit trail', () => {
  it('lists every change with who, what, before and after, newest first, paged, of the account only', async () => {
    const made = await call(admin, 'POST', '/api/admin/numbers', { address: '+33 7 57 00 00 88' });
    expect(made.status).toBe(201);
    const numberId = String(made.body.id);
    expect((await call(admin, 'PATCH', `/api/admin/numbers/${numberId}`, { sendRatePerSecond: 3 })).status).toBe(200);
    await call(otherAdmin, 'POST', '/api/admin/numbers', { address: '+33 7 57 00 00 89' });
    const page = await call(admin, 'GET', '/api/admin/audit?limit=2');
    expect(page.status).toBe(200);
    const entries = page.body.entries as { what: string; actorId: string; actorName: string; targetId: string; before: { sendRatePerSecond?: number } | null; after: { sendRatePerSecond?: number } | null }[];
    expect(entries.map((e) => [e.what, e.targetId])).toEqual([
      ['number.updated', numberId],
      ['number.created', numberId],
    ]);
    expect(entries[0]).toMatchObject({ actorId: w.agents.colleague, before: { sendRatePerSecond: 10 }, after: { sendRatePerSecond: 3 } });
    expect(entries[0]!.actorName).toBeTruthy();
    const older = await call(admin, 'GET', `/api/admin/audit?limit=500&before=${String(page.body.nextBefore)}`);
    const all = [...entries, ...(older.body.entries as { targetId: string }[])];
    expect(all.some((e) => e.targetId !== null && String(e.targetId).length > 0)).toBe(true);
    // Nothing of the other account's administrator.
    const otherNumber = await tdb.db.selectFrom('sms_numbers').select('id').where('account_id', '=', w.otherAccountId).where('address', '=', '+33757000089').executeTakeFirstOrThrow();
    expect(all.map((e) => e.targetId)).not.toContain(otherNumber.id);
    expect((await call(agent, 'GET', '/api/admin/audit')).status).toBe(403);
  });
});

describe('live stream', () => {
  it('shows admin.* events to administrators only', async () => {
    const open = async (s: Session) => {
      const ac = new AbortController();
      const r = await fetch(`${base}/api/events`, { headers: { cookie: s.cookie }, signal: ac.signal });
      expect(r.status).toBe(200);
      const seen: string[] = [];
      const reader = (async () => {
        const decoder = new TextDecoder();
        try {
          for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) seen.push(decoder.decode(chunk));
        } catch {
          // aborted
        }
      })();
      return { seen, stop: async () => (ac.abort(), await reader) };
    };
    const a = await open(admin);
    const g = await open(agent);
    await call(admin, 'POST', '/api/admin/templates', { name: 'Live', body: 'Live $x' });
    const deadline = Date.now() + 5000;
    while (!a.seen.join('').includes('admin.template.created') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    await a.stop();
    await g.stop();
    expect(a.seen.join('')).toContain('event: admin.template.created');
    expect(g.seen.join('')).not.toContain('admin.');
  });
});

describe('OpenAPI', () => {
  it('documents the administration routes', async () => {
    const doc = (await (await fetch(`${base}/api/docs`)).json()) as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    expect(doc.paths['/api/admin/provider']?.put?.requestBody).toBeDefined();
    const answer = (doc.paths['/api/admin/provider']?.get as { responses?: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }> } | undefined)?.responses?.['200'];
    expect(Object.keys(answer?.content?.['application/json']?.schema?.properties ?? {})).toContain('typeSettings');
    expect(doc.paths['/api/admin/agents/{id}']?.patch).toBeDefined();
  });
});
