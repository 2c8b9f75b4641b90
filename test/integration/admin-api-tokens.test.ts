// API tokens through the real HTTP server and the command line: created named and scoped with
// the secret shown once and stored hashed, listed without it, revoked and refused from the
// next request on, audited; and an SMS whose origin call has ended is refused with CALL_ENDED.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmsdeskDatabase } from '../../src/db/open-database.js';
import { hashPassword } from '../../src/platform/password.js';
import { hashSecret } from '../../src/platform/secret-token.js';
import { runTokenCommand } from '../../src/main/token-cli.js';
import { buildWorld, CUSTOMER, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

const PASSWORD = 'correct horse battery staple';

let tdb: TestDatabase;
let w: World;
let server: TestServer;
let admin: Record<string, string>;
let agent: Record<string, string>;

async function login(agentId: string): Promise<Record<string, string>> {
  const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', agentId).executeTakeFirstOrThrow();
  const r = await server.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  expect(r.status).toBe(200);
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': (r.json as { csrfToken: string }).csrfToken };
}

type Json = Record<string, unknown> & { error?: { code: string; message?: string; details?: Record<string, unknown> } };
async function call(headers: Record<string, string>, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json; text: string }> {
  const r = await server.request(method, path, { headers, ...(body !== undefined ? { body } : {}) });
  return { status: r.status, json: r.json as Json, text: r.text };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const startCall = (token: string, callId: string) => call(bearer(token), 'POST', '/api/telephony/calls', { agentId: w.agents.both, callId, customerNumber: CUSTOMER });

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db, { credits: 100 });
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).execute();
  await tdb.db.updateTable('agents').set({ role: 'admin' }).where('id', '=', w.agents.colleague).execute();
  server = await startTestServer(tdb, { eventPollMs: 100 });
  admin = await login(w.agents.colleague);
  agent = await login(w.agents.both);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await tdb?.close();
});

