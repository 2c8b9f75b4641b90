// What the running server writes to its log, read back from an in-memory stream: a 5xx writes
// one error line an operator can match to the user's x-request-id, with the route's pattern and
// the error, and never a password, a cookie, an Authorization header or a whole phone number;
// refusals are quieter; a failed sign-in is a warning with the login masked.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { loadServerConfig } from '../../src/config/server-config.js';
import { hashPassword } from '../../src/platform/password.js';
import { serve } from '../../src/main/serve.js';
import { createLogger } from '../../src/platform/logger.js';
import { buildWorld, type World } from '../fixtures/world.js';
import { createTestLocation, openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

type Line = Record<string, unknown> & { level: number; msg: string };

const PASSWORD = 'hunter2-very-secret';
const COOKIE_VALUE = 'cookie-value-that-must-stay-out';
const AUTHORIZATION = 'Basic dXNlcjpwYXNzd29yZC1vdXQ=';
const PHONE = '+33612345678';
const ERROR = 50;
const WARN = 40;
const INFO = 30;

let tdb: TestDatabase;
let w: World;
let srv: TestServer;
let email: string;
const lines: Line[] = [];

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).where('id', '=', w.agents.both).execute();
  email = (await tdb.db.selectFrom('agents').select('email').where('id', '=', w.agents.both).executeTakeFirstOrThrow()).email;
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Line);
      done();
    },
  });
  srv = await startTestServer(tdb, {
    app: {
      logger: createLogger('debug', stream),
      registerExtra: async (app) => {
        // A fault deep in a use case, as a driver reports it: with a code, and quoting what it was given.
        app.post('/test/fail/:number', async () => {
          throw Object.assign(new Error(`insert failed for ${PHONE}`), { code: 'XX001' });
        });
      },
    },
  });
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

const linesOf = (reqId: string) => lines.filter((l) => l.reqId === reqId);

