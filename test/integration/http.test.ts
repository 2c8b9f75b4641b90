import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/platform/password.js';
import { hashSecret } from '../../src/platform/secret-token.js';
import { buildWorld, CUSTOMER, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

let tdb: TestDatabase;
let w: World;
let srv: TestServer;
const PASSWORD = 'correct horse battery staple';
const TOKEN = 'smsd_telephony_token_for_tests_0123456789';
const OTHER_TOKEN = 'smsd_other_account_token_0123456789abcd';

interface Session {
  cookie: string;
  csrf: string;
}
let agent: Session;
let admin: Session;
let smartOnly: Session;
let other: Session;
let otherAdmin: Session;
let supervisor: Session;

async function login(email: string): Promise<Session> {
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  expect(r.status).toBe(200);
  const set = r.headers.get('set-cookie') ?? '';
  expect(set).toMatch(/HttpOnly/i);
  expect(set).toMatch(/SameSite=Strict/i);
  return { cookie: set.split(';')[0]!, csrf: (r.json as { csrfToken: string }).csrfToken };
}

const authed = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  const hash = await hashPassword(PASSWORD);
  await tdb.db.updateTable('agents').set({ password_hash: hash }).execute();
  await tdb.db.updateTable('agents').set({ role: 'admin' }).where('id', '=', w.agents.colleague).execute();
  await tdb.db
    .insertInto('api_tokens')
    .values([
      { id: 'tok1', account_id: w.accountId, name: 'PBX', token_hash: hashSecret(TOKEN), scopes: ['telephony'] },
      { id: 'tok2', account_id: w.otherAccountId, name: 'PBX other', token_hash: hashSecret(OTHER_TOKEN), scopes: ['telephony'] },
    ])
    .execute();
  srv = await startTestServer(tdb);
  const email = async (id: string) => (await tdb.db.selectFrom('agents').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email;
  agent = await login(await email(w.agents.both));
  admin = await login(await email(w.agents.colleague));
  smartOnly = await login(await email(w.agents.smartOnly));
  other = await login(await email(w.agents.other));
  await tdb.db.insertInto('agents').values({ id: 'other-admin', account_id: w.otherAccountId, email: 'other-admin@example.test', name: 'Otto Admin', role: 'admin', password_hash: hash }).execute();
  otherAdmin = await login('other-admin@example.test');
  // A supervisor of Support with no profile: sees outcomes and Support's conversations, sends nothing.
  await tdb.db.insertInto('agents').values({ id: 'sup', account_id: w.accountId, email: 'sup@example.test', name: 'Sue Supervisor', role: 'supervisor', password_hash: hash }).execute();
  await tdb.db.insertInto('queue_supervisors').values({ queue_id: w.queues.support, agent_id: 'sup' }).execute();
  supervisor = await login('sup@example.test');
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

describe('authentication', () => {
  it('refuses a wrong password with the envelope, in French when asked', async () => {
    const r = await srv.request('POST', '/api/auth/login', { body: { email: 'nobody@example.test', password: 'x' }, headers: { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' } });
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Veuillez vous connecter.', details: { reason: 'BAD_CREDENTIALS' } } });
  });
  it('needs the CSRF header for cookie-authenticated writes', async () => {
    const r = await srv.request('POST', '/api/direct/messages', { headers: { cookie: agent.cookie }, body: { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'hi' } });
    expect(r.status).toBe(403);
    expect((r.json as { error: { details: { reason: string } } }).error.details.reason).toBe('CSRF_TOKEN_MISSING_OR_WRONG');
  });
  it('logout ends the session server-side', async () => {
    const s = await login(await tdb.db.selectFrom('agents').select('email').where('id', '=', w.agents.directOnly).executeTakeFirstOrThrow().then((a) => a.email));
    expect((await srv.request('GET', '/api/me', { headers: authed(s) })).status).toBe(200);
    expect((await srv.request('POST', '/api/auth/logout', { headers: authed(s) })).status).toBe(200);
    expect((await srv.request('GET', '/api/me', { headers: authed(s) })).status).toBe(401);
  });
});

describe('agent API', () => {
  it('me, number check, options, queues', async () => {
    const me = await srv.request('GET', '/api/me', { headers: authed(agent) });
    expect(me.json).toMatchObject({ modes: { kind: 'choose' }, credits: 1000, providerConfigured: true });
    const ok = await srv.request('GET', `/api/numbers/check?number=${encodeURIComponent('+33 6 12 34 56 78')}`, { headers: authed(agent) });
    expect(ok.json).toMatchObject({ valid: true, e164: CUSTOMER, country: 'FR', type: 'MOBILE', authorized: true });
    const de = await srv.request('GET', `/api/numbers/check?number=${encodeURIComponent('+49 1512 3456789')}`, { headers: authed(agent) });
    expect(de.json).toMatchObject({ valid: true, authorized: false, code: 'COUNTRY_NOT_AUTHORIZED' });
    const fixed = await srv.request('GET', `/api/numbers/check?number=${encodeURIComponent('+33 1 42 68 53 00')}`, { headers: authed(agent) });
    expect(fixed.json).toMatchObject({ valid: false, code: 'INVALID_NUMBER', details: { reason: 'NOT_MOBILE' } });
    expect((await srv.request('GET', '/api/queues', { headers: authed(agent) })).json).toMatchObject({ queues: [{ name: 'Sales' }, { name: 'Support' }, { name: 'Unconfigured' }] });
  });

  it('sends Direct with an Idempotency-Key: same key and body replay, another body is refused with 422', async () => {
    const body = { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'Your code is 1234' };
    const h = { ...authed(agent), 'idempotency-key': 'k-1' };
    const a = await srv.request('POST', '/api/direct/messages', { headers: h, body });
    expect(a.status).toBe(201);
    const b = await srv.request('POST', '/api/direct/messages', { headers: h, body });
    expect(b.status).toBe(201);
    expect(b.json).toEqual(a.json);
    const c = await srv.request('POST', '/api/direct/messages', { headers: h, body: { ...body, text: 'another' } });
    expect(c.status).toBe(422);
    const n = await tdb.db.selectFrom('messages').select('id').where('body', '=', 'Your code is 1234').execute();
    expect(n).toHaveLength(1);
  });

  it('maps refusals to the envelope with the right status', async () => {
    const send = (s: Session, body: Record<string, unknown>, lang = 'en') => srv.request('POST', '/api/direct/messages', { headers: { ...authed(s), 'accept-language': lang }, body });
    const over = await send(agent, { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'x'.repeat(1225) });
    expect(over.status).toBe(422);
    expect(over.json).toMatchObject({ error: { code: 'CREDIT_LIMIT_EXCEEDED', details: { segments: 9 } } });
    const fr = await send(agent, { recipient: '0612345678', senderId: w.numbers.direct, text: 'x' }, 'fr');
    expect(fr.json).toMatchObject({ error: { code: 'INVALID_NUMBER', message: expect.stringMatching(/^Numéro invalide/) } });
    const mode = await send(smartOnly, { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'x' });
    expect(mode.status).toBe(403);
    const bad = await srv.request('POST', '/api/direct/messages', { headers: { ...authed(agent), 'content-type': 'application/json' }, rawBody: '{"recipient":' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const extra = await send(agent, { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'x', admin: true });
    expect(extra.status).toBe(400);
  });

  it('runs a Smart conversation over HTTP', async () => {
    const start = await srv.request('POST', '/api/interactions', { headers: authed(smartOnly), body: { recipient: '+33 6 98 76 54 32', queueId: w.queues.support } });
    expect(start.status).toBe(201);
    const id = (start.json as { interactionId: string }).interactionId;
    const sent = await srv.request('POST', `/api/interactions/${id}/messages`, { headers: authed(smartOnly), body: { text: 'Hello from support' } });
    expect(sent.status).toBe(201);
    const t = await srv.request('GET', `/api/interactions/${id}/messages`, { headers: authed(smartOnly) });
    expect((t.json as { messages: { body: string }[] }).messages.map((m) => m.body)).toEqual(['Hello from support']);
    expect((await srv.request('POST', `/api/interactions/${id}/close`, { headers: authed(smartOnly) })).status).toBe(200);
    const late = await srv.request('POST', `/api/interactions/${id}/messages`, { headers: authed(smartOnly), body: { text: 'late' } });
    expect(late.status).toBe(409);
  });

  it('serves the OpenAPI document', async () => {
    const r = await srv.request('GET', '/api/docs');
    expect(r.json).toMatchObject({ openapi: '3.1.0' });
    expect(Object.keys((r.json as { paths: object }).paths)).toContain('/api/direct/messages');
  });
});

describe('telephony integration', () => {
  it('registers and ends a call idempotently with a scoped token; the agent sees it', async () => {
    const h = { authorization: `Bearer ${TOKEN}` };
    const a = await srv.request('POST', '/api/telephony/calls', { headers: h, body: { agentId: w.agents.both, callId: 'pbx-1', customerNumber: '+33612345678' } });
    expect(a.status).toBe(201);
    const b = await srv.request('POST', '/api/telephony/calls', { headers: h, body: { agentId: w.agents.both, callId: 'pbx-1', customerNumber: '+33612345678' } });
    expect((b.json as { created: boolean }).created).toBe(false);
    expect((await srv.request('GET', '/api/calls', { headers: authed(agent) })).json).toMatchObject({ calls: [{ customerNumber: CUSTOMER }] });
    expect((await srv.request('POST', '/api/telephony/calls/pbx-1/end', { headers: h })).status).toBe(200);
    expect((await srv.request('GET', '/api/calls', { headers: authed(agent) })).json).toEqual({ calls: [] });
    // another account's token cannot name this account's agent
    const x = await srv.request('POST', '/api/telephony/calls', { headers: { authorization: `Bearer ${OTHER_TOKEN}` }, body: { agentId: w.agents.both, callId: 'pbx-2', customerNumber: CUSTOMER } });
    expect(x.status).toBe(404);
  });
});

describe('access matrix: every route x role x account', () => {
  it('never lets a caller reach what is not theirs', async () => {
    const docs = (await srv.request('GET', '/api/docs')).json as { paths: Record<string, Record<string, { security: unknown[]; 'x-access': string }>> };
    const { interactionId } = (await srv.request('POST', '/api/interactions', { headers: authed(agent), body: { recipient: '+33 6 11 22 33 44', queueId: w.queues.support } })).json as { interactionId: string };
    const roles: Record<string, Record<string, string>> = {
      anonymous: {},
      agent: authed(agent),
      supervisor: authed(supervisor),
      admin: authed(admin),
      token: { authorization: `Bearer ${TOKEN}` },
      otherAccount: authed(other),
      otherAdmin: authed(otherAdmin),
      badToken: { authorization: 'Bearer not-a-real-token-at-all-000000' },
    };
    const noneProfile = (await tdb.db.selectFrom('agents').select('profile_id').where('id', '=', w.agents.none).executeTakeFirstOrThrow()).profile_id!;
    // Admin routes name this account's objects; agents nobody signs in as, so writes with empty bodies disturb nothing.
    // A waiting conversation of Support for the supervision routes: taken and closed as the roles go by.
    await tdb.db
      .insertInto('interactions')
      .values({ id: 'int_matrix', account_id: w.accountId, kind: 'sms', status: 'waiting', agent_id: null, queue_id: w.queues.support, customer_number: CUSTOMER, sms_number_id: w.numbers.support, origin_call_id: null, external_id: null, closed_at: null })
      .execute();
    const adminIds: [string, string][] = [
      ['/api/admin/conversations/', 'int_matrix'],
      ['/api/admin/numbers/', w.numbers.orphan],
      ['/api/admin/templates/', w.templates.empty],
      ['/api/admin/agents/', w.agents.none],
      ['/api/admin/profiles/', noneProfile],
      ['/api/admin/queues/', w.queues.unconfigured],
      ['/api/queues/', w.queues.support],
    ];
    const fill = (p: string) => p.replace('{id}', adminIds.find(([prefix]) => p.startsWith(prefix))?.[1] ?? interactionId).replace('{callId}', 'pbx-x');
    let checked = 0;
    for (const [path, ops] of Object.entries(docs.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        // Logging out would end the sessions the rest of this file uses; it has its own test.
        if (path === '/api/auth/logout') continue;
        const isPublic = op.security.length === 0;
        const access = op['x-access'];
        expect(['public', 'agent', 'supervisor', 'admin', 'telephony', 'consent'], `${method} ${path}`).toContain(access);
        const telephony = path.startsWith('/api/telephony');
        // A token route of another scope (consent): every session and the telephony token are refused.
        const otherToken = access === 'consent';
        for (const [role, headers] of Object.entries(roles)) {
          const r = await srv.request(method.toUpperCase(), fill(path), { headers, body: method === 'get' ? undefined : {} });
          checked++;
          expect(r.status, `${role} ${method} ${path}`).toBeLessThan(500);
          if (isPublic) continue;
          if (role === 'anonymous' || role === 'badToken') expect(r.status, `${role} ${method} ${path}`).toBe(401);
          // Each role against the route's access level: refused with 403 FORBIDDEN below it, let through at or above it.
          const refused = r.status === 403 && (r.json as { error?: { code?: string } } | null)?.error?.code === 'FORBIDDEN';
          if (role === 'agent' && (access === 'supervisor' || access === 'admin')) expect(refused, `${role} ${method} ${path}: ${r.status}`).toBe(true);
          if (role === 'supervisor' && (access === 'admin' || access === 'telephony' || otherToken)) expect(refused, `${role} ${method} ${path}: ${r.status}`).toBe(true);
          if (role === 'supervisor' && access === 'supervisor') expect([401, 403], `${role} ${method} ${path}`).not.toContain(r.status);
          if (role === 'supervisor' && access === 'agent') expect(r.status, `${role} ${method} ${path}`).not.toBe(401);
          if (role === 'admin' && (access === 'supervisor' || access === 'admin')) expect([401, 403], `${role} ${method} ${path}`).not.toContain(r.status);
          if (role === 'token' && !telephony) expect(r.status, `${role} ${method} ${path}`).toBe(403);
          const adminRoute = path.startsWith('/api/admin/');
          const sessionRole = role === 'agent' || role === 'supervisor' || role === 'admin' || role === 'otherAccount' || role === 'otherAdmin';
          if (sessionRole && (telephony || otherToken)) expect(r.status, `${role} ${method} ${path}`).toBe(403);
          if ((role === 'agent' || role === 'otherAccount') && adminRoute) expect(r.status, `${role} ${method} ${path}`).toBe(403);
          const namesThisAccount = path.includes('{id}') || path.includes('/interactions/');
          if (role === 'otherAccount' && namesThisAccount && !adminRoute) expect([400, 404], `${role} ${method} ${path}`).toContain(r.status);
          // An administrator of another account: its admin routes find nothing here; agent routes refuse it first for
          // lack of a messaging profile (403) or find nothing.
          if (role === 'otherAdmin' && namesThisAccount) expect(adminRoute ? [400, 404] : [400, 403, 404], `${role} ${method} ${path}`).toContain(r.status);
          // nothing of this account leaks into the other account's answers
          const foreign = role === 'otherAccount' || role === 'otherAdmin';
          expect(JSON.stringify(r.json ?? '')).not.toContain(foreign ? w.accountId : w.otherAccountId);
        }
      }
    }
    expect(checked).toBeGreaterThan(150);
    // The supervision routes were reached by the supervisor: the conversation ended closed.
    expect((await tdb.db.selectFrom('interactions').select('status').where('id', '=', 'int_matrix').executeTakeFirstOrThrow()).status).toBe('closed');
  });
});

describe('fuzz: random and malformed requests', () => {
  it('never answers 5xx nor crashes', async () => {
    const docs = (await srv.request('GET', '/api/docs')).json as { paths: Record<string, Record<string, unknown>> };
    // Logging out would end the session the later tests use.
    const paths = Object.keys(docs.paths)
      .filter((p) => p !== '/api/auth/logout')
      .map((p) => p.replace(/\{\w+\}/g, 'x'));
    const json = fc.jsonValue({ maxDepth: 3 });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths, '/webhooks/twilio/x/status', '/webhooks/nope/x/y', '/api/%ZZ', '/api/interactions/' + 'a'.repeat(300)),
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
        fc.oneof(json.map((j) => JSON.stringify(j)), fc.string({ maxLength: 200 }), fc.constant('{"text":"' + 'é'.repeat(3000) + '"}')),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''),
        fc.constantFrom<Record<string, string>>({}, authed(agent), { authorization: `Bearer ${TOKEN}` }, { 'accept-language': 'xx;q=abc, fr;q=2, *;q=-1' }, { 'last-event-id': 'abc' }),
        async (path, method, body, ct, headers) => {
          const r = await srv.request(method, path, { headers: { ...headers, ...(ct ? { 'content-type': ct } : {}) }, rawBody: method === 'GET' ? undefined : body });
          expect(r.status, `${method} ${path} ${ct} ${body.slice(0, 80)}`).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('live events', () => {
  it('streams a new message to the agent and resumes from Last-Event-ID after a drop', async () => {
    const stream = await srv.openEvents(authed(agent));
    await stream.waitFor('ready');
    const sent = await srv.request('POST', '/api/direct/messages', { headers: authed(agent), body: { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'live one' } });
    const id = (sent.json as { messageId: string }).messageId;
    const ev = await stream.waitFor('message.created', (d) => d.id === id);
    stream.close();
    // while disconnected
    const missed = await srv.request('POST', '/api/direct/messages', { headers: authed(agent), body: { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'missed one' } });
    const missedId = (missed.json as { messageId: string }).messageId;
    const again = await srv.openEvents({ ...authed(agent), 'last-event-id': String(ev.eventId) });
    const got = await again.waitFor('message.created', (d) => d.id === missedId);
    expect(got.eventId).toBeGreaterThan(ev.eventId);
    expect(again.received.filter((e) => (e.data as { id?: string }).id === id)).toHaveLength(0);
    again.close();
  });

  it('does not show an agent another agent’s events', async () => {
    const stream = await srv.openEvents(authed(smartOnly));
    await stream.waitFor('ready');
    const sent = await srv.request('POST', '/api/direct/messages', { headers: authed(agent), body: { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'private' } });
    expect(sent.status).toBe(201);
    const marker = await srv.request('POST', '/api/interactions', { headers: authed(smartOnly), body: { recipient: '+33 6 55 44 33 22', queueId: w.queues.support } });
    await stream.waitFor('interaction.started', (d) => d.interactionId === (marker.json as { interactionId: string }).interactionId);
    expect(stream.received.some((e) => e.type === 'message.created')).toBe(false);
    stream.close();
  });
});

describe('operations', () => {
  it('healthz, readyz and metrics', async () => {
    expect((await srv.request('GET', '/healthz')).json).toEqual({ status: 'ok' });
    expect((await srv.request('GET', '/readyz')).json).toEqual({ status: 'ready' });
    const m = await srv.request('GET', '/metrics');
    expect(m.text).toContain('smsdesk_http_requests_total');
    expect(m.text).toContain('smsdesk_dispatcher_queue_depth');
    expect(m.text).toContain('smsdesk_live_connections');
  });
});