describe(`API tokens (${process.env.SMSDESK_TEST_DB ?? 'pglite'})`, () => {
  it('an administrator creates a scoped token shown once and stored hashed; it works for telephony at once', async () => {
    const created = await call(admin, 'POST', '/api/admin/api-tokens', { name: 'PBX', scopes: ['telephony'] });
    expect(created.status).toBe(201);
    const token = created.json.token as string;
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(created.json).toMatchObject({ name: 'PBX', scopes: ['telephony'], lastUsedAt: null, revokedAt: null });
    const row = await tdb.db.selectFrom('api_tokens').selectAll().where('id', '=', created.json.id as string).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashSecret(token));
    expect(JSON.stringify(row)).not.toContain(token);

    expect((await startCall(token, 'call-1')).status).toBe(201);
    const list = await call(admin, 'GET', '/api/admin/api-tokens');
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(token);
    expect(list.text).not.toContain(row.token_hash);
    const listed = (list.json.tokens as Record<string, unknown>[]).find((t) => t.id === created.json.id);
    expect(listed).toMatchObject({ name: 'PBX', scopes: ['telephony'], revokedAt: null, lastUsedAt: expect.any(String) });
    expect(listed).not.toHaveProperty('token');

    const trail = await tdb.db.selectFrom('events').select('payload').where('account_id', '=', w.accountId).where('type', '=', 'admin.api_token.created').execute();
    expect(trail.map((e) => e.payload)).toContainEqual(expect.objectContaining({ actorId: w.agents.colleague, targetId: created.json.id, after: { name: 'PBX', scopes: ['telephony'], via: 'admin' } }));
  });

  it('a revoked token is refused from its next request on; revoking twice changes nothing; audited', async () => {
    const created = await call(admin, 'POST', '/api/admin/api-tokens', { name: 'Old PBX', scopes: ['telephony'] });
    const token = created.json.token as string;
    expect((await startCall(token, 'call-2')).status).toBe(201);
    const revoked = await call(admin, 'POST', `/api/admin/api-tokens/${created.json.id as string}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).toEqual(expect.any(String));
    const refused = await startCall(token, 'call-3');
    expect(refused.status).toBe(401);
    expect(refused.json.error?.code).toBe('UNAUTHENTICATED');
    const again = await call(admin, 'POST', `/api/admin/api-tokens/${created.json.id as string}/revoke`);
    expect(again.json.revokedAt).toBe(revoked.json.revokedAt);
    const trail = await tdb.db.selectFrom('events').select('payload').where('account_id', '=', w.accountId).where('type', '=', 'admin.api_token.revoked').execute();
    expect(trail.filter((e) => (e.payload as { targetId: string }).targetId === created.json.id)).toHaveLength(1);
  });

  it('refuses agents, unknown scopes, empty names and other accounts’ tokens', async () => {
    expect((await call(agent, 'POST', '/api/admin/api-tokens', { name: 'x', scopes: ['telephony'] })).status).toBe(403);
    expect((await call(agent, 'GET', '/api/admin/api-tokens')).status).toBe(403);
    const scope = await call(admin, 'POST', '/api/admin/api-tokens', { name: 'x', scopes: ['everything'] });
    expect(scope.status).toBe(400);
    expect(scope.json.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'scopes.0' } });
    const name = await call(admin, 'POST', '/api/admin/api-tokens', { name: '  ', scopes: ['telephony'] });
    expect(name.json.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'name' } });
    await tdb.db.insertInto('api_tokens').values({ id: 'other-account-token', account_id: w.otherAccountId, name: 'theirs', token_hash: hashSecret('x'.repeat(40)), scopes: ['telephony'] }).execute();
    expect((await call(admin, 'POST', '/api/admin/api-tokens/other-account-token/revoke')).status).toBe(404);
    expect((await call(admin, 'GET', '/api/admin/api-tokens')).text).not.toContain('other-account-token');
  });

  it('the command line creates, lists and revokes, printing the secret once', async () => {
    const lines: string[] = [];
    const database = { db: tdb.db } as SmsdeskDatabase;
    await runTokenCommand(database, ['create', '--name', 'Call center', '--scope', 'telephony', '--account', w.accountId], (l) => lines.push(l));
    const secret = /Secret \(shown once, stored hashed\): (\S+)/.exec(lines.join('\n'))?.[1];
    expect(secret).toBeDefined();
    const id = /id (\S+),/.exec(lines[0]!)?.[1];
    expect((await startCall(secret!, 'call-cli')).status).toBe(201);
    lines.length = 0;
    await runTokenCommand(database, ['list', '--account', w.accountId], (l) => lines.push(l));
    expect(lines.join('\n')).toContain(`${id!}  Call center  scopes=telephony`);
    expect(lines.join('\n')).not.toContain(secret!);
    await runTokenCommand(database, ['revoke', id!, '--account', w.accountId], (l) => lines.push(l));
    expect((await startCall(secret!, 'call-cli-2')).status).toBe(401);
    await expect(runTokenCommand(database, ['create', '--name', 'x', '--scope', 'admin', '--account', w.accountId], () => undefined)).rejects.toThrow(/unknown scope admin/);
    await expect(runTokenCommand(database, ['revoke', 'nope', '--account', w.accountId], () => undefined)).rejects.toThrow(/no such token/);
    const trail = await tdb.db.selectFrom('events').select('payload').where('type', '=', 'admin.api_token.created').execute();
    expect(trail.map((e) => e.payload)).toContainEqual(expect.objectContaining({ actorId: null, targetId: id, after: expect.objectContaining({ via: 'cli' }) }));
  });
});

describe(`an SMS from a voice call (${process.env.SMSDESK_TEST_DB ?? 'pglite'})`, () => {
  it('is accepted while the call is in progress and refused with CALL_ENDED once it has ended', async () => {
    const created = await call(admin, 'POST', '/api/admin/api-tokens', { name: 'Telephony', scopes: ['telephony'] });
    const token = created.json.token as string;
    // The calls of the tests above count as the agent's open interactions: end them first.
    for (const id of ['call-1', 'call-2', 'call-cli']) expect((await call(bearer(token), 'POST', `/api/telephony/calls/${id}/end`)).status).toBe(200);
    const started = await startCall(token, 'call-ending');
    const interactionId = started.json.interactionId as string;
    const send = () => call(agent, 'POST', '/api/direct/messages', { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'As discussed', originCallId: interactionId });
    const accepted = await send();
    expect(accepted.json.error).toBeUndefined();
    expect(accepted.status).toBe(201);
    expect((await call(bearer(token), 'POST', '/api/telephony/calls/call-ending/end')).status).toBe(200);
    const refused = await send();
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'CALL_ENDED', details: { callId: interactionId } });
    expect(refused.json.error?.message).toContain('call has ended');
    const smart = await call(agent, 'POST', '/api/interactions', { recipient: CUSTOMER, queueId: w.queues.support, originCallId: interactionId });
    expect(smart.json.error?.code).toBe('CALL_ENDED');
  });
});