describe('request log', () => {
  it('writes one error line for a 5xx: request id, method, route pattern, status and the error; no secret', async () => {
    const r = await srv.request('POST', `/test/fail/${encodeURIComponent(PHONE)}`, {
      headers: { cookie: `smsdesk_session=${COOKIE_VALUE}`, authorization: AUTHORIZATION, 'x-request-id': 'ticket-4711' },
      body: { password: PASSWORD, recipient: PHONE },
    });
    expect(r.status).toBe(500);
    expect(r.headers.get('x-request-id')).toBe('ticket-4711');
    const errors = linesOf('ticket-4711').filter((l) => l.level >= ERROR);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ level: ERROR, reqId: 'ticket-4711', method: 'POST', route: '/test/fail/:number', status: 500, service: 'smsdesk' });
    const err = errors[0]!.err as Record<string, string>;
    expect(err.message).toMatch(/^insert failed for \+33•+78$/);
    expect(err.code).toBe('XX001');
    expect(err.stack).toContain('http-logging.test.ts');
    const written = JSON.stringify(lines);
    for (const secret of [PASSWORD, COOKIE_VALUE, AUTHORIZATION, 'dXNlcjpwYXNzd29yZC1vdXQ', PHONE, '612345678']) expect(written).not.toContain(secret);
  });

  it('gives every answer a request id, generated when the caller sent none or a strange one', async () => {
    const plain = await srv.request('GET', '/healthz');
    expect(plain.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const strange = await srv.request('GET', '/healthz', { headers: { 'x-request-id': 'two words "quoted"' } });
    expect(strange.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const long = await srv.request('GET', '/healthz', { headers: { 'x-request-id': 'x'.repeat(65) } });
    expect(long.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs a refusal at info with its stable code, and a success only at debug', async () => {
    const refused = await srv.request('GET', '/api/me', { headers: { 'x-request-id': 'refusal-1' } });
    expect(refused.status).toBe(401);
    expect(linesOf('refusal-1')).toEqual([expect.objectContaining({ level: INFO, method: 'GET', route: '/api/me', status: 401, code: 'UNAUTHENTICATED' })]);
    const bad = await srv.request('GET', '/api/queues/a%00b/templates', { headers: { 'x-request-id': 'refusal-2' } });
    expect(bad.status).toBe(400);
    expect(linesOf('refusal-2')).toEqual([expect.objectContaining({ level: INFO, route: '/api/queues/:id/templates', status: 400, code: 'VALIDATION_FAILED', reason: 'NUL_CHARACTER' })]);
    await srv.request('GET', '/healthz', { headers: { 'x-request-id': 'fine-1' } });
    expect(linesOf('fine-1').map((l) => l.level)).toEqual([20]);
  });

  it('warns of a failed sign-in with the login masked and the source address, never the password', async () => {
    const r = await srv.request('POST', '/api/auth/login', { headers: { 'x-request-id': 'login-1' }, body: { email, password: 'wrong-guess-123' } });
    expect(r.status).toBe(401);
    const warn = linesOf('login-1').filter((l) => l.level === WARN);
    expect(warn).toHaveLength(1);
    const [local, domain] = email.split('@');
    expect(warn[0]).toMatchObject({ login: `${local![0]}***@${domain}`, from: '127.0.0.1', reason: 'WRONG_PASSWORD' });
    const unknown = await srv.request('POST', '/api/auth/login', { headers: { 'x-request-id': 'login-2' }, body: { email: 'nobody@example.test', password: 'x' } });
    expect(unknown.status).toBe(401);
    expect(linesOf('login-2').find((l) => l.level === WARN)).toMatchObject({ login: 'n***@example.test', reason: 'UNKNOWN_LOGIN' });
    const written = JSON.stringify(lines);
    expect(written).not.toContain(email);
    expect(written).not.toContain('wrong-guess-123');
    // A successful sign-in writes no warning.
    const ok = await srv.request('POST', '/api/auth/login', { headers: { 'x-request-id': 'login-3' }, body: { email, password: PASSWORD } });
    expect(ok.status).toBe(200);
    expect(linesOf('login-3').filter((l) => l.level >= WARN)).toEqual([]);
  });
});

describe('the running product', () => {
  it('logs through its logger at LOG_LEVEL: a failed sign-in of the demo, masked; no line per success at info', async () => {
    const location = await createTestLocation({ fileBacked: true });
    const written: Line[] = [];
    const log = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) written.push(JSON.parse(l) as Line);
        done();
      },
    });
    const env = { PORT: '0', HOST: '127.0.0.1', ...(location.options.url ? { DATABASE_URL: location.options.url } : { DATA_DIR: location.options.dataDir }), SMSDESK_DEMO: 'true', LOG_LEVEL: 'info' };
    const running = await serve({ app: loadConfig(env), server: loadServerConfig(env), log });
    try {
      const post = (path: string, body: unknown) => fetch(running.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const refused = await post('/api/auth/login', { email: 'alice@demo.smsdesk.test', password: 'not-her-password' });
      expect(refused.status).toBe(401);
      const id = refused.headers.get('x-request-id')!;
      expect(written.filter((l) => l.reqId === id).map((l) => [l.level, l.msg])).toEqual([
        [WARN, 'sign-in refused'],
        [INFO, 'request refused'],
      ]);
      expect(written.find((l) => l.reqId === id && l.level === WARN)).toMatchObject({ login: 'a***@demo.smsdesk.test', from: '127.0.0.1', reason: 'WRONG_PASSWORD' });
      const fine = await fetch(`${running.url}/healthz`);
      expect(written.filter((l) => l.reqId === fine.headers.get('x-request-id'))).toEqual([]);
      expect(JSON.stringify(written)).not.toContain('alice@');
      expect(JSON.stringify(written)).not.toContain('not-her-password');
    } finally {
      await running.stop();
      await location.dispose();
    }
  }, 60_000);
});
