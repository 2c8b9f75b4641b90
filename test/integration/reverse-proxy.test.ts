// smsdesk behind a reverse proxy, through the real server and a small proxy that forwards as
// nginx does (test/fixtures/forwarding-proxy.ts): Host rewritten to the upstream's,
// X-Forwarded-Proto/-Host/-For added, the path prefix stripped (`proxy_pass http://upstream/;`)
// or kept (`proxy_pass http://upstream;`), the request target's bytes otherwise untouched. An
// administrator reads the webhook addresses from the admin API through the proxy; each provider
// then calls exactly that address, signed as the provider signs it: Twilio (HMAC-SHA1 over the
// URL and the sorted POST parameters), Vonage signed webhooks (parameters only) and HTTPS JSON
// (timestamp and body).
import { createHash, createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/platform/password.js';
import { createProviderCache } from '../../src/main/provider-cache.js';
import { createProviderFactory } from '../../src/main/provider-factory.js';
import { createWebhookGateway } from '../../src/main/webhook-gateway.js';
import { startForwardingProxy, type ForwardingProxy as Proxy } from '../fixtures/forwarding-proxy.js';
import { buildWorld, CUSTOMER, NUMBERS, testDeps, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestAppOptions, type TestServer } from './http-harness.js';

const PUBLIC_HOST = 'sms.example.com';
const PUBLIC_URL = `https://${PUBLIC_HOST}/smsdesk`;
const JSON_SECRET = 'whsec_proxy_0123456789abcdef0123456789abcdef';
const TWILIO_TOKEN = 'twilio-proxy-token-0123456789abcdef';
const VONAGE_SECRET = 'vonage-signature-secret-0123456789';
/** Characters URL encoders disagree on (WHATWG re-encodes `'` in a query, others `!*()~`, `+` or `%20`). */
const AWKWARD_QUERY = "?tag=O'Brien!*()~&note=a+b%20c%27d&list=[1,2]|x:y@z;w,v$u";

interface Reply {
  status: number;
  text: string;
  json: unknown;
  headers: http.IncomingHttpHeaders;
}

/** One request with the target sent byte for byte (fetch would re-encode the query). */
function send(port: number, method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: target, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode ?? 0, text, json, headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

let tdb: TestDatabase;
let w: World;
const servers: TestServer[] = [];
const proxies: Proxy[] = [];
const jsonAccount = { id: '', email: 'admin-json@example.test' };
const vonageAccount = { id: 'proxy-vonage', email: 'admin-vonage@example.test' };
const twilioAccount = { id: 'proxy-twilio', email: 'admin-twilio@example.test' };

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  jsonAccount.id = w.accountId;
  await tdb.db
    .updateTable('accounts')
    .set({ provider_type: 'http-json', provider_config: JSON.stringify({ url: 'http://127.0.0.1:9/unused', webhookSecret: JSON_SECRET }) })
    .where('id', '=', w.accountId)
    .execute();
  await tdb.db
    .insertInto('accounts')
    .values([
      {
        id: vonageAccount.id,
        name: 'Proxy V',
        provider_type: 'vonage',
        provider_config: JSON.stringify({ apiKey: 'k', apiSecret: 'vonage-api-secret', baseUrl: 'http://127.0.0.1:9', signatureSecret: VONAGE_SECRET, signatureMethod: 'sha256hmac' }),
      },
      { id: twilioAccount.id, name: 'Proxy T', provider_type: 'twilio', provider_config: JSON.stringify({ accountSid: `AC${'c'.repeat(32)}`, authToken: TWILIO_TOKEN, baseUrl: 'http://127.0.0.1:9', statusCallbackUrl: `${PUBLIC_URL}/webhooks/twilio/status` }) },
    ])
    .execute();
  const password_hash = await hashPassword('pw');
  await tdb.db
    .insertInto('agents')
    .values([jsonAccount, vonageAccount, twilioAccount].map((a) => ({ id: `admin-${a.id}`, account_id: a.id, email: a.email, name: 'Admin', role: 'admin' as const, profile_id: null, password_hash })))
    .execute();
});
afterAll(async () => {
  for (const p of proxies) await p.close();
  for (const s of servers) await s.close();
  await tdb?.close();
});

async function startBehindProxy(app: TestAppOptions, proxy: { prefix: string; strip: boolean }): Promise<Proxy> {
  const deps = { ...testDeps(tdb.db), wake: () => tdb.wakeSource.wake() };
  const webhooks = createWebhookGateway(deps, createProviderCache(tdb.db, createProviderFactory(null)));
  const srv = await startTestServer(tdb, { webhooks, app });
  servers.push(srv);
  const p = await startForwardingProxy(Number(new URL(srv.url).port), { ...proxy, forwardedProto: 'https', forwardedHost: PUBLIC_HOST });
  proxies.push(p);
  return p;
}

