// The adapter against the gateway fake: exact request bytes and headers, idempotent replays,
// the connection test, and cases the contract suite does not cover.
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundSms } from '../../domain/ports.js';
import { ReconcileUnavailableError } from '../webhook.js';
import { setupHttpJson, TEST_WEBHOOK_SECRET, type HttpJsonFixture } from '../../../test/fixtures/fakes/http-json-contract-fixture.js';
import { createHttpJsonProvider } from './provider.js';
import { checkWebhookSignature } from './signature.js';

let fx: HttpJsonFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

const sms = (over: Partial<OutboundSms> = {}): OutboundSms => ({
  messageId: 'm_0001',
  accountId: 'acc_1',
  from: 'ACME',
  to: '+33612345678',
  body: 'Your code is 4821',
  encoding: 'GSM-7',
  segments: 1,
  attempt: 0,
  ...over,
});
const signal = () => new AbortController().signal;
const setup = (opts: Parameters<typeof setupHttpJson>[1] = {}) => setupHttpJson({ accountId: 'acc_1' }, opts);

describe('HTTPS JSON send', () => {
  it('POSTs the reference example body byte for byte, with Basic auth and Idempotency-Key', async () => {
    fx = await setup();
    expect(await fx.provider.submit(sms(), signal())).toEqual({ kind: 'accepted', providerMessageId: 'prv-1' });
    const [req] = fx.gateway.requests;
    expect(req?.body).toBe('{"type":"NOTIFICATION","sender":"ACME","to":"+33612345678","retId":"m_0001","isUnicode":false,"text":"Your code is 4821","credits":1}');
    expect(req?.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      authorization: `Basic ${Buffer.from('desk:gateway-password-1').toString('base64')}`,
      'idempotency-key': 'm_0001',
    });
    expect(req?.headers['x-webhook-signature']).toBeUndefined();
  });

  it('declares UCS-2 and the credits, and the configured traffic type', async () => {
    fx = await setup({ config: { trafficType: 'MARKETING' } });
    await fx.provider.submit(sms({ body: 'Promo été 🌞', encoding: 'UCS-2', segments: 1 }), signal());
    expect(JSON.parse(fx.gateway.requests[0]?.body ?? '{}')).toMatchObject({ type: 'MARKETING', isUnicode: true, credits: 1 });
  });

  it('sends a MARKETING message as MARKETING whatever the account’s setting, and a NOTIFICATION one as the setting says', async () => {
    fx = await setup();
    await fx.provider.submit(sms({ messageId: 'm_0002', category: 'MARKETING' }), signal());
    await fx.provider.submit(sms({ messageId: 'm_0003', category: 'NOTIFICATION' }), signal());
    expect(fx.gateway.requests.map((r) => (JSON.parse(r.body) as { type: string }).type)).toEqual(['MARKETING', 'NOTIFICATION']);
    await fx.close();
    fx = await setup({ config: { trafficType: 'MARKETING' } });
    await fx.provider.submit(sms({ messageId: 'm_0004', category: 'NOTIFICATION' }), signal());
    expect(JSON.parse(fx.gateway.requests[0]?.body ?? '{}')).toMatchObject({ type: 'MARKETING' });
  });

  it('signs its own requests when asked, the way callbacks are signed', async () => {
    fx = await setup({ config: { signRequests: true } });
    await fx.provider.submit(sms(), signal());
    const req = fx.gateway.requests[0];
    const check = checkWebhookSignature({
      secrets: [TEST_WEBHOOK_SECRET],
      timestamp: req?.headers['x-webhook-timestamp'] as string,
      signature: req?.headers['x-webhook-signature'] as string,
      rawBody: req?.body ?? '',
      now: new Date(),
    });
    expect(check).toEqual({ ok: true });
  });

  it('the same retId twice gives the original id and one message', async () => {
    fx = await setup();
    const a = await fx.provider.submit(sms(), signal());
    const b = await fx.provider.submit(sms({ attempt: 1 }), signal());
    expect(b).toEqual(a);
    expect(fx.gateway.messages).toHaveLength(1);
    expect(fx.gateway.replays).toBe(1);
  });

  it('a 500 after recording is uncertain; reconcile replays and finds the original id', async () => {
    fx = await setup();
    fx.gateway.nextSend('error-after-record');
    expect((await fx.provider.submit(sms(), signal())).kind).toBe('uncertain');
    expect(await fx.provider.reconcile(sms(), new Date())).toEqual({ kind: 'found', providerMessageId: 'prv-1', status: 'sent' });
    expect(fx.gateway.messages).toHaveLength(1);
  });

  it.each<[string, { status: number; body?: string; headers?: Record<string, string> }, Record<string, unknown>]>([
    ['402', { status: 402 }, { kind: 'permanent', code: 'http_402' }],
    ['500', { status: 500 }, { kind: 'uncertain' }],
    ['429 Retry-After 2', { status: 429, headers: { 'retry-after': '2' } }, { kind: 'transient', retryAfterMs: 2000 }],
  ])('a %s answer from the gateway', async (_l, scenario, expected) => {
    fx = await setup();
    fx.gateway.nextSend(scenario);
    expect(await fx.provider.submit(sms(), signal())).toMatchObject(expected);
  });

  it('wrong credentials are a permanent http_401', async () => {
    fx = await setup({ config: { password: 'wrong-password' } });
    expect(await fx.provider.submit(sms(), signal())).toMatchObject({ kind: 'permanent', code: 'http_401' });
  });

  it('a certificate from an unknown CA is refused: the request never leaves (transient)', async () => {
    fx = await setup({ config: { caCertificate: undefined } });
    expect(await fx.provider.submit(sms(), signal())).toMatchObject({ kind: 'transient', code: 'network' });
    expect(fx.gateway.requests).toHaveLength(0);
  });
});

