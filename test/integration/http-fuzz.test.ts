// Every field of every route of the OpenAPI document, and the provider webhooks, fed the values
// that PostgreSQL, a parser or a number type chokes on: NUL, lone surrogates, noncharacters,
// 4-byte characters, huge numbers and wrong types. No answer may be a 5xx, and the server must
// still answer afterwards. (The random fuzz of whole requests is in http.test.ts.)
import { createHmac } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/platform/password.js';
import { hashSecret } from '../../src/platform/secret-token.js';
import { createProviderCache } from '../../src/main/provider-cache.js';
import { createProviderFactory } from '../../src/main/provider-factory.js';
import { createWebhookGateway } from '../../src/main/webhook-gateway.js';
import { buildWorld, CUSTOMER, CUSTOMER_2, NUMBERS, testDeps, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestResponse, type TestServer } from './http-harness.js';

const PASSWORD = 'fuzz-password';
const TOKEN = 'smsd_telephony_token_for_fuzz_0123456789';
const WEBHOOK_SECRET = 'whsec_fuzz_0123456789abcdef0123456789abcd';

let tdb: TestDatabase;
let w: World;
let srv: TestServer;
let agent: Record<string, string>;
let admin: Record<string, string>;
let interactionId: string;
let noneProfileId: string;

/** One value class: how it is written in a JSON body, and in a query or a path (already percent-encoded). */
interface ValueClass {
  readonly name: string;
  readonly json: unknown;
  readonly url: string;
}

const CLASSES: readonly ValueClass[] = [
  { name: 'NUL inside a string', json: 'a\u0000b', url: 'a%00b' },
  { name: 'lone high surrogate', json: 'a\ud800b', url: 'a%ED%A0%80b' },
  { name: 'lone low surrogate', json: '\udc00', url: '%ED%B0%80' },
  { name: 'noncharacters', json: 'x\uFFFE\uFDD0', url: 'x%EF%BF%BE%EF%B7%90' },
  { name: '4-byte characters', json: 'Hi 😀 𝄞', url: encodeURIComponent('Hi 😀 𝄞') },
  { name: 'huge number 1e308', json: 1e308, url: '1e308' },
  { name: 'huge number 2**64', json: 2 ** 64, url: '18446744073709551616' },
  { name: 'huge negative -1e20', json: -1e20, url: '-1e20' },
  { name: 'object', json: { a: 'a\u0000b', 'k\u0000': 1 }, url: 'x&@@[a]=1' },
  { name: 'array', json: ['a\u0000b', '\ud800'], url: 'a&@@=b' },
  { name: 'boolean', json: true, url: 'true' },
  { name: 'null', json: null, url: 'null' },
  { name: 'number for a string', json: 42, url: '42' },
  { name: 'string for a number', json: '42', url: '%2042%20' },
];

interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minimum?: number;
  exclusiveMinimum?: number;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}