/** The webhook addresses as the admin page shows them, read through the proxy at `base` ('' or '/smsdesk'). */
async function shownAddresses(proxy: Proxy, base: string, email: string): Promise<{ inbound: string; status: string }> {
  const login = await send(proxy.port, 'POST', `${base}/api/auth/login`, { 'content-type': 'application/json' }, JSON.stringify({ email, password: 'pw' }));
  expect(login.status).toBe(200);
  const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
  const view = await send(proxy.port, 'GET', `${base}/api/admin/provider`, { cookie });
  expect(view.status).toBe(200);
  return (view.json as { webhooks: { inbound: string; status: string } }).webhooks;
}

/** Where the proxy is asked for `address`: its path and query exactly as written (no URL parser). */
function targetOf(address: string): string {
  const m = /^https:\/\/[^/]+(\/.*)$/.exec(address);
  if (!m?.[1]) throw new Error(`not an https address: ${address}`);
  return m[1];
}

const inboundCount = async (accountId: string) =>
  (await tdb.db.selectFrom('messages').select('id').where('account_id', '=', accountId).where('direction', '=', 'in').execute()).length;

/** Twilio: HMAC-SHA1 keyed with the auth token over the URL as configured, then each POST parameter's name and value sorted by name; base64. */
function twilioSignature(url: string, form: URLSearchParams): string {
  const data = url + [...form].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => k + v).join('');
  return createHmac('sha1', TWILIO_TOKEN).update(data).digest('base64');
}

/** Vonage signed webhooks: every parameter but sig, sorted, `&k=v` with `&`/`=` in values as `_`; HMAC-SHA256 hex. */
function vonageSigned(params: Record<string, string>): URLSearchParams {
  const withReplay = { ...params, timestamp: String(Math.floor(Date.now() / 1000)), nonce: randomUUID() };
  const base = Object.keys(withReplay)
    .sort()
    .map((k) => `&${k}=${(withReplay as Record<string, string>)[k]!.replace(/[&=]/g, '_')}`)
    .join('');
  return new URLSearchParams({ ...withReplay, sig: createHmac('sha256', VONAGE_SECRET).update(base).digest('hex') });
}

/** HTTPS JSON contract: HMAC-SHA256 over `${timestamp}.${body}`, hex, as `v1=`. */
function jsonSigned(body: string): Record<string, string> {
  const at = String(Math.floor(Date.now() / 1000));
  return { 'content-type': 'application/json', 'x-webhook-timestamp': at, 'x-webhook-signature': `v1=${createHmac('sha256', JSON_SECRET).update(`${at}.${body}`).digest('hex')}` };
}

/**
 * Each provider calls the address shown for its account (plus `query`, as an administrator may
 * add one to a callback address), through the proxy, signed over that exact address: accepted
 * and stored.
 */
async function everyProviderDelivers(proxy: Proxy, base: string, expectedOrigin: string, query = ''): Promise<void> {
  const tag = createHash('sha1').update(randomUUID()).digest('hex').slice(0, 10);

  const twilio = await shownAddresses(proxy, base, twilioAccount.email);
  expect(twilio.inbound.startsWith(`${expectedOrigin}/webhooks/twilio/${twilioAccount.id}/`)).toBe(true);
  const twilioUrl = twilio.inbound + query;
  const form = new URLSearchParams({ MessageSid: `SM${tag.padEnd(32, '0')}`, AccountSid: `AC${'c'.repeat(32)}`, From: CUSTOMER, To: '+447700900124', Body: "it's here" });
  const before = await inboundCount(twilioAccount.id);
  const t = await send(proxy.port, 'POST', targetOf(twilioUrl), { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(twilioUrl, form) }, form.toString());
  expect({ provider: 'twilio', status: t.status }).toEqual({ provider: 'twilio', status: 200 });
  expect(await inboundCount(twilioAccount.id)).toBe(before + 1);
  // The same request signed over another address is still refused.
  const forged = await send(proxy.port, 'POST', targetOf(twilioUrl), { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(twilioUrl.replace('/smsdesk', ''), form) }, form.toString());
  if (twilioUrl.includes('/smsdesk/')) expect(forged.status).toBe(403);

  const vonage = await shownAddresses(proxy, base, vonageAccount.email);
  expect(vonage.inbound.startsWith(`${expectedOrigin}/webhooks/vonage/${vonageAccount.id}/`)).toBe(true);
  const vonageText = query ? "O'Brien!*()~ a+b [1]" : "it's here";
  const vonageParams = vonageSigned({ msisdn: CUSTOMER.slice(1), to: '447700900123', messageId: `v-${tag}`, text: vonageText, type: 'text', 'message-timestamp': '2026-01-02 03:04:05' });
  const vBefore = await inboundCount(vonageAccount.id);
  // Vonage signs its parameters, not the address: the query case is its GET delivery, whose
  // parameters are the query, encoded as encodeURIComponent does (`'!*()~` left as they are).
  const v = query
    ? await send(proxy.port, 'GET', `${targetOf(vonage.inbound)}?${[...vonageParams].map(([k, val]) => `${encodeURIComponent(k)}=${encodeURIComponent(val)}`).join('&')}`)
    : await send(proxy.port, 'POST', targetOf(vonage.inbound), { 'content-type': 'application/x-www-form-urlencoded' }, vonageParams.toString());
  expect({ provider: 'vonage', status: v.status }).toEqual({ provider: 'vonage', status: 200 });
  expect(await inboundCount(vonageAccount.id)).toBe(vBefore + 1);
  const stored = await tdb.db.selectFrom('messages').select('body').where('account_id', '=', vonageAccount.id).where('provider_message_id', '=', `v-${tag}`).executeTakeFirstOrThrow();
  expect(stored.body).toBe(vonageText);

  const json = await shownAddresses(proxy, base, jsonAccount.email);
  expect(json.inbound.startsWith(`${expectedOrigin}/webhooks/http-json/${jsonAccount.id}/`)).toBe(true);
  const body = JSON.stringify({ id: `j-${tag}`, from: CUSTOMER, to: NUMBERS.support, text: "it's here", receivedAt: null });
  const jBefore = await inboundCount(jsonAccount.id);
  const j = await send(proxy.port, 'POST', targetOf(json.inbound + query), jsonSigned(body), body);
  expect({ provider: 'http-json', status: j.status }).toEqual({ provider: 'http-json', status: 204 });
  expect(await inboundCount(jsonAccount.id)).toBe(jBefore + 1);
}

