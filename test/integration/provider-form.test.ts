// The provider form as a newcomer fills it, through the real server: what the server can fill
// (its own status address for Twilio and Vonage) is filled, and a setting left empty is told
// as required rather than as the schema's expectation.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/platform/password.js';
import { buildWorld, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

let tdb: TestDatabase;
let w: World;
let srv: TestServer;
let admin: Record<string, string>;
const PUBLIC = 'https://sms.example.com';
const SID = `AC${'0123456789abcdef'.repeat(2)}`;
const TOKEN = 'twilio-auth-token-0123456789';

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword('pw'), role: 'admin' }).where('id', '=', w.agents.colleague).execute();
  // Twilio cannot signal a national table: the world's Turkish number would hold the type change back.
  await tdb.db.updateTable('sms_numbers').set({ national_language: null }).where('account_id', '=', w.accountId).execute();
  srv = await startTestServer(tdb, { app: { publicBaseUrl: PUBLIC } });
  const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', w.agents.colleague).executeTakeFirstOrThrow();
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password: 'pw' } });
  admin = { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': (r.json as { csrfToken: string }).csrfToken };
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

const put = (body: unknown) => srv.request('PUT', '/api/admin/provider', { headers: admin, body });

it('fills Twilio’s status callback with the address the page shows, from PUBLIC_URL, when it is left empty', async () => {
  const r = await put({ type: 'twilio', settings: { accountSid: SID, authToken: TOKEN } });
  expect(r.status).toBe(200);
  const view = r.json as { settings: Record<string, unknown>; webhooks: { status: string } };
  const { webhook_token } = await tdb.db.selectFrom('accounts').select('webhook_token').where('id', '=', w.accountId).executeTakeFirstOrThrow();
  expect(view.webhooks.status).toBe(`${PUBLIC}/webhooks/twilio/${w.accountId}/${webhook_token}/status`);
  expect(view.settings.statusCallbackUrl).toBe(view.webhooks.status);
  // So the form does not ask for it.
  const described = (r.json as { typeSettings: Record<string, { name: string; required: boolean }[]> }).typeSettings;
  expect(described.twilio?.find((d) => d.name === 'statusCallbackUrl')?.required).toBe(false);
  expect(described.twilio?.find((d) => d.name === 'accountSid')?.required).toBe(true);
  // An address the administrator typed is kept as typed.
  const typed = await put({ type: 'twilio', settings: { accountSid: SID, authToken: TOKEN, statusCallbackUrl: 'https://relay.example.com/twilio/status' } });
  expect((typed.json as { settings: Record<string, unknown> }).settings.statusCallbackUrl).toBe('https://relay.example.com/twilio/status');
});

it('tests a Twilio form left without its status callback on what it would save, not as invalid settings', async () => {
  const r = await srv.request('POST', '/api/admin/provider/test-connection', { headers: admin, body: { type: 'twilio', settings: { accountSid: SID, authToken: TOKEN, baseUrl: 'http://127.0.0.1:9' } } });
  expect(r.status).toBe(200);
  expect(r.json).toMatchObject({ ok: false, problem: 'unreachable' });
});

it('says a setting left empty is required, on its field, rather than the schema’s “expected string”', async () => {
  const r = await put({ type: 'twilio', settings: { accountSid: '', authToken: TOKEN } });
  expect(r.status).toBe(400);
  expect(r.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'settings.accountSid', reason: 'EMPTY', missing: ['accountSid'], issues: ['accountSid: required'] } } });
  expect(r.text).not.toMatch(/expected string|Too small/);
  // Left out altogether, on another type: the same.
  const none = await put({ type: 'vonage', settings: { apiSecret: 'vonage-secret' } });
  expect(none.json).toMatchObject({ error: { details: { field: 'settings.apiKey', reason: 'EMPTY', missing: ['apiKey'] } } });
  // A value that is there but wrong still says why.
  const wrong = await put({ type: 'twilio', settings: { accountSid: 'AC123', authToken: TOKEN } });
  expect(wrong.json).toMatchObject({ error: { details: { field: 'settings.accountSid', reason: 'INVALID_SETTING', issues: ['accountSid: must be AC followed by 32 hex digits'] } } });
});