interface Operation {
  security: Record<string, unknown>[];
  parameters: Parameter[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
}

let unique = 0;

/** A value the route accepts for a field, so that the fuzzed field is the only thing wrong. */
function validValue(name: string, s: JsonSchema): unknown {
  const n = ++unique;
  const named: Record<string, unknown> = {
    senderId: w.numbers.direct,
    queueId: w.queues.support,
    agentId: w.agents.both,
    callId: 'call-fuzz',
    recipient: CUSTOMER,
    customerNumber: CUSTOMER,
    number: CUSTOMER,
    text: 'Hello',
    body: 'Hello',
    reason: 'fuzz',
    amount: 1,
    type: 'simulator',
    address: `+3375701${String(n % 10_000).padStart(4, '0')}`,
    name: `Fuzz ${n}`,
    email: `fuzz-${n}@example.test`,
  };
  if (name in named) return named[name];
  const branch = s.anyOf?.find((b) => b.type !== 'null') ?? s;
  if (branch.enum) return branch.enum[0];
  const type = Array.isArray(branch.type) ? branch.type[0] : branch.type;
  if (type === 'integer' || type === 'number') return Math.max(1, branch.minimum ?? 1);
  if (type === 'boolean') return false;
  if (type === 'array') return [];
  if (type === 'object') return {};
  return 'fuzz';
}

/** The thing each path's `{id}` names: one this test can damage without hiding later requests. */
function pathValue(path: string, param: string): string {
  if (param === 'callId') return 'call-fuzz';
  const collection = path.split('/').slice(0, path.split('/').indexOf(`{${param}}`)).pop();
  const byCollection: Record<string, string> = {
    queues: path.startsWith('/api/admin/') ? w.queues.unconfigured : w.queues.support,
    interactions: interactionId,
    numbers: w.numbers.orphan,
    templates: w.templates.empty,
    profiles: noneProfileId,
    agents: w.agents.none,
  };
  return byCollection[collection ?? ''] ?? 'x';
}

function headersFor(path: string, op: Operation): Record<string, string> {
  // Each request from its own address: the login limit must not turn the walk into 429s.
  const from = { 'x-forwarded-for': `10.${(unique >> 16) & 255}.${(unique >> 8) & 255}.${unique & 255}` };
  const scheme = Object.keys(op.security[0] ?? {})[0];
  if (scheme === 'bearer') return { ...from, authorization: `Bearer ${TOKEN}` };
  if (scheme === 'session') return { ...from, ...(path.startsWith('/api/admin/') ? admin : agent) };
  return from;
}

/** Fills a URL's query from name=value pairs, each value already encoded (a class may add its own pairs). */
function queryString(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v.replace(/@@/g, encodeURIComponent(k))}`).join('&');
}

interface Outcome {
  readonly what: string;
  readonly status: number;
  readonly text: string;
}

async function walkRoute(path: string, method: string, op: Operation, outcomes: Outcome[]): Promise<void> {
  const params = op.parameters.filter((p) => p.in === 'path');
  const query = op.parameters.filter((p) => p.in === 'query');
  const bodySchema = op.requestBody?.content['application/json'].schema;
  const bodyFields: [string[], JsonSchema][] = [];
  for (const [k, s] of Object.entries(bodySchema?.properties ?? {})) {
    bodyFields.push([[k], s]);
    for (const [k2, s2] of Object.entries(s.properties ?? {})) bodyFields.push([[k, k2], s2]);
  }
  const send = async (what: string, o: { path?: Record<string, string>; query?: [string, string][]; body?: Record<string, unknown> }) => {
    let url = path;
    for (const p of params) url = url.replace(`{${p.name}}`, o.path?.[p.name] ?? encodeURIComponent(pathValue(path, p.name)));
    const pairs = o.query ?? query.filter((q) => q.required).map((q): [string, string] => [q.name, encodeURIComponent(String(validValue(q.name, q.schema)))]);
    if (pairs.length > 0) url += `?${queryString(pairs)}`;
    let body = o.body;
    if (bodySchema && !body) body = baseBody(bodySchema);
    const r = await srv.request(method, url, { headers: headersFor(path, op), ...(body && method !== 'GET' ? { body } : {}) });
    outcomes.push({ what: `${method} ${url.slice(0, 120)} ${what}`, status: r.status, text: r.text.slice(0, 200) });
  };
  for (const c of CLASSES) {
    for (const p of params) {
      const url = c.url.replace(/&@@.*$/, '');
      await send(`path.${p.name} = ${c.name}`, { path: { [p.name]: url } });
    }
    for (const q of query) {
      const others = query.filter((o) => o.required && o.name !== q.name).map((o): [string, string] => [o.name, encodeURIComponent(String(validValue(o.name, o.schema)))]);
      await send(`query.${q.name} = ${c.name}`, { query: [...others, [q.name, c.url]] });
    }
    if (!bodySchema) continue;
    for (const [fieldPath, s] of bodyFields) {
      const body = baseBody(bodySchema);
      if (fieldPath.length === 1) body[fieldPath[0]!] = c.json;
      else body[fieldPath[0]!] = { ...(typeof body[fieldPath[0]!] === 'object' ? (body[fieldPath[0]!] as object) : {}), [fieldPath[1]!]: c.json };
      void s;
      await send(`body.${fieldPath.join('.')} = ${c.name}`, { body });
    }
  }
}

function baseBody(schema: JsonSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of schema.required ?? []) out[k] = validValue(k, schema.properties?.[k] ?? {});
  return out;
}

function signed(body: string): Record<string, string> {
  const at = Math.floor(Date.now() / 1000);
  const sig = createHmac('sha256', WEBHOOK_SECRET).update(`${at}.${body}`).digest('hex');
  return { 'content-type': 'application/json', 'x-webhook-timestamp': String(at), 'x-webhook-signature': `v1=${sig}` };
}

/** A request written byte by byte: fetch refuses to send some of the headers tried here. */
function rawRequest(port: number, head: Buffer, body = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer')));
    // Not end(): a half-closed socket may be dropped before a slow answer is written.
    socket.write(Buffer.concat([head, Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)]));
  });
}

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).execute();
  await tdb.db.updateTable('agents').set({ role: 'admin' }).where('id', '=', w.agents.colleague).execute();
  await tdb.db.insertInto('api_tokens').values({ id: 'tok-fuzz', account_id: w.accountId, name: 'PBX', token_hash: hashSecret(TOKEN), scopes: ['telephony'] }).execute();
  // Signed webhooks reach the account; they are fuzzed first, before the administration routes change its provider.
  await tdb.db
    .updateTable('accounts')
    .set({ provider_type: 'http-json', provider_config: JSON.stringify({ url: 'http://127.0.0.1:9/unused', webhookSecret: WEBHOOK_SECRET }) })
    .where('id', '=', w.accountId)
    .execute();
  await tdb.db.updateTable('accounts').set({ provider_type: 'vonage', provider_config: JSON.stringify({ apiKey: 'key', apiSecret: 'secret' }) }).where('id', '=', w.otherAccountId).execute();
  noneProfileId = (await tdb.db.selectFrom('profiles').select('id').where('account_id', '=', w.accountId).where('name', '=', 'None').executeTakeFirstOrThrow()).id;
  const deps = { ...testDeps(tdb.db), wake: () => tdb.wakeSource.wake() };
  const webhooks = createWebhookGateway(deps, createProviderCache(tdb.db, createProviderFactory(null)));
  srv = await startTestServer(tdb, { webhooks, app: { trustProxy: true, sendsPerMinute: 100_000 } });
  const login = async (id: string) => {
    const email = (await tdb.db.selectFrom('agents').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email;
    const r = await srv.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
    expect(r.status).toBe(200);
    return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': (r.json as { csrfToken: string }).csrfToken };
  };
  agent = await login(w.agents.both);
  admin = await login(w.agents.colleague);
  const started = await srv.request('POST', '/api/interactions', { headers: agent, body: { recipient: CUSTOMER_2, queueId: w.queues.support } });
  expect(started.status).toBe(201);
  interactionId = (started.json as { interactionId: string }).interactionId;
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

const failures = (outcomes: readonly Outcome[]) => outcomes.filter((o) => o.status >= 500).map((o) => `${o.what} -> ${o.status} ${o.text}`);

async function stillAnswering(): Promise<void> {
  expect((await srv.request('GET', '/healthz')).status).toBe(200);
  const me = await srv.request('GET', '/api/me', { headers: agent });
  expect(me.status).toBe(200);
}

describe('fuzz: provider webhooks', () => {
  it('answers no 5xx to any value class in a webhook address or a signed JSON field, and still answers', async () => {
    // The addresses as the administration page gives them, whatever their shape.
    const view = (await srv.request('GET', '/api/admin/provider', { headers: admin })).json as { webhooks: { status: string; inbound: string } };
    const inboundPath = new URL(view.webhooks.inbound).pathname;
    const statusPath = new URL(view.webhooks.status).pathname;
    const ok = await srv.request('POST', inboundPath, { headers: signed('{}'), rawBody: '{}' });
    expect(ok.status, 'the signed address answers (a malformed body)').toBe(400);
    const outcomes: Outcome[] = [];
    for (const c of CLASSES) {
      const seg = c.url.replace(/&@@.*$/, '');
      const segments = inboundPath.split('/');
      for (let i = 2; i < segments.length; i++) {
        const p = segments.map((s, k) => (k === i ? seg : s)).join('/');
        const r = await srv.request('POST', p, { headers: signed('{}'), rawBody: '{}' });
        outcomes.push({ what: `${p} ${c.name}`, status: r.status, text: r.text.slice(0, 200) });
      }
      const inbound = { id: `in-${++unique}`, from: CUSTOMER, to: NUMBERS.support, text: 'hello', receivedAt: null };
      for (const field of Object.keys(inbound)) {
        const raw = JSON.stringify({ ...inbound, id: `in-${++unique}`, [field]: c.json });
        const r: TestResponse = await srv.request('POST', inboundPath, { headers: signed(raw), rawBody: raw });
        outcomes.push({ what: `inbound ${field} = ${c.name}`, status: r.status, text: r.text.slice(0, 200) });
      }
      const report = { id: 'prov-1', status: 'delivered', errorCode: null, errorMessage: null, retId: 'msg-x', statusAt: null };
      for (const field of Object.keys(report)) {
        const raw = JSON.stringify({ ...report, [field]: c.json });
        const r = await srv.request('POST', statusPath, { headers: signed(raw), rawBody: raw });
        outcomes.push({ what: `status ${field} = ${c.name}`, status: r.status, text: r.text.slice(0, 200) });
      }
    }
    // Form-encoded fields, through Vonage (no signature secret: the address token alone admits it).
    const vonage = await tdb.db.selectFrom('accounts').select('webhook_token').where('id', '=', w.otherAccountId).executeTakeFirstOrThrow();
    const vonagePath = `/webhooks/vonage/${w.otherAccountId}/${vonage.webhook_token}/inbound`;
    const form = { msisdn: '33612345678', to: '33757000001', messageId: 'vx', text: 'hello', type: 'text', 'message-timestamp': '2026-11-26 10:00:00' };
    for (const c of CLASSES) {
      for (const field of Object.keys(form)) {
        const pairs = Object.entries({ ...form, messageId: `v-${++unique}` }).map(([k, v]): [string, string] => [k, k === field ? c.url : encodeURIComponent(v)]);
        const r = await srv.request('POST', vonagePath, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, rawBody: queryString(pairs) });
        outcomes.push({ what: `vonage inbound ${field} = ${c.name}`, status: r.status, text: r.text.slice(0, 200) });
      }
    }
    expect(outcomes.filter((o) => o.what.startsWith('vonage') && o.status === 200).length, 'Vonage accepted the well-formed ones').toBeGreaterThan(10);
    expect(failures(outcomes)).toEqual([]);
    // A customer's text with a NUL is still received (the NUL replaced), not bounced for ever.
    const raw = JSON.stringify({ id: 'in-nul', from: CUSTOMER, to: NUMBERS.support, text: 'at\u0000home \ud800', receivedAt: null });
    const r = await srv.request('POST', inboundPath, { headers: signed(raw), rawBody: raw });
    expect(r.status).toBeLessThan(300);
    const stored = await tdb.db.selectFrom('messages').select('body').where('account_id', '=', w.accountId).where('provider_message_id', '=', 'in-nul').executeTakeFirstOrThrow();
    expect(stored.body).toBe('at\uFFFDhome \uFFFD');
    // Vonage's default delivery is a GET: the fields come in the query, and are cleaned alike.
    const get = await srv.request('GET', `${vonagePath}?msisdn=33612345678&to=33757000001&messageId=v-get-nul&type=text&text=at%00home`);
    expect(get.status).toBe(200);
    const fromGet = await tdb.db.selectFrom('messages').select('body').where('account_id', '=', w.otherAccountId).where('provider_message_id', '=', 'v-get-nul').executeTakeFirstOrThrow();
    expect(fromGet.body).toBe('at\uFFFDhome');
    await stillAnswering();
  });
});

describe('fuzz: every field of every route', () => {
  it('refuses NUL and lone surrogates with VALIDATION_FAILED naming the field, and accepts emoji and noncharacters', async () => {
    const nul = await srv.request('POST', '/api/admin/templates', { headers: admin, body: { name: 'Bad\u0000name', body: 'Hi' } });
    expect(nul.status).toBe(400);
    expect(nul.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'name', in: 'body', reason: 'NUL_CHARACTER' } } });
    const lone = await srv.request('POST', '/api/admin/credits/top-ups', { headers: admin, body: { amount: 1, note: 'half \ud83d' } });
    expect(lone.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'note', in: 'body', reason: 'LONE_SURROGATE' } } });
    const cursor = await srv.request('GET', '/api/interactions?before=a%00b', { headers: agent });
    expect(cursor.status).toBe(400);
    expect(cursor.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'before', in: 'query', reason: 'NUL_CHARACTER' } } });
    const param = await srv.request('GET', '/api/queues/a%00b/templates', { headers: agent });
    expect(param.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'id', in: 'params', reason: 'NUL_CHARACTER' } } });
    // A lone surrogate in a path cannot even be decoded: the router's refusal wears the same envelope.
    const undecodable = await srv.request('GET', '/api/queues/a%ED%A0%80b/templates', { headers: agent });
    expect(undecodable.status).toBe(400);
    expect(undecodable.json).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const emoji = await srv.request('POST', '/api/admin/templates', { headers: admin, body: { name: 'Party 🎉', body: 'See you 😀 \uFDD0 soon' } });
    expect(emoji.status).toBe(201);
    const sent = await srv.request('POST', '/api/direct/messages', { headers: agent, body: { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'On my way 🚗' } });
    expect(sent.status, sent.text).toBe(201);
    expect(sent.json).toMatchObject({ encoding: 'UCS-2' });
  });

  it('answers no 5xx to any value class in any body, query or path field, and still answers afterwards', { timeout: 240_000 }, async () => {
    const docs = (await srv.request('GET', '/api/docs')).json as { paths: Record<string, Record<string, Operation>> };
    const outcomes: Outcome[] = [];
    let routes = 0;
    for (const [path, ops] of Object.entries(docs.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        // Logging out would end the session the walk uses; it has no field anyway.
        if (path === '/api/auth/logout') continue;
        routes++;
        await walkRoute(path, method.toUpperCase(), op, outcomes);
      }
    }
    expect(routes).toBeGreaterThan(30);
    expect(outcomes.length).toBeGreaterThan(1000);
    expect(failures(outcomes)).toEqual([]);
    // The walk reached the handlers: some values were accepted (emoji in a name or a text), most refused cleanly.
    expect(outcomes.filter((o) => o.status < 300).length).toBeGreaterThan(20);
    await stillAnswering();
  });

  it('answers no 5xx to hostile headers (Idempotency-Key with NUL, raw bytes, overlong) and still answers', async () => {
    const port = Number(new URL(srv.url).port);
    const body = JSON.stringify({ recipient: CUSTOMER, senderId: w.numbers.direct, text: 'key test' });
    const keys: Buffer[] = [Buffer.from('a\u0000b', 'latin1'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xff, 0xfe]), Buffer.from('😀', 'utf8'), Buffer.from('k'.repeat(300)), Buffer.from('a\u0001b', 'latin1')];
    const statuses: string[] = [];
    for (const key of keys) {
      const head = Buffer.concat([
        Buffer.from(`POST /api/direct/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nCookie: ${agent.cookie}\r\nX-CSRF-Token: ${agent['x-csrf-token']}\r\nIdempotency-Key: `),
        key,
        Buffer.from('\r\n'),
      ]);
      const answer = await rawRequest(port, head, body);
      statuses.push(answer.slice(0, answer.indexOf('\r\n')));
    }
    for (const s of statuses) expect(s, statuses.join(' | ')).toMatch(/^HTTP\/1\.1 [234]\d\d /);
    await stillAnswering();
  });
});