describe('PUBLIC_URL with a path prefix (https://sms.example.com/smsdesk)', () => {
  it('the proxy strips the prefix: the addresses shown carry it, and every provider’s signed webhook is accepted', async () => {
    const proxy = await startBehindProxy({ publicBaseUrl: PUBLIC_URL, trustProxy: true }, { prefix: '/smsdesk', strip: true });
    await everyProviderDelivers(proxy, '/smsdesk', PUBLIC_URL);
    expect(proxy.forwarded.every((p) => !p.startsWith('/smsdesk'))).toBe(true);
  });

  it('the proxy keeps the prefix: the API, the webhooks and the health check answer below it', async () => {
    const proxy = await startBehindProxy({ publicBaseUrl: PUBLIC_URL, trustProxy: true }, { prefix: '/smsdesk', strip: false });
    await everyProviderDelivers(proxy, '/smsdesk', PUBLIC_URL);
    expect(proxy.forwarded.every((p) => p.startsWith('/smsdesk/'))).toBe(true);
    expect((await send(proxy.port, 'GET', '/smsdesk/healthz')).json).toEqual({ status: 'ok' });
    const docs = await send(proxy.port, 'GET', '/smsdesk/api/docs');
    expect(docs.status).toBe(200);
    // An unknown address below the prefix is the server's own 404.
    expect((await send(proxy.port, 'GET', '/smsdesk/nothing-here')).text).toContain('"NOT_FOUND"');
  });

  it('redirects the bare prefix to the prefix with its slash, where the Banner’s relative addresses resolve', async () => {
    const [srv] = servers;
    const port = Number(new URL(srv!.url).port);
    const r = await send(port, 'GET', '/smsdesk?lang=fr');
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe('/smsdesk/?lang=fr');
  });

  it('signs over the query string byte for byte: characters encoders disagree on are not re-encoded', async () => {
    const proxy = await startBehindProxy({ publicBaseUrl: PUBLIC_URL, trustProxy: true }, { prefix: '/smsdesk', strip: true });
    await everyProviderDelivers(proxy, '/smsdesk', PUBLIC_URL, AWKWARD_QUERY);
    expect(proxy.forwarded.some((p) => p.endsWith(AWKWARD_QUERY))).toBe(true);
  });
});

describe('TRUST_PROXY without PUBLIC_URL', () => {
  it('the addresses and the signature check follow X-Forwarded-Proto and X-Forwarded-Host, not the rewritten Host; without TRUST_PROXY those headers are ignored', async () => {
    const proxy = await startBehindProxy({ trustProxy: true }, { prefix: '', strip: false });
    await everyProviderDelivers(proxy, '', `https://${PUBLIC_HOST}`);
    const untrusted = await startBehindProxy({}, { prefix: '', strip: false });
    expect((await shownAddresses(untrusted, '', twilioAccount.email)).inbound).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhooks\/twilio\//);
  });

  it('signs over the query string byte for byte here too', async () => {
    const proxy = await startBehindProxy({ trustProxy: true }, { prefix: '', strip: false });
    await everyProviderDelivers(proxy, '', `https://${PUBLIC_HOST}`, AWKWARD_QUERY);
  });
});
