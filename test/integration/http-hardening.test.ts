// Limits and headers that protect the server: login rate limit, body size, security headers,
// session idle and absolute timeouts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/platform/password.js';
import { createHttpApp } from '../../src/main/http-app.js';
import { buildWorld, testDeps, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

let tdb: TestDatabase;
let w: World;
let srv: TestServer;
let email: string;

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword('pw') }).where('id', '=', w.agents.both).execute();
  email = (await tdb.db.selectFrom('agents').select('email').where('id', '=', w.agents.both).executeTakeFirstOrThrow()).email;
  srv = await startTestServer(tdb);
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

describe('hardening', () => {
  it('sends security headers', async () => {
    const r = await srv.request('GET', '/healthz');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('refuses a body over 64 KiB with the envelope, not a crash', async () => {
    const r = await srv.request('POST', '/api/direct/messages', { headers: { 'content-type': 'application/json' }, rawBody: JSON.stringify({ text: 'x'.repeat(70_000) }) });
    expect(r.status).toBe(413);
    expect(r.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { reason: 'FST_ERR_CTP_BODY_TOO_LARGE' } } });
  });

  it('refuses a login after 10 failures (login-throttle.test.ts has the rest), whatever cookie or token is made up', async () => {
    const statuses: number[] = [];
    // A made-up cookie or token on each try must not buy a fresh allowance.
    for (let i = 0; i < 12; i++) {
      const disguise: Record<string, string> = i % 2 === 0 ? { cookie: `smsdesk_session=random-${i}` } : { authorization: `Bearer made-up-token-${i}-0123456789` };
      statuses.push((await srv.request('POST', '/api/auth/login', { headers: disguise, body: { email: 'nobody@example.test', password: 'wrong' } })).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Failures lock the login tried, not the address: another account signs in from it.
    const r = await srv.request('POST', '/api/auth/login', { body: { email, password: 'pw' } });
    expect(r.status).toBe(200);
  });
});

describe('session timeouts', () => {
  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const deps = testDeps(tdb.db);
    const http = await createHttpApp({ deps, wakeSource: tdb.wakeSource, webhooks: { handle: async () => null, apply: async () => undefined }, migrationsCurrent: async () => true, sessionCacheMs: 0, sessionIdleMs: 60 * 60_000, sessionAbsoluteMs: 12 * 60 * 60_000 });
    try {
      const login = await http.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'pw' } });
      expect(login.statusCode).toBe(200);
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      expect((await http.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
      // idle: last seen 61 minutes ago
      await tdb.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 61 * 60_000) }).execute();
      expect((await http.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
      const again = await http.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'pw' } });
      const cookie2 = String(again.headers['set-cookie']).split(';')[0]!;
      expect(cookie2).not.toBe(cookie);
      // absolute: created 13 hours ago, though active a second ago
      await tdb.db.updateTable('sessions').set({ created_at: new Date(Date.now() - 13 * 60 * 60_000), last_seen_at: new Date() }).execute();
      expect((await http.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookie2 } })).statusCode).toBe(401);
    } finally {
      await http.close();
    }
  });
});

describe('send rate limit', () => {
  it('counts per agent session, so agents behind one address do not share a budget', async () => {
    const http = await createHttpApp({ deps: testDeps(tdb.db), wakeSource: tdb.wakeSource, webhooks: { handle: async () => null, apply: async () => undefined }, migrationsCurrent: async () => true, sendsPerMinute: 3 });
    try {
      await tdb.db.updateTable('agents').set({ password_hash: (await tdb.db.selectFrom('agents').select('password_hash').where('id', '=', w.agents.both).executeTakeFirstOrThrow()).password_hash }).where('id', '=', w.agents.directOnly).execute();
      const session = async (id: string) => {
        const mail = (await tdb.db.selectFrom('agents').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email;
        const r = await http.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: mail, password: 'pw' } });
        return { cookie: String(r.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': (r.json() as { csrfToken: string }).csrfToken };
      };
      const a = await session(w.agents.both);
      const b = await session(w.agents.directOnly);
      const send = (headers: Record<string, string>) => http.app.inject({ method: 'POST', url: '/api/direct/messages', headers, payload: { recipient: '+33612345678', senderId: w.numbers.direct, text: 'hi' } });
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await send(a)).statusCode);
      expect(codes).toEqual([201, 201, 201, 429]);
      expect((await send(b)).statusCode).toBe(201);
    } finally {
      await http.close();
    }
  });
});