describe('HTTPS JSON reconciliation', () => {
  it('a refusal of the replay means the gateway holds nothing: not_found', async () => {
    fx = await setup();
    fx.gateway.nextSend('refused');
    expect(await fx.provider.reconcile(sms(), new Date())).toEqual({ kind: 'not_found' });
  });

  it('rejects with ReconcileUnavailableError when the gateway cannot answer now', async () => {
    fx = await setup();
    fx.gateway.nextSend({ status: 503 });
    await expect(fx.provider.reconcile(sms(), new Date())).rejects.toMatchObject({ problem: 'unreachable' });
    fx.gateway.nextSend('rate-limited');
    await expect(fx.provider.reconcile(sms(), new Date())).rejects.toMatchObject({ problem: 'rate_limited' });
    await fx.close();
    fx = await setup({ config: { password: 'wrong-password' } });
    await expect(fx.provider.reconcile(sms(), new Date())).rejects.toBeInstanceOf(ReconcileUnavailableError);
  });
});

describe('HTTPS JSON connection test', () => {
  it('sends the test request (no to/text/retId) and creates nothing', async () => {
    fx = await setup();
    expect(await fx.provider.testConnection()).toEqual({ ok: true });
    const [req] = fx.gateway.requests;
    expect(req?.headers['x-connection-test']).toBe('1');
    expect(JSON.parse(req?.body ?? '{}')).toEqual({ test: true, type: 'NOTIFICATION', sender: 'smsdesk' });
    expect(fx.gateway.messages).toHaveLength(0);
  });

  it('names bad credentials, a gateway without test mode, and an unreachable one', async () => {
    fx = await setup({ config: { password: 'wrong-password' } });
    expect(await fx.provider.testConnection()).toMatchObject({ ok: false, problem: 'credentials' });
    await fx.close();
    fx = await setup({ config: { url: 'http://127.0.0.1:1/v1/sms' } });
    expect(await fx.provider.testConnection()).toMatchObject({ ok: false, problem: 'unreachable' });
  });

  it('a gateway that answers the test request with a 4xx has no test mode', async () => {
    fx = await setup({ tls: false });
    const provider = createHttpJsonProvider(
      { url: fx.gateway.url.replace('/v1/sms', '/other'), webhookSecret: TEST_WEBHOOK_SECRET, username: 'desk', password: 'gateway-password-1' },
      { accountId: 'acc_1' },
    );
    try {
      expect(await provider.testConnection()).toMatchObject({ ok: false, problem: 'unsupported' });
    } finally {
      await provider.close();
    }
  });
});

describe('HTTPS JSON callbacks end to end', () => {
  it('a callback signed with the previous secret during a rotation is accepted', async () => {
    const previous = 'whsec_previous_0123456789abcdef0123456789';
    fx = await setup({ config: { previousWebhookSecret: previous }, fakeSecrets: [previous] });
    const accepted = await fx.provider.submit(sms(), signal());
    const mark = fx.receiver.calls.length;
    await fx.gateway.sendStatus('m_0001', 'delivered');
    expect(fx.receiver.since(mark).events).toMatchObject([{ type: 'status', status: 'delivered', messageId: 'm_0001', providerMessageId: accepted.kind === 'accepted' ? accepted.providerMessageId : '' }]);
  });

  it('the gateway retries a refused callback; a good one is answered 204 once', async () => {
    fx = await setup({ fakeSecrets: ['whsec_wrong_0123456789abcdef0123456789'] });
    const deliveries = await fx.gateway.sendInbound({ from: '+33612345678', to: '+33939000001', text: 'hi' }, { attempts: 3 });
    expect(deliveries.map((d) => d.status)).toEqual([401, 401, 401]);
  });
});
